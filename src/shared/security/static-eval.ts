/**
 * Static evaluation of tiny pipelines whose output does not depend on the machine: echo, printf,
 * cat of a heredoc, base64 / xxd decoding, rev, tr, tee. This is how `$(echo rm) -rf /` and
 * `echo cm0gLXJmIH4= | base64 -d | sh` are seen for what they run. Anything else is "unknown" (null).
 */
import { Buffer } from "node:buffer";
import { ASSIGNMENT } from "./command-sets.js";
import { MAX_STATIC_OUTPUT } from "./limits.js";
import { decodeBackslashEscapes } from "./normalize.js";
import type { Script, SimpleCommand, Stage } from "./shell-parse.js";
import { baseName } from "./text.js";

const ECHO_FLAGS = /^-[neE]+$/;
const PRINTF_SPEC = /%(?:%|[-+ #0]*\d*(?:\.\d+)?([sbdiouxXcfFeEgGq]))/g;
// printf reuses its format while arguments remain; bound the rounds.
const MAX_PRINTF_ROUNDS = 64;
const WHITESPACE = /\s+/g;
const HEX_PAIRS = /^(?:[0-9A-Fa-f]{2})*$/;
const OUTPUT_OPS = new Set([">", ">>", ">|", "&>", "&>>", ">&"]);

/** Output of a whole script (pipelines concatenated), or null when any part is not static. */
export function staticOutput(script: Script): string | null {
  let out = "";
  for (const p of script.pipelines) {
    let cur: string | null = null;
    for (let k = 0; k < p.stages.length; k++) {
      cur = stageOutput(p.stages[k]!, k === 0 ? null : cur);
      if (cur === null) return null;
    }
    out += cur ?? "";
    if (out.length > MAX_STATIC_OUTPUT) return null;
  }
  return out;
}

/** Output of one stage given its piped stdin (null = unknown). */
export function stageOutput(stage: Stage, stdin: string | null): string | null {
  if (stage.kind === "group") return staticOutput(stage.body);
  if (stage.func) return "";
  if (stage.header) return null;
  let input = stdin;
  let toFile = false;
  for (const r of stage.redirs) {
    if (r.body !== null) input = r.body;
    else if (r.op === "<") input = null;
    else if (OUTPUT_OPS.has(r.op)) toFile = true;
  }
  const out = commandOutput(stage, input);
  if (out === null) return null;
  if (out.length > MAX_STATIC_OUTPUT) return null;
  return toFile ? "" : out;
}

function commandOutput(cmd: SimpleCommand, input: string | null): string | null {
  let k = 0;
  while (k < cmd.words.length && ASSIGNMENT.test(cmd.words[k]!.value)) k++;
  const words = cmd.words.slice(k);
  if (words.length === 0) return "";
  if (words.some((w) => w.dyn)) return null;
  const argv = words.map((w) => w.value);
  const name = baseName(argv[0]!).toLowerCase();
  switch (name) {
    case "echo":
      return echo(argv);
    case "printf":
      return printfOutput(argv);
    case "cat":
      return argv.length === 1 || (argv.length === 2 && argv[1] === "-") ? input : null;
    case "tee":
      return input;
    case "base64":
    case "b64":
    case "gbase64":
      return base64(argv, input);
    case "xxd":
      return argv.includes("-r") && argv.some((a) => a === "-p" || a === "-ps" || a === "-plain")
        ? hexDecode(input)
        : null;
    case "rev":
      return input === null
        ? null
        : input
            .split("\n")
            .map((l) => [...l].reverse().join(""))
            .join("\n");
    case "tr":
      return argv.length === 3 && input !== null ? translate(input, argv[1]!, argv[2]!) : null;
    case "true":
    case ":":
      return "";
    case "mktemp":
      return `${mktemp(argv)}\n`;
    default:
      return null;
  }
}

/** Where mktemp creates its file: a template with a "/" names the directory, else -p/--tmpdir, else /tmp. */
function mktemp(argv: string[]): string {
  let dir = "/tmp";
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === "-p" || a === "--tmpdir") dir = argv[++k] ?? dir;
    else if (a.startsWith("--tmpdir=")) dir = a.slice(9);
    else if (!a.startsWith("-"))
      return a.includes("/") ? a.replace(/X/g, "0") : `${dir}/${a.replace(/X/g, "0")}`;
  }
  return `${dir}/tmp.0000000000`;
}

function echo(argv: string[]): string {
  let k = 1;
  let newline = true;
  let escapes = false;
  while (k < argv.length && ECHO_FLAGS.test(argv[k]!)) {
    const f = argv[k]!;
    if (f.includes("n")) newline = false;
    if (f.includes("e")) escapes = true;
    if (f.includes("E")) escapes = false;
    k++;
  }
  const text = argv.slice(k).join(" ");
  return (escapes ? decodeBackslashEscapes(text) : text) + (newline ? "\n" : "");
}

/** What `printf FORMAT ARGS…` prints (argv[0] is "printf"); `-v NAME` prints nothing. */
export function printfOutput(argv: string[]): string | null {
  let k = 1;
  if (argv[k] === "--") k++;
  if (argv[k] === "-v") return "";
  const format = argv[k];
  if (format === undefined) return "";
  const fmt = decodeBackslashEscapes(format);
  const args = argv.slice(k + 1);
  let next = 0;
  let out = "";
  const consumes = (fmt.match(PRINTF_SPEC) ?? []).some((m) => m !== "%%");
  let round = 0;
  do {
    out += fmt.replace(PRINTF_SPEC, (m, conv?: string) => {
      if (m === "%%") return "%";
      const a = args[next++] ?? "";
      return conv === "b" ? decodeBackslashEscapes(a) : a;
    });
    round++;
  } while (consumes && next < args.length && round < MAX_PRINTF_ROUNDS);
  return out;
}

function base64(argv: string[], input: string | null): string | null {
  const decode = argv.some(
    (a) => a === "-d" || a === "-D" || a === "--decode" || /^-[a-zA-Z]*d[a-zA-Z]*$/.test(a),
  );
  if (argv.slice(1).some((a) => !a.startsWith("-"))) return null;
  if (input === null) return null;
  if (!decode) return `${Buffer.from(input, "utf8").toString("base64")}\n`;
  const clean = input.replace(WHITESPACE, "").replace(/-/g, "+").replace(/_/g, "/");
  return Buffer.from(clean, "base64").toString("utf8");
}

function hexDecode(input: string | null): string | null {
  if (input === null) return null;
  const clean = input.replace(WHITESPACE, "");
  if (!HEX_PAIRS.test(clean)) return null;
  return Buffer.from(clean, "hex").toString("utf8");
}

function expandSet(set: string): string[] {
  const chars = [...decodeBackslashEscapes(set)];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 2];
    if (chars[i + 1] === "-" && b !== undefined && b.codePointAt(0)! >= a.codePointAt(0)!) {
      for (let c = a.codePointAt(0)!; c <= b.codePointAt(0)! && out.length < 1024; c++)
        out.push(String.fromCodePoint(c));
      i += 2;
    } else out.push(a);
  }
  return out;
}

/** `tr SET1 SET2` without options (ranges and escapes; SET2 padded with its last char). */
function translate(input: string, set1: string, set2: string): string | null {
  if (set1.startsWith("-") || set2.startsWith("-") || set1.includes("[:")) return null;
  const from = expandSet(set1);
  const to = expandSet(set2);
  if (to.length === 0) return null;
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) map.set(from[i]!, to[Math.min(i, to.length - 1)]!);
  let out = "";
  for (const c of input) out += map.get(c) ?? c;
  return out;
}
