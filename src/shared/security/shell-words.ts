/**
 * Shell words: how the parser assembles one word from literal text, quoted text and expansions,
 * then splits unquoted expansions into fields (by IFS) and expands brace lists, all bounded.
 */
import { MAX_BRACE_WORDS } from "./limits.js";

export interface Word {
  /** Expanded value; parts that could not be resolved statically contribute "". */
  value: string;
  /** Some part could not be resolved (unknown variable, non-static $(…)). */
  dyn: boolean;
  /** The word starts with an unresolved part ("$DIR/x"). */
  dynStart: boolean;
  /** A substitution inside pulls from the network ("$(curl …)", "<(wget …)"). */
  net: boolean;
  /** Some part was quoted (so it is never a reserved word and never brace-expanded). */
  quoted: boolean;
  /** For a process substitution <(…) whose output is static: that output. */
  fdText?: string;
  /** Some unresolved part is the output of a command ($(…) that is not static), not a variable. */
  computed?: boolean;
}

const FIELD_SEP = /[ \t\n]+/;
// Only the first few "{" of a word are tried for brace expansion, each scanned this far: keeps it linear.
const BRACE_TRIES = 8;
const BRACE_SCAN = 4_096;
// Brace groups expanded per word: 2^6 = 64 words already reaches MAX_BRACE_WORDS for two-way lists.
const BRACE_DEPTH = 8;

export class WordBuilder {
  readonly fields: Word[] = [];
  private cur = "";
  private started = false;
  private dyn = false;
  private dynStart = false;
  private quoted = false;
  private net = false;
  private fdText: string | undefined;
  private computed = false;

  /** sep: how unquoted expansions split into fields (from IFS); null = no splitting. */
  constructor(private readonly sep: RegExp | null = FIELD_SEP) {}

  /** A process substitution: a /dev/fd path whose content may be known. */
  procSub(net: boolean, text: string | null): void {
    this.expansion("/dev/fd/63", true, false, net);
    if (text !== null) this.fdText = text;
  }

  lit(text: string, quoted: boolean): void {
    this.cur += text;
    this.started = true;
    if (quoted) this.quoted = true;
  }

  /** Text of the current field so far. */
  text(): string {
    return this.cur;
  }

  markQuoted(): void {
    this.started = true;
    this.quoted = true;
  }

  expansion(value: string, quoted: boolean, dyn: boolean, net: boolean, computed = false): void {
    if (net) this.net = true;
    if (computed) this.computed = true;
    if (dyn) {
      if (this.cur.length === 0) this.dynStart = true;
      this.dyn = true;
      this.started = true;
      if (quoted) this.quoted = true;
    }
    if (quoted) {
      this.lit(value, true);
      return;
    }
    if (value.length === 0) return;
    if (this.sep === null) {
      this.lit(value, false);
      return;
    }
    const parts = value.split(this.sep);
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) this.endField();
      const p = parts[k]!;
      if (p.length > 0) this.lit(p, false);
    }
  }

  private endField(): void {
    if (this.started) {
      const w: Word = {
        value: this.cur,
        dyn: this.dyn,
        dynStart: this.dynStart,
        net: false,
        quoted: this.quoted,
      };
      if (this.fdText !== undefined) w.fdText = this.fdText;
      if (this.computed) w.computed = true;
      this.fields.push(w);
    }
    this.fdText = undefined;
    this.computed = false;
    this.cur = "";
    this.started = false;
    this.dyn = false;
    this.dynStart = false;
    this.quoted = false;
  }

  finish(): Word[] {
    this.endField();
    const out: Word[] = [];
    for (const f of this.fields) {
      if (this.net) f.net = true;
      if (!f.quoted && !f.dyn && f.value.indexOf("{") >= 0 && f.value.indexOf(",") >= 0) {
        const expanded: string[] = [];
        expandBraces(f.value, expanded);
        for (const v of expanded) out.push({ ...f, value: v });
      } else out.push(f);
    }
    return out;
  }

  /** The whole text as one value (double-quote context: no splitting). */
  whole(): { value: string; dyn: boolean; net: boolean } {
    this.endField();
    let value = "";
    let dyn = false;
    for (const f of this.fields) {
      value += f.value;
      if (f.dyn) dyn = true;
    }
    return { value, dyn, net: this.net };
  }
}

/**
 * Bash brace lists: a{b,c}d → abd acd (nested, bounded). Sequences {1..3} are left alone. Expansion
 * is depth-first, so the depth is bounded too: beyond it the rest of the word stays unexpanded.
 */
export function expandBraces(s: string, out: string[], level = 0): void {
  if (out.length >= MAX_BRACE_WORDS) return;
  if (level >= BRACE_DEPTH) {
    out.push(s);
    return;
  }
  let start = s.indexOf("{");
  for (let tries = 0; start >= 0 && tries < BRACE_TRIES; tries++, start = s.indexOf("{", start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let end = -1;
    const limit = Math.min(s.length, start + BRACE_SCAN);
    for (let j = start; j < limit; j++) {
      const c = s[j];
      if (c === "{") depth++;
      else if (c === "}") {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      } else if (c === "," && depth === 1) commas.push(j);
    }
    if (end < 0 || commas.length === 0) continue;
    const prefix = s.slice(0, start);
    const suffix = s.slice(end + 1);
    let from = start + 1;
    for (const cut of [...commas, end]) {
      expandBraces(prefix + s.slice(from, cut) + suffix, out, level + 1);
      from = cut + 1;
      if (out.length >= MAX_BRACE_WORDS) return;
    }
    return;
  }
  out.push(s);
}

// Field separators for non-default IFS values, compiled once each (scripts use one or two).
const IFS_CACHE = new Map<string, RegExp | null>();
const IFS_CACHE_MAX = 16;

export function fieldSeparator(ifs: string | undefined): RegExp | null {
  if (ifs === undefined || ifs === " \t\n") return FIELD_SEP;
  let re = IFS_CACHE.get(ifs);
  if (re === undefined) {
    re = ifs === "" ? null : new RegExp(`[${ifs.replace(/[\\\]^-]/g, "\\$&")}]+`);
    if (IFS_CACHE.size < IFS_CACHE_MAX) IFS_CACHE.set(ifs, re);
  }
  return re;
}

export function trimTrailingNewlines(s: string): string {
  let e = s.length;
  while (e > 0 && s[e - 1] === "\n") e--;
  return s.slice(0, e);
}
