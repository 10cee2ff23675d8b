/**
 * Helpers the rule handlers share: recording findings, judging a word as a path, and a small
 * getopt-like scanner for arguments.
 */
import type { Cmd, JudgeState } from "./compiled.js";
import { judgePath } from "./path-rules.js";
import { classifyTarget, lexicalNormalize, resolvePath, type TargetClass } from "./paths.js";
import { hit, type RuleId } from "./rules.js";
import type { Word } from "./shell-parse.js";
import { q } from "./text.js";
import type { Finding, PathAccess } from "./types.js";

export function add(st: JudgeState, f: Finding | null): void {
  if (f) st.findings.push(f);
}

export function flag(c: Cmd, rule: RuleId, what: string): void {
  c.st.findings.push(hit(rule, what));
}

/** The command as written, short, for a reason: `git push --force origin main`. */
export function shown(c: Cmd, max = 6): string {
  const parts = [c.argv0.value, ...c.args.slice(0, max).map((w) => w.value)];
  return q(parts.join(" ") + (c.args.length > max ? " …" : ""));
}

/** Absolute path of `p` in the current directory, through symlinks made earlier on the line. */
export function resolveIn(st: JudgeState, p: string): string {
  const abs = resolvePath(p, st.policy.home, st.cwd);
  for (const [from, to] of st.links) {
    // `rm -rf link` removes the link; `rm -rf link/` and `link/x` go through it.
    if (abs.startsWith(`${from}/`) || (abs === from && p.endsWith("/"))) {
      return lexicalNormalize(to + abs.slice(from.length));
    }
  }
  return abs;
}

export function classify(st: JudgeState, abs: string): TargetClass {
  return classifyTarget(abs, st.policy);
}

/**
 * Judge a word used as a path. Words starting with an unresolved part ("$DIR/x") are skipped: their
 * location is unknown, and judging the static tail would misplace them.
 */
export function checkPath(
  st: JudgeState,
  w: Word,
  access: PathAccess,
  truncating = false,
  resolved?: string,
): void {
  if (w.dynStart || w.value.length === 0) return;
  const abs = resolved ?? resolveIn(st, w.value);
  add(st, judgePath(st.policy.paths, w.value, abs, access, truncating));
}

export interface Opt {
  name: string;
  value: Word | null;
}

export interface ScannedArgs {
  opts: Opt[];
  ops: Word[];
}

const NO_VALUES: ReadonlySet<string> = new Set();

/**
 * Split arguments into options and operands. `--` ends options; "--name=value" is split; options
 * listed in valueOpts take the next argument as their value; short clusters ("-rf") stay whole.
 */
export function scanArgs(args: readonly Word[], valueOpts: ReadonlySet<string> = NO_VALUES): ScannedArgs {
  const opts: Opt[] = [];
  const ops: Word[] = [];
  let end = false;
  for (let k = 0; k < args.length; k++) {
    const w = args[k]!;
    const v = w.value;
    if (!end && v === "--") end = true;
    else if (!end && v.length > 1 && v.startsWith("-")) {
      const eq = v.startsWith("--") ? v.indexOf("=") : -1;
      if (eq > 0) opts.push({ name: v.slice(0, eq), value: { ...w, value: v.slice(eq + 1) } });
      else if (valueOpts.has(v) && k + 1 < args.length) {
        opts.push({ name: v, value: args[k + 1]! });
        k++;
      } else opts.push({ name: v, value: null });
    } else ops.push(w);
  }
  return { opts, ops };
}

/** Is any of `names` present, or (for one-letter names) inside a short cluster like "-rf"? */
export function hasOpt(opts: readonly Opt[], ...names: string[]): boolean {
  for (const o of opts) {
    if (names.includes(o.name)) return true;
    if (o.name.length > 2 && !o.name.startsWith("--")) {
      for (const n of names) if (n.length === 2 && n[0] === "-" && o.name.includes(n[1]!)) return true;
    }
  }
  return false;
}

export function optValues(opts: readonly Opt[], ...names: string[]): Word[] {
  const out: Word[] = [];
  for (const o of opts) if (o.value && names.includes(o.name)) out.push(o.value);
  return out;
}

/** A Word for a synthetic value (e.g. a target derived from an option). */
export function synthetic(value: string, like?: Word): Word {
  return {
    value,
    dyn: like?.dyn ?? false,
    dynStart: like?.dynStart ?? false,
    net: like?.net ?? false,
    quoted: true,
  };
}
