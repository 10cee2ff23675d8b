/**
 * The command judge: parses a command line (raw and de-obfuscated variants), walks every pipeline,
 * peels wrappers, dispatches each simple command to its rule handler and collects findings.
 * Recursion (sh -c, eval, $( ), decoded base64, find -exec) goes through the same entry points,
 * bounded by MAX_NESTING and the shared parse budget.
 */
import { add, checkPath, resolveIn } from "./command-context.js";
import { ASSIGNMENT, canonicalName, NET_SINKS } from "./command-sets.js";
import type { Cmd, CompiledPolicy, Handler, JudgeState, StageInput } from "./compiled.js";
import {
  MAX_BASE64_TOKENS,
  MAX_COMMAND_BYTES,
  MAX_DECODE_ROUNDS,
  MAX_PATTERN_TEXTS,
  MAX_UNWRAP,
  MIN_BASE64_TOKEN,
} from "./limits.js";
import { decodeBase64Text, deobfuscate } from "./normalize.js";
import { hit } from "./rules.js";
import { CODE_HANDLERS } from "./rules-code.js";
import { judgeDeletion } from "./rules-delete.js";
import { DEVOPS_HANDLERS } from "./rules-devops.js";
import { FILE_HANDLERS } from "./rules-files.js";
import { NETWORK_HANDLERS } from "./rules-network.js";
import { checkAssignment, SYSTEM_HANDLERS } from "./rules-system.js";
import { WRAPPER_HANDLERS } from "./rules-wrappers.js";
import {
  type FunctionDef,
  type Pipeline,
  parseShell,
  type Redirect,
  type Script,
  type SimpleCommand,
  type Word,
} from "./shell-parse.js";
import { stageOutput } from "./static-eval.js";
import { oneLine, q } from "./text.js";
import type { Finding } from "./types.js";
import { firstMatch } from "./user-patterns.js";

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  [
    ...FILE_HANDLERS,
    ...WRAPPER_HANDLERS,
    ...CODE_HANDLERS,
    ...NETWORK_HANDLERS,
    ...SYSTEM_HANDLERS,
    ...DEVOPS_HANDLERS,
  ].flatMap(([names, h]) => names.map((n) => [n, h] as const)),
);

