/**
 * A linear, forgiving POSIX-shell parser for judging commands (not for running them). It produces
 * pipelines of simple commands whose words are already quote-removed and expanded the way bash
 * would: $'…' ANSI-C strings, "$HOME"/${HOME}/~, ${IFS} word splitting, ${X:-default}, brace lists,
 * and $(…)/`…` replaced by their output when that output is static (echo, printf, base64 -d …).
 * Every command substitution, process substitution and unquoted heredoc body is parsed too, so the
 * judge sees commands hidden in data positions, while quoted text stays data.
 *
 * Malformed input never throws: an unclosed quote or $( simply ends at the end of the text. The
 * only throws are ParseLimitError (nesting or command-count bound), which the caller turns into deny.
 */
import { ASSIGNMENT, DECLARE_BUILTINS, HEADER_WORDS, NET_SOURCES, RESERVED_PREFIX } from "./command-sets.js";
import { MAX_NESTING, MAX_SIMPLE_COMMANDS } from "./limits.js";
import { decodeBackslashEscapes } from "./normalize.js";
import { fieldSeparator, trimTrailingNewlines, type Word, WordBuilder } from "./shell-words.js";
import { printfOutput, staticOutput } from "./static-eval.js";
import { baseName } from "./text.js";

export type { Word } from "./shell-words.js";
export { expandBraces } from "./shell-words.js";

export interface Redirect {
  /** "<", ">", ">>", ">|", "<>", "&>", "&>>", ">&" (to a file), "<<", "<<-", "<<<". fd duplications are dropped. */
  op: string;
  target: Word | null;
  /** Heredoc or here-string text fed to stdin, else null. */
  body: string | null;
  bodyNet: boolean;
}

export interface FunctionDef {
  name: string;
  body: Script;
}

export interface SimpleCommand {
  kind: "simple";
  words: Word[];
  redirs: Redirect[];
  /** Command/process substitutions found in this command's words, redirects and heredocs. */
  subs: Script[];
  func: FunctionDef | null;
  /** `for x in …`, `case … in`: the words are data. */
  header: boolean;
  /** Output may come from the network. */
  net: boolean;
}

export interface GroupCommand {
  kind: "group";
  body: Script;
  redirs: Redirect[];
  subs: Script[];
  net: boolean;
}

export type Stage = SimpleCommand | GroupCommand;

export interface Pipeline {
  stages: Stage[];
  background: boolean;
}

export interface Script {
  pipelines: Pipeline[];
  net: boolean;
}

export interface ShellEnv {
  /** Known variables (HOME, PWD, IFS … and assignments seen so far). Mutated by assignments. */
  vars: Map<string, string>;
  home: string;
}

export interface ParseBudget {
  commands: number;
}

export class ParseLimitError extends Error {
  constructor(readonly limit: "nesting" | "complexity") {
    super(`shell parse limit: ${limit}`);
  }
}

type Closer = "eof" | ")" | "`" | "}";

interface PendingHeredoc {
  redir: Redirect;
  delim: string;
  strip: boolean;
  expand: boolean;
  sink: Script[];
  depth: number;
}

