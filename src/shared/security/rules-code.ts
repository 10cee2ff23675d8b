/**
 * Commands that run a program: shells (-c, script file, stdin), eval and source, and interpreters
 * (python, node, perl, ruby, php …) with inline programs, script files or a program on stdin.
 */
import { checkPath, flag, resolveIn, shown, synthetic } from "./command-context.js";
import { SHELLS } from "./command-sets.js";
import type { Cmd, Handler } from "./compiled.js";
import { scanCode } from "./inline-code.js";
import { judgeDeletion } from "./rules-delete.js";
import { packageRunner } from "./rules-wrappers.js";
import type { Word } from "./shell-parse.js";
import { baseName, q } from "./text.js";

/** The command reads its program from stdin: judge what arrives there. */
function programFromStdin(c: Cmd, kind: "shell" | "code"): void {
  if (c.stdinNet) {
    flag(c, "remote-code-exec", `network output piped into ${q(c.argv0.value)}`);
    return;
  }
  if (c.stdin === null) return;
  if (kind === "shell") c.st.reenter.shell(c.stdin, c.depth + 1);
  else judgeInlineCode(c, c.stdin, false);
}

/** A script operand: downloaded on this line, fetched by process substitution, or a URL. */
function scriptOperand(c: Cmd, w: Word, kind: "shell" | "code" = "shell"): void {
  if (w.fdText !== undefined && !w.net) {
    // bash <(echo …): the script is the static output of the substitution.
    if (kind === "shell") c.st.reenter.shell(w.fdText, c.depth + 1);
    else judgeInlineCode(c, w.fdText, false);
  } else if (w.net || /^https?:\/\//i.test(w.value)) {
    flag(c, "remote-code-exec", `${c.name} running ${q(w.value)} fetched from the network`);
  } else if (!w.dynStart && c.st.downloads.has(resolveIn(c.st, w.value))) {
    flag(c, "download-exec", `${c.name} ${q(w.value)} right after downloading it`);
  }
}

export function judgeInlineCode(c: Cmd, code: string, net: boolean): void {
  if (net) {
    flag(c, "remote-code-exec", `${c.name} running a program fetched from the network`);
    return;
  }
  const scan = scanCode(code);
  if (scan.forkBomb) flag(c, "fork-bomb", `${c.name} program with a fork loop`);
  if (scan.reverseShell) flag(c, "reverse-shell", `${c.name} program wiring a socket to a shell`);
  if (scan.remoteEval) flag(c, "remote-code-exec", `${c.name} program evaluating downloaded code`);
  for (const s of scan.shell) c.st.reenter.shell(s, c.depth + 1);
  for (const p of scan.paths) checkPath(c.st, synthetic(p), "read");
  for (const d of scan.deletes) judgeDeletion(c, synthetic(d), true, `${c.name} recursive delete of`);
}

// ── shells, eval, source ─────────────────────────────────────────────────────────────────────────

const SHELL_VALUES = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);

const shell: Handler = (c) => {
  let k = 0;
  let commandMode = false;
  let stdinMode = false;
  while (k < c.args.length) {
    const v = c.args[k]!.value;
    if (v === "--" || v === "-") {
      k++;
      if (v === "-") stdinMode = true;
      break;
    }
    if (!(v.startsWith("-") || v.startsWith("+"))) break;
    if (SHELL_VALUES.has(v)) {
      k += 2;
      continue;
    }
    if (!v.startsWith("--")) {
      if (v.includes("c")) commandMode = true;
      if (v.includes("s")) stdinMode = true;
    }
    k++;
  }
  const rest = c.args.slice(k);
  if (commandMode) {
    const code = rest[0];
    if (!code) return undefined;
    if (code.net) flag(c, "remote-code-exec", `${c.name} -c running output fetched from the network`);
    else {
      const positional = rest.slice(1).map((w) => w.value);
      c.st.reenter.shell(code.value, c.depth + 1, false, positional.length > 0 ? positional : undefined);
    }
    return undefined;
  }
  if (stdinMode || rest.length === 0) programFromStdin(c, "shell");
  else scriptOperand(c, rest[0]!);
  return undefined;
};

const evaluate: Handler = (c) => {
  if (c.args.some((w) => w.net)) flag(c, "remote-code-exec", `eval of output fetched from the network`);
  else c.st.reenter.shell(c.args.map((w) => w.value).join(" "), c.depth + 1, true);
  return undefined;
};

const source: Handler = (c) => {
  const script = c.args[0];
  if (script) {
    if (script.value === "/dev/stdin" || script.value === "-") programFromStdin(c, "shell");
    else scriptOperand(c, script);
  }
  return undefined;
};