// A line mentions a decoder and something that executes: worth decoding base64-looking tokens in it.
const DECODE_HINT = /base64|b64decode|atob\s*\(|frombase64|decode\(/i;
const EXEC_HINT =
  /\b(?:sh|bash|zsh|dash|ksh|eval|exec|system|popen|subprocess|source|python\d*|perl|node|ruby|php)\b/;
const BASE64_TOKEN = new RegExp(`[A-Za-z0-9+/_-]{${MIN_BASE64_TOKEN},}={0,2}`, "g");
const TRUNCATING = new Set([">", ">|", "&>", ">&"]);
const DEV_NET = /^\/dev\/(?:tcp|udp)\//;
// Longest text kept per entry for user patterns.
const PATTERN_TEXT_CHARS = 4_096;

function remember(st: JudgeState, text: string): void {
  if (st.wantTexts && st.texts.length < MAX_PATTERN_TEXTS) st.texts.push(oneLine(text, PATTERN_TEXT_CHARS));
}

export function newState(policy: CompiledPolicy, cwd: string): JudgeState {
  const vars = new Map<string, string>(policy.vars);
  vars.set("PWD", cwd);
  const st: JudgeState = {
    policy,
    env: { vars, home: policy.home },
    cwd,
    budget: { commands: 0 },
    findings: [],
    texts: [],
    wantTexts: policy.blocked.length + policy.ask.length > 0,
    network: false,
    downloads: new Set(),
    links: new Map(),
    decodeRounds: 0,
    decodedBytes: 0,
    reenter: {
      shell: (text, depth, sameShell, positional) =>
        judgeText(st, text, depth, sameShell === true, positional),
      argv: (words, input, depth) => runArgv(st, words, input, [], depth),
    },
  };
  return st;
}

/** Judge a whole command line; returns every finding (exfiltration upgrade applied). */
export function judgeCommandLine(st: JudgeState, command: string): Finding[] {
  remember(st, command);
  judgeText(st, command, 0);
  if (st.network) {
    st.findings = st.findings.map((f) =>
      f.secretRead
        ? hit("secret-exfiltration", `${f.reason.split(" — ")[0]} with a network command on the line`)
        : f,
    );
  }
  return st.findings;
}

/** Judge shell text: the raw form and, when different, the de-obfuscated form; then decoded payloads. */
function judgeText(
  st: JudgeState,
  text: string,
  depth: number,
  sameShell = false,
  positional?: readonly string[],
): void {
  const decoded = deobfuscate(text);
  const variants = decoded === text ? [text] : [text, decoded];
  const cwd = st.cwd;
  const vars = st.env.vars;
  let after: { vars: Map<string, string>; cwd: string } | null = null;
  for (const v of variants) {
    st.env.vars = new Map(vars);
    if (positional) {
      for (let k = 0; k < positional.length; k++) st.env.vars.set(String(k), positional[k]!);
      st.env.vars.set("@", positional.slice(1).join(" "));
      st.env.vars.set("*", positional.slice(1).join(" "));
    }
    st.cwd = cwd;
    if (v !== text) remember(st, v);
    judgeScript(st, parseShell(v, st.env, st.budget, depth), null, depth);
    after ??= { vars: st.env.vars, cwd: st.cwd };
  }
  // A child shell (sh -c, decoded payloads) leaves the caller's variables and directory alone; eval does not.
  st.env.vars = sameShell && after ? after.vars : vars;
  st.cwd = sameShell && after ? after.cwd : cwd;
  judgePayloads(st, decoded, depth);
}

/** base64-looking tokens on a line that decodes and executes: judge what they decode to. */
function judgePayloads(st: JudgeState, text: string, depth: number): void {
  if (st.decodeRounds >= MAX_DECODE_ROUNDS || !DECODE_HINT.test(text) || !EXEC_HINT.test(text)) return;
  BASE64_TOKEN.lastIndex = 0;
  let tokens = 0;
  for (
    let m = BASE64_TOKEN.exec(text);
    m !== null && tokens < MAX_BASE64_TOKENS;
    m = BASE64_TOKEN.exec(text)
  ) {
    const plain = decodeBase64Text(m[0]);
    if (plain === null) continue;
    tokens++;
    st.decodedBytes += plain.length;
    if (st.decodedBytes > 2 * MAX_COMMAND_BYTES) return;
    st.decodeRounds++;
    try {
      remember(st, plain);
      judgeText(st, plain, depth + 1);
    } finally {
      st.decodeRounds--;
    }
  }
}

function judgeScript(st: JudgeState, script: Script, inherited: StageInput | null, depth: number): void {
  for (const p of script.pipelines) judgePipeline(st, p, inherited, depth);
}

function judgePipeline(st: JudgeState, p: Pipeline, inherited: StageInput | null, depth: number): void {
  let prev: string | null = inherited?.stdin ?? null;
  let net = inherited?.stdinNet ?? false;
  p.stages.forEach((stage, k) => {
    const input: StageInput =
      k === 0 && !inherited ? { stdin: null, stdinNet: false } : { stdin: prev, stdinNet: net };
    if (stage.kind === "group") {
      for (const sub of stage.subs) judgeScript(st, sub, null, depth + 1);
      judgeRedirects(st, stage.redirs);
      judgeScript(st, stage.body, input, depth + 1);
    } else judgeSimple(st, stage, input, depth);
    // The static output only matters to a following stage.
    if (k < p.stages.length - 1) prev = stageOutput(stage, input.stdin);
    net = net || stage.net;
  });
}

function judgeRedirects(st: JudgeState, redirs: readonly Redirect[]): void {
  for (const r of redirs) {
    const t = r.target;
    if (!t || r.body !== null || r.op === "dup") continue;
    if (DEV_NET.test(t.value)) {
      add(st, hit("reverse-shell", `redirect to ${q(t.value)}`));
      st.network = true;
    } else if (r.op === "<") checkPath(st, t, "read");
    else if (r.op === "<>") {
      checkPath(st, t, "read");
      checkPath(st, t, "write");
    } else checkPath(st, t, "write", TRUNCATING.has(r.op));
  }
}

function judgeSimple(st: JudgeState, cmd: SimpleCommand, io: StageInput, depth: number): void {
  const outer = st.findings;
  st.findings = [];
  const texts: string[] = [];
  try {
    for (const sub of cmd.subs) judgeScript(st, sub, null, depth + 1);
    if (cmd.func) judgeFunction(st, cmd.func, depth);
    let stdin = io.stdin;
    let stdinNet = io.stdinNet;
    for (const r of cmd.redirs) {
      if (r.body !== null) {
        stdin = r.body;
        stdinNet = r.bodyNet;
      } else if (r.op === "<" && r.target) {
        stdin = null;
        stdinNet = r.target.net;
      }
    }
    judgeRedirects(st, cmd.redirs);
    if (cmd.header) return;
    let k = 0;
    while (k < cmd.words.length && ASSIGNMENT.test(cmd.words[k]!.value))
      checkAssignment({ st }, cmd.words[k++]!);
    const argv = cmd.words.slice(k);
    if (argv.length > 0) runArgv(st, argv, { stdin, stdinNet }, texts, depth, cmd.redirs);
  } finally {
    const mine = st.findings;
    st.findings = outer;
    const allowed =
      mine.length > 0 && st.policy.allow.length > 0 && firstMatch(st.policy.allow, texts) !== null;
    for (const f of mine) if (!allowed || !f.overridable) outer.push(f);
  }
}

/** Peel wrappers (sudo, env, nice …) and dispatch to the handler of the real command. */
function runArgv(
  st: JudgeState,
  argv: Word[],
  io: StageInput,
  texts: string[],
  depth: number,
  redirs: readonly Redirect[] = [],
): void {
  let words = argv;
  const wantAllow = st.policy.allow.length > 0;
  for (let layer = 0; layer < MAX_UNWRAP && words.length > 0; layer++) {
    if (wantAllow || st.wantTexts) {
      const text = words.map((w) => w.value).join(" ");
      if (wantAllow) texts.push(text);
      remember(st, text);
    }
    const w0 = words[0]!;
    if (w0.dyn) {
      judgeDynamicCommand(st, words, io, depth);
      return;
    }
    const name = canonicalName(w0.value);
    const c: Cmd = {
      name,
      argv0: w0,
      args: words.slice(1),
      redirs,
      depth,
      st,
      stdin: io.stdin,
      stdinNet: io.stdinNet,
    };
    if (NET_SINKS.has(name)) st.network = true;
    if (w0.value.includes("/") && st.downloads.has(resolveIn(st, w0.value))) {
      add(st, hit("download-exec", `running ${q(w0.value)} right after downloading it`));
    }
    const handler = HANDLERS.get(name);
    const next = handler?.(c);
    if (!next) return;
    words = next;
  }
}

/** A command name computed at run time: deny when it comes from the network or its arguments would wipe. */
function judgeDynamicCommand(st: JudgeState, words: Word[], io: StageInput, depth: number): void {
  const w0 = words[0]!;
  if (w0.net) {
    add(st, hit("remote-code-exec", "command name taken from network output"));
    return;
  }
  const probe: Cmd = {
    name: "rm",
    argv0: w0,
    args: words.slice(1),
    redirs: [],
    depth,
    st,
    stdin: io.stdin,
    stdinNet: false,
  };
  const saved = st.findings;
  st.findings = [];
  const args = words.slice(1);
  const recursive = args.some((w) => /^-[a-zA-Z]*[rR]/.test(w.value) || w.value === "--recursive");
  for (const w of args) if (!w.value.startsWith("-")) judgeDeletion(probe, w, recursive);
  const wipes = st.findings.some((f) => f.action === "deny");
  st.findings = saved;
  if (wipes)
    add(
      st,
      hit("dynamic-command", `computed command with arguments ${q(args.map((w) => w.value).join(" "))}`),
    );
}

/** name() { name | name & }: a function that spawns itself at least twice per call. */
function judgeFunction(st: JudgeState, func: FunctionDef, depth: number): void {
  let calls = 0;
  let spreads = false;
  const walk = (script: Script, level: number): void => {
    if (level > 8) return;
    for (const p of script.pipelines) {
      let here = 0;
      for (const s of p.stages) {
        if (s.kind === "group") walk(s.body, level + 1);
        else if (s.words[0]?.value === func.name) here++;
      }
      calls += here;
      if (here > 0 && (p.stages.length > 1 || p.background)) spreads = true;
    }
  };
  walk(func.body, 0);
  if (calls >= 2 && spreads) add(st, hit("fork-bomb", `function ${q(func.name)} that spawns itself`));
  judgeScript(st, func.body, null, depth + 1);
}