const BLANK = new Set([" ", "\t", "\r"]);
// Characters that end an unquoted word.
const WORD_END = new Set([" ", "\t", "\r", "\n", ";", "&", "|", "(", ")", "<", ">"]);
// Characters a plain run of word text stops at, to let word() look at them.
const WORD_SPECIAL = new Set([...WORD_END, "`", "\\", "'", '"', "$", "="]);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAM = /[0-9@*#?$!-]/;
const USER_CHAR = /[A-Za-z0-9._-]/;
const DIGIT = /[0-9]/;
const ASSIGN_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*\+?$/;
const FD_DUP_TARGET = /^(?:[0-9]+-?|-)$/;
const PARAM = /^([#!]?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])([\s\S]*)$/;
const PARAM_OP = /^(:?)([-=?+])([\s\S]*)$/;
const REDIRECT_OPS = ["<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "&>>", "&>", "<", ">"] as const;
class Parser {
  private i = 0;
  private readonly n: number;
  private sink: Script[] = [];
  private heredocs: PendingHeredoc[] = [];
  private backticks = 0;

  constructor(
    private readonly s: string,
    private readonly env: ShellEnv,
    private readonly budget: ParseBudget,
  ) {
    this.n = s.length;
  }

  top(depth: number): Script {
    const script = this.list("eof", depth);
    this.readHeredocs();
    return script;
  }

  private list(closer: Closer, depth: number): Script {
    if (depth > MAX_NESTING) throw new ParseLimitError("nesting");
    const s = this.s;
    const pipelines: Pipeline[] = [];
    let net = false;
    while (this.i < this.n) {
      const before = this.i;
      this.skipSeparators();
      if (this.i >= this.n) break;
      const c = s[this.i];
      if (c === ")") {
        this.i++;
        if (closer === ")") break;
        continue;
      }
      if (c === "`" && closer === "`") {
        this.i++;
        break;
      }
      if (closer === "}" && this.atReserved("}")) {
        this.i++;
        break;
      }
      const p = this.pipeline(closer, depth);
      if (p.stages.length > 0) {
        pipelines.push(p);
        if (p.stages.some((st) => st.net)) net = true;
      }
      const d = s[this.i];
      if (d === "&") {
        if (s[this.i + 1] === "&") this.i += 2;
        else {
          p.background = true;
          this.i++;
        }
      } else if (d === "|" && s[this.i + 1] === "|") this.i += 2;
      if (this.i === before) this.i++;
    }
    return { pipelines, net };
  }

  private skipSeparators(): void {
    const s = this.s;
    while (this.i < this.n) {
      const c = s[this.i]!;
      if (BLANK.has(c) || c === ";") this.i++;
      else if (c === "\n") {
        this.i++;
        this.readHeredocs();
      } else if (c === "\\" && s[this.i + 1] === "\n") this.i += 2;
      else if (c === "#") this.skipComment();
      else if (c === "&" && s[this.i + 1] !== ">") this.i++;
      else break;
    }
  }

  private skipBlanks(): void {
    const s = this.s;
    while (this.i < this.n) {
      const c = s[this.i]!;
      if (BLANK.has(c)) this.i++;
      else if (c === "\\" && s[this.i + 1] === "\n") this.i += 2;
      else break;
    }
  }

  private skipComment(): void {
    const e = this.s.indexOf("\n", this.i);
    this.i = e < 0 ? this.n : e;
  }

  private atReserved(word: string): boolean {
    if (!this.s.startsWith(word, this.i)) return false;
    const next = this.s[this.i + word.length];
    return next === undefined || WORD_END.has(next);
  }

  private pipeline(closer: Closer, depth: number): Pipeline {
    const s = this.s;
    const stages: Stage[] = [];
    for (;;) {
      const st = this.command(closer, depth);
      if (st) stages.push(st);
      this.skipBlanks();
      if (s[this.i] === "|" && s[this.i + 1] !== "|") {
        this.i += s[this.i + 1] === "&" ? 2 : 1;
        while (this.i < this.n && (BLANK.has(s[this.i]!) || s[this.i] === "\n")) {
          if (s[this.i] === "\n") {
            this.i++;
            this.readHeredocs();
          } else this.i++;
        }
        continue;
      }
      return { stages, background: false };
    }
  }

  private command(closer: Closer, depth: number): Stage | null {
    this.skipBlanks();
    if (this.s[this.i] === "(") {
      this.i++;
      return this.group(this.list(")", depth + 1), depth);
    }
    if (this.atReserved("{")) {
      this.i++;
      return this.group(this.list("}", depth + 1), depth);
    }
    return this.simple(closer, depth);
  }

  private group(body: Script, depth: number): GroupCommand {
    const g: GroupCommand = { kind: "group", body, redirs: [], subs: [], net: body.net };
    const saved = this.sink;
    this.sink = g.subs;
    try {
      for (;;) {
        this.skipBlanks();
        if (!this.isRedirectStart()) break;
        g.redirs.push(this.redirect(depth));
      }
    } finally {
      this.sink = saved;
    }
    if (g.redirs.some((r) => r.target?.net || r.bodyNet) || g.subs.some((x) => x.net)) g.net = true;
    return g;
  }

  private simple(closer: Closer, depth: number): SimpleCommand | null {
    if (++this.budget.commands > MAX_SIMPLE_COMMANDS) throw new ParseLimitError("complexity");
    const s = this.s;
    const cmd: SimpleCommand = {
      kind: "simple",
      words: [],
      redirs: [],
      subs: [],
      func: null,
      header: false,
      net: false,
    };
    const saved = this.sink;
    this.sink = cmd.subs;
    try {
      while (this.i < this.n) {
        this.skipBlanks();
        if (this.i >= this.n) break;
        const c = s[this.i]!;
        if (c === "\n" || c === ";" || c === "|" || c === ")") break;
        if (c === "&") {
          if (s[this.i + 1] === ">") {
            cmd.redirs.push(this.redirect(depth));
            continue;
          }
          break;
        }
        if (c === "`" && this.backticks > 0) break;
        if (c === "#") {
          this.skipComment();
          break;
        }
        if (closer === "}" && cmd.words.length === 0 && this.atReserved("}")) break;
        if (this.isRedirectStart()) {
          cmd.redirs.push(this.redirect(depth));
          continue;
        }
        if (c === "(") {
          const first = cmd.words[0];
          if (cmd.words.length === 1 && first && !first.quoted && this.funcParens()) {
            cmd.func = { name: first.value, body: this.funcBody(depth) };
            cmd.words = [];
            break;
          }
          this.i++;
          continue;
        }
        const before = this.i;
        for (const f of this.word(depth)) {
          if (cmd.words.length === 0 && !f.quoted && RESERVED_PREFIX.has(f.value)) continue;
          if (cmd.words.length === 0 && !f.quoted && HEADER_WORDS.has(f.value)) cmd.header = true;
          cmd.words.push(f);
        }
        if (this.i === before) this.i++;
        const w0 = cmd.words[0];
        if (cmd.words.length === 2 && w0 && !w0.quoted && w0.value === "function") {
          this.skipBlanks();
          if (s[this.i] === "(") this.funcParens();
          cmd.func = { name: cmd.words[1]!.value, body: this.funcBody(depth) };
          cmd.words = [];
          break;
        }
      }
    } finally {
      this.sink = saved;
    }
    this.applyAssignments(cmd, depth);
    cmd.net = commandIsNet(cmd);
    return cmd;
  }

  /** At "(": is it "()" (a function definition)? Consumes it when so. */
  private funcParens(): boolean {
    let j = this.i + 1;
    while (j < this.n && BLANK.has(this.s[j]!)) j++;
    if (this.s[j] !== ")") return false;
    this.i = j + 1;
    return true;
  }

  private funcBody(depth: number): Script {
    while (this.i < this.n && (BLANK.has(this.s[this.i]!) || this.s[this.i] === "\n")) this.i++;
    const st = this.command("eof", depth + 1);
    return { pipelines: st ? [{ stages: [st], background: false }] : [], net: st?.net ?? false };
  }

  /**
   * Variables set by this command, for the words parsed after it: NAME=v, export/declare NAME=v,
   * printf -v NAME …, and whatever an `eval` of static text assigns (it runs in this shell).
   */
  private applyAssignments(cmd: SimpleCommand, depth: number): void {
    const w = cmd.words;
    const first = w[0];
    if (!first) return;
    if (!first.quoted && first.value === "eval" && w.length > 1 && !w.some((x) => x.dyn)) {
      const text = w
        .slice(1)
        .map((x) => x.value)
        .join(" ");
      if (text.indexOf("=") >= 0 || /\b(?:unset|read|printf)\b/.test(text)) {
        if (depth + 1 > MAX_NESTING) throw new ParseLimitError("nesting");
        new Parser(text, this.env, this.budget).top(depth + 1);
      }
      return;
    }
    if (!first.quoted && first.value === "printf" && w[1]?.value === "-v" && w[2]) {
      const out = printfOutput(["printf", ...w.slice(3).map((x) => x.value)]);
      if (out === null || w.slice(3).some((x) => x.dyn)) this.env.vars.delete(w[2].value);
      else this.env.vars.set(w[2].value, out);
      return;
    }
    const declare = !first.quoted && DECLARE_BUILTINS.has(first.value);
    const vars = this.env.vars;
    if (cmd.header && (first.value === "for" || first.value === "select") && w[1]) {
      vars.delete(w[1].value);
      return;
    }
    if (!first.quoted && (first.value === "unset" || first.value === "read")) {
      for (const x of w.slice(1)) vars.delete(x.value);
      return;
    }
    if (!declare && !w.every((x) => ASSIGNMENT.test(x.value))) return;
    for (const x of declare ? w.slice(1) : w) {
      const eq = x.value.indexOf("=");
      if (eq <= 0) continue;
      const name = x.value.slice(0, eq).replace(/\+$/, "");
      if (!ASSIGN_PREFIX.test(name)) continue;
      if (x.dyn) vars.delete(name);
      else vars.set(name, x.value.slice(eq + 1));
    }
  }

  private isRedirectStart(): boolean {
    const s = this.s;
    const c = s[this.i];
    if (c === "<" || c === ">") return s[this.i + 1] !== "(";
    if (c === "&") return s[this.i + 1] === ">";
    if (c !== undefined && DIGIT.test(c)) {
      let j = this.i;
      while (j < this.n && DIGIT.test(s[j]!)) j++;
      return (s[j] === "<" || s[j] === ">") && s[j + 1] !== "(";
    }
    return false;
  }

  private redirect(depth: number): Redirect {
    const s = this.s;
    while (this.i < this.n && DIGIT.test(s[this.i]!)) this.i++;
    const op = REDIRECT_OPS.find((o) => s.startsWith(o, this.i)) ?? ">";
    this.i += op.length;
    this.skipBlanks();
    if (op === "<<" || op === "<<-") {
      const delimWord = this.word(depth)[0];
      const r: Redirect = { op, target: null, body: "", bodyNet: false };
      this.heredocs.push({
        redir: r,
        delim: delimWord?.value ?? "",
        strip: op === "<<-",
        expand: !(delimWord?.quoted ?? false),
        sink: this.sink,
        depth,
      });
      return r;
    }
    const target = this.word(depth)[0] ?? null;
    if ((op === ">&" || op === "<&") && (target === null || FD_DUP_TARGET.test(target.value))) {
      return { op: "dup", target: null, body: null, bodyNet: false };
    }
    if (op === "<<<") return { op, target, body: `${target?.value ?? ""}\n`, bodyNet: target?.net ?? false };
    // `< <(cmd)`: stdin is the output of cmd, known when static.
    if (op === "<" && target?.fdText !== undefined)
      return { op, target, body: target.fdText, bodyNet: target.net };
    return { op, target, body: null, bodyNet: false };
  }

  private readHeredocs(): void {
    if (this.heredocs.length === 0) return;
    const pending = this.heredocs;
    this.heredocs = [];
    const s = this.s;
    for (const h of pending) {
      let body = "";
      while (this.i < this.n) {
        let e = s.indexOf("\n", this.i);
        if (e < 0) e = this.n;
        let line = s.slice(this.i, e);
        if (line.endsWith("\r")) line = line.slice(0, -1);
        this.i = Math.min(this.n, e + 1);
        const cmp = h.strip ? line.replace(/^\t+/, "") : line;
        if (cmp === h.delim) break;
        body += `${cmp}\n`;
      }
      if (h.expand && (body.indexOf("$") >= 0 || body.indexOf("`") >= 0)) {
        const x = expandInto(body, this.env, this.budget, h.sink, h.depth + 1);
        h.redir.body = x.value;
        h.redir.bodyNet = x.net;
      } else h.redir.body = body;
    }
  }

  /** One shell word at the cursor; returns its fields after splitting and brace expansion. */
  private word(depth: number): Word[] {
    const s = this.s;
    const b = new WordBuilder(fieldSeparator(this.env.vars.get("IFS")));
    if (s[this.i] === "~") this.tilde(b);
    while (this.i < this.n) {
      const c = s[this.i]!;
      if (c === "<" || c === ">") {
        if (s[this.i + 1] === "(") {
          this.procSub(b, depth);
          continue;
        }
        break;
      }
      if (WORD_END.has(c)) break;
      if (c === "`") {
        if (this.backticks > 0) break;
        this.backtick(b, false, depth);
      } else if (c === "\\") {
        if (s[this.i + 1] === "\n") this.i += 2;
        else if (this.i + 1 < this.n) {
          b.lit(s[this.i + 1]!, true);
          this.i += 2;
        } else {
          b.lit("\\", false);
          this.i++;
        }
      } else if (c === "'") {
        const e = s.indexOf("'", this.i + 1);
        const end = e < 0 ? this.n : e;
        b.lit(s.slice(this.i + 1, end), true);
        this.i = Math.min(this.n, end + 1);
      } else if (c === '"') {
        this.i++;
        this.dq('"', b, depth);
      } else if (c === "$") {
        this.dollar(b, false, depth);
      } else {
        let j = this.i + 1;
        if (c !== "=") while (j < this.n && !WORD_SPECIAL.has(s[j]!)) j++;
        const before = b.text();
        b.lit(s.slice(this.i, j), false);
        this.i = j;
        // NAME=~/x: tilde expansion after the "=" of an assignment.
        if (c === "=" && s[this.i] === "~" && ASSIGN_PREFIX.test(before)) this.tilde(b);
      }
    }
    return b.finish();
  }

  private tilde(b: WordBuilder): void {
    const s = this.s;
    let j = this.i + 1;
    while (j < this.n && USER_CHAR.test(s[j]!)) j++;
    const next = s[j];
    if (next !== undefined && next !== "/" && next !== ":" && !WORD_END.has(next)) {
      b.lit("~", false);
      this.i++;
      return;
    }
    const user = s.slice(this.i + 1, j);
    const home = this.env.home;
    const dir = user === "" || user === baseName(home) ? home : user === "root" ? "/root" : `/home/${user}`;
    b.lit(dir, false);
    this.i = j;
  }

  /** Double-quoted text; closer null = the whole rest (an unquoted heredoc body). */
  private dq(closer: '"' | null, b: WordBuilder, depth: number): void {
    const s = this.s;
    b.markQuoted();
    while (this.i < this.n) {
      const c = s[this.i]!;
      if (c === '"' && closer === '"') {
        this.i++;
        return;
      }
      if (c === "\\") {
        const d = s[this.i + 1];
        if (d === "\n") this.i += 2;
        else if (d === "$" || d === "`" || d === '"' || d === "\\") {
          b.lit(d, true);
          this.i += 2;
        } else {
          b.lit("\\", true);
          this.i++;
        }
      } else if (c === "$") this.dollar(b, true, depth);
      else if (c === "`") this.backtick(b, true, depth);
      else {
        let j = this.i + 1;
        while (j < this.n && s[j] !== '"' && s[j] !== "\\" && s[j] !== "$" && s[j] !== "`") j++;
        b.lit(s.slice(this.i, j), true);
        this.i = j;
      }
    }
  }

  private dollar(b: WordBuilder, quoted: boolean, depth: number): void {
    const s = this.s;
    const d = s[this.i + 1];
    if (d === "'" && !quoted) {
      let j = this.i + 2;
      while (j < this.n && s[j] !== "'") j += s[j] === "\\" ? 2 : 1;
      b.lit(decodeBackslashEscapes(s.slice(this.i + 2, Math.min(j, this.n))), true);
      this.i = Math.min(this.n, j + 1);
    } else if (d === '"' && !quoted) {
      this.i += 2;
      this.dq('"', b, depth);
    } else if (d === "(") {
      this.i += 2;
      this.substitution(b, this.list(")", depth + 1), quoted);
    } else if (d === "{") {
      this.braceParam(b, quoted, depth);
    } else if (d !== undefined && NAME_START.test(d)) {
      let j = this.i + 1;
      while (j < this.n && NAME_CHAR.test(s[j]!)) j++;
      const name = s.slice(this.i + 1, j);
      this.i = j;
      this.param(b, name, "", quoted, depth);
    } else if (d !== undefined && SPECIAL_PARAM.test(d)) {
      this.i += 2;
      // Positional parameters are known inside `sh -c CODE arg0 arg1 …`.
      const known = this.env.vars.get(d);
      if (known !== undefined) b.expansion(known, quoted, false, false);
      else b.expansion("", quoted, true, false);
    } else {
      b.lit("$", quoted);
      this.i++;
    }
  }

  private braceParam(b: WordBuilder, quoted: boolean, depth: number): void {
    const s = this.s;
    let j = this.i + 2;
    let level = 1;
    for (; j < this.n; j++) {
      const c = s[j];
      if (c === "\\") j++;
      else if (c === "{") level++;
      else if (c === "}" && --level === 0) break;
    }
    const content = s.slice(this.i + 2, Math.min(j, this.n));
    this.i = Math.min(this.n, j + 1);
    const m = PARAM.exec(content);
    if (!m || m[1] !== "") {
      if (/[$`]/.test(content)) expandInto(content, this.env, this.budget, this.sink, depth + 1);
      b.expansion("", quoted, true, false);
      return;
    }
    this.param(b, m[2]!, m[3]!, quoted, depth);
  }

  private param(b: WordBuilder, name: string, op: string, quoted: boolean, depth: number): void {
    const known = this.env.vars.get(name);
    if (op === "") {
      if (known !== undefined) b.expansion(known, quoted, false, false);
      else b.expansion("", quoted, true, false);
      return;
    }
    const m = PARAM_OP.exec(op);
    const arg = m ? m[3]! : op;
    const x = /[$`~]/.test(arg) ? expandInto(arg, this.env, this.budget, this.sink, depth + 1) : null;
    const argValue = x ? x.value : arg;
    if (!m) {
      // Substring, pattern removal, case change: approximate by the value itself.
      if (known !== undefined) b.expansion(known, quoted, false, false);
      else b.expansion("", quoted, true, false);
      return;
    }
    const set = known !== undefined && (m[1] === "" || known !== "");
    const kind = m[2];
    if (kind === "-" || kind === "=") {
      // Unknown variable with a default: judge the default, it is what runs when the variable is unset.
      if (set) b.expansion(known, quoted, false, false);
      else {
        if (kind === "=") this.env.vars.set(name, argValue);
        b.expansion(argValue, quoted, x?.dyn ?? false, x?.net ?? false);
      }
    } else if (kind === "+") {
      if (set) b.expansion(argValue, quoted, x?.dyn ?? false, x?.net ?? false);
      else b.expansion("", quoted, known === undefined, false);
    } else if (set) b.expansion(known, quoted, false, false);
    else b.expansion("", quoted, true, false);
  }

  private substitution(b: WordBuilder, inner: Script, quoted: boolean): void {
    this.sink.push(inner);
    const out = staticOutput(inner);
    if (out !== null) b.expansion(trimTrailingNewlines(out), quoted, false, inner.net);
    else b.expansion("", quoted, true, inner.net, true);
  }

  private backtick(b: WordBuilder, quoted: boolean, depth: number): void {
    this.i++;
    this.backticks++;
    try {
      this.substitution(b, this.list("`", depth + 1), quoted);
    } finally {
      this.backticks--;
    }
  }

  private procSub(b: WordBuilder, depth: number): void {
    this.i += 2;
    const inner = this.list(")", depth + 1);
    this.sink.push(inner);
    b.procSub(inner.net, staticOutput(inner));
  }

  /** Expand this parser's whole text as a heredoc body (double-quote rules, no closing quote). */
  expandAll(sink: Script[], depth: number): { value: string; dyn: boolean; net: boolean } {
    this.sink = sink;
    const b = new WordBuilder();
    this.dq(null, b, depth);
    return b.whole();
  }
}

function commandIsNet(cmd: SimpleCommand): boolean {
  const n = Math.min(4, cmd.words.length);
  for (let k = 0; k < n; k++) {
    const v = cmd.words[k]!.value;
    const name = v.indexOf("/") < 0 ? v : baseName(v);
    if (NET_SOURCES.has(name) || NET_SOURCES.has(name.toLowerCase())) return true;
  }
  if (cmd.words.some((w) => w.net)) return true;
  if (cmd.subs.some((x) => x.net)) return true;
  return cmd.redirs.some((r) => r.target?.net === true || r.bodyNet);
}

function expandInto(
  text: string,
  env: ShellEnv,
  budget: ParseBudget,
  sink: Script[],
  depth: number,
): { value: string; dyn: boolean; net: boolean } {
  if (depth > MAX_NESTING) throw new ParseLimitError("nesting");
  return new Parser(text, env, budget).expandAll(sink, depth);
}

/** Parse a command line. Throws only ParseLimitError. */
export function parseShell(text: string, env: ShellEnv, budget: ParseBudget, depth: number): Script {
  return new Parser(text, env, budget).top(depth);
}

/** Expand text with double-quote rules (heredoc body semantics); substitutions found go to `sink`. */
export function expandText(
  text: string,
  env: ShellEnv,
  budget: ParseBudget,
  sink: Script[],
  depth: number,
): { value: string; dyn: boolean; net: boolean } {
  return expandInto(text, env, budget, sink, depth);
}