// ── interpreters ─────────────────────────────────────────────────────────────────────────────────

interface InterpreterSpec {
  code: readonly string[];
  module?: readonly string[];
  values: readonly string[];
  /** Option letters that may be clustered before the code letter (perl -pie, -lne). */
  clusterCode?: string;
}

const INTERPRETERS: Readonly<Record<string, InterpreterSpec>> = {
  python: { code: ["-c"], module: ["-m"], values: ["-W", "-X", "--check-hash-based-pycs", "-Q"] },
  node: {
    code: ["-e", "--eval", "-p", "--print"],
    values: [
      "-r",
      "--require",
      "--import",
      "--loader",
      "--input-type",
      "-C",
      "--conditions",
      "--env-file",
      "--title",
    ],
  },
  perl: { code: ["-e", "-E"], values: ["-I", "-M", "-m", "-x", "-0"], clusterCode: "eE" },
  ruby: { code: ["-e"], values: ["-I", "-r", "-C", "-E", "-x"], clusterCode: "e" },
  php: { code: ["-r"], values: ["-d", "-c", "-z"] },
  lua: { code: ["-e"], values: ["-l"] },
  luajit: { code: ["-e"], values: ["-l", "-j", "-O"] },
  osascript: { code: ["-e"], values: ["-l", "-s"] },
  rscript: { code: ["-e"], values: [] },
  pwsh: {
    code: ["-c", "-command", "-Command", "-EncodedCommand"],
    values: ["-File", "-f", "-ExecutionPolicy"],
  },
  powershell: {
    code: ["-c", "-command", "-Command", "-EncodedCommand"],
    values: ["-File", "-f", "-ExecutionPolicy"],
  },
  bun: { code: ["-e", "--eval", "-p", "--print"], values: ["--cwd", "-r", "--preload", "--env-file"] },
  deno: { code: [], values: ["--allow-read", "--config", "-c"] },
};

const PY_DB_FLUSH = new Set(["flush", "reset_db", "sqlflush"]);

const interpreter: Handler = (c) => {
  const spec = INTERPRETERS[c.name];
  if (!spec) return undefined;
  const args = c.args;
  const values = new Set(spec.values);
  let inPlace = false;
  let sawCode = false;
  for (let k = 0; k < args.length; k++) {
    const w = args[k]!;
    const v = w.value;
    if (c.name === "deno" && (v === "eval" || v === "run")) {
      const next = args[k + 1];
      if (!next) return undefined;
      if (v === "eval") judgeInlineCode(c, next.value, next.net);
      else scriptOperand(c, next);
      return undefined;
    }
    if (c.name === "bun" && (v === "run" || v === "x"))
      return v === "x" ? packageRunner(args.slice(k + 1), c) : undefined;
    const clustered =
      spec.clusterCode !== undefined && /^-[a-zA-Z]+$/.test(v) && spec.clusterCode.includes(v[v.length - 1]!);
    if (spec.code.includes(v) || clustered) {
      if (clustered && v.includes("i")) inPlace = true;
      const code = args[++k];
      if (!code) return undefined;
      sawCode = true;
      judgeInlineCode(c, code.value, code.net);
      if (c.name !== "perl" && c.name !== "ruby") return undefined;
      continue;
    }
    if (spec.module?.includes(v)) {
      const mod = args[k + 1]?.value ?? "";
      const sub = args[k + 2]?.value ?? "";
      if (/^twine$/.test(mod) && sub === "upload") flag(c, "package-publish", shown(c));
      if ((mod === "flit" || mod === "poetry" || mod === "hatch") && sub === "publish")
        flag(c, "package-publish", shown(c));
      return undefined;
    }
    if (v.startsWith("-") && v !== "-") {
      if (/^-[a-zA-Z]*i/.test(v) && (c.name === "perl" || c.name === "ruby")) inPlace = true;
      if (values.has(v)) k++;
      continue;
    }
    if (sawCode) {
      checkPath(c.st, w, inPlace ? "write" : "read");
      continue;
    }
    if (v === "-" || v === "/dev/stdin") {
      programFromStdin(c, "code");
      return undefined;
    }
    scriptOperand(c, w, "code");
    if (baseName(v) === "manage.py" && PY_DB_FLUSH.has(args[k + 1]?.value ?? ""))
      flag(c, "sql-destructive", shown(c));
    return undefined;
  }
  if (!sawCode) programFromStdin(c, "code");
  return undefined;
};

export const CODE_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [[...SHELLS], shell],
  [["eval"], evaluate],
  [["source", "."], source],
  [Object.keys(INTERPRETERS), interpreter],
];
