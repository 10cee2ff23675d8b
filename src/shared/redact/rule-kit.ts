/** The shape of a built-in rule and small helpers for building them from regexes. */
import { type RedactionKind, token } from "./kinds.js";

export type Replacer = (match: string, ...rest: unknown[]) => string;

export interface Rule {
  /** Short name, used by tests and the benchmark. */
  name: string;
  /** Returns the text with this rule's matches replaced (the same string when nothing matched). */
  apply: (text: string) => string;
  /**
   * A necessary condition for a match: a literal every match contains (checked with includes()) or
   * a cheap test. When it fails the rule is skipped. Null: always run.
   */
  gate: string | ((text: string) => boolean) | null;
}

export function regexRule(name: string, gate: Rule["gate"], re: RegExp, replace: Replacer): Rule {
  return { name, gate, apply: (text) => text.replace(re, replace) };
}

/** Arguments of a replace callback: (match, ...captures, offset, whole[, groups]). */
export function offsetOf(rest: unknown[]): number {
  const last = rest[rest.length - 1];
  return (
    typeof last === "object" && last !== null ? rest[rest.length - 3] : rest[rest.length - 2]
  ) as number;
}
export function wholeOf(rest: unknown[]): string {
  const last = rest[rest.length - 1];
  return (typeof last === "object" && last !== null ? rest[rest.length - 2] : last) as string;
}

export function fixed(name: string, gate: Rule["gate"], re: RegExp, kind: RedactionKind): Rule {
  const t = token(kind);
  return regexRule(name, gate, re, () => t);
}
