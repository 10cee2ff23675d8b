/**
 * Commands that run another command given as arguments: privilege wrappers (sudo, doas, su),
 * transparent wrappers (env, nice, timeout, xargs, npx …), and commands that run a command later
 * (alias, trap, at, watch, script). They either return the inner argv or judge the inner text.
 */
import { checkPath, flag, optValues, resolveIn, scanArgs, shown, synthetic } from "./command-context.js";
import { canonicalName, SHELLS } from "./command-sets.js";
import type { Cmd, Handler } from "./compiled.js";
import { checkAssignment } from "./rules-system.js";
import type { Word } from "./shell-parse.js";
import { baseName, q } from "./text.js";

// ── privilege wrappers ───────────────────────────────────────────────────────────────────────────

const SUDO_VALUE_LETTERS = "ugCDprtTUh";
const SUDO_LONG_VALUES = new Set([
  "--user",
  "--group",
  "--close-from",
  "--chdir",
  "--host",
  "--prompt",
  "--role",
  "--type",
  "--command-timeout",
  "--other-user",
]);
const SUDO_QUERY = new Set([
  "--list",
  "--validate",
  "--reset-timestamp",
  "--remove-timestamp",
  "--version",
  "--help",
]);
const SHELL_LOGIN_ARGS = /^-(?:l|i|s|-login|-norc|-noprofile)$/;

/** sudo / doas / pkexec / run0: ask, except root shells and password changes (deny). */
const elevate: Handler = (c) => {
  const args = c.args;
  let k = 0;
  let shell = false;
  let edit = false;
  let query = false;
  while (k < args.length) {
    const v = args[k]!.value;
    if (v === "--") {
      k++;
      break;
    }
    if (!v.startsWith("-") || v === "-") break;
    k++;
    if (v.startsWith("--")) {
      const name = v.split("=")[0]!;
      if (name === "--shell" || name === "--login") shell = true;
      else if (name === "--edit") edit = true;
      else if (SUDO_QUERY.has(name)) query = true;
      if (!v.includes("=") && SUDO_LONG_VALUES.has(name)) k++;
      continue;
    }
    const letters = v.slice(1);
    for (let i = 0; i < letters.length; i++) {
      const ch = letters[i]!;
      if (ch === "s" || ch === "i") shell = true;
      else if (ch === "e") edit = true;
      else if ("lvkKV".includes(ch)) query = true;
      if (SUDO_VALUE_LETTERS.includes(ch) && !(ch === "h" && letters.length === 1 && c.name === "sudo")) {
        if (i === letters.length - 1) k++;
        break;
      }
    }
  }
  const rest = args.slice(k);
  const first = rest[0];
  if (!first) {
    if (shell || (c.name === "pkexec" && !query)) flag(c, "root-shell", `${shown(c)} without a command`);
    return undefined;
  }
  const name = canonicalName(first.value);
  // A shell with no script is interactive, unless its program arrives on stdin (judged as such below).
  const interactiveShell =
    SHELLS.has(name) &&
    c.stdin === null &&
    !c.stdinNet &&
    rest.slice(1).every((w) => SHELL_LOGIN_ARGS.test(w.value));
  if (name === "su" || name === "sudo" || interactiveShell) {
    flag(c, "root-shell", shown(c));
    return undefined;
  }
  if (name === "passwd" || name === "chpasswd") {
    flag(c, "sudo-passwd", shown(c));
    return undefined;
  }
  flag(c, "sudo", shown(c));
  if (edit) {
    for (const w of rest) checkPath(c.st, w, "write");
    return undefined;
  }
  return rest;
};

const SU_VALUES: ReadonlySet<string> = new Set([
  "-c",
  "--command",
  "-s",
  "--shell",
  "-g",
  "--group",
  "-G",
  "-w",
]);

const su: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, SU_VALUES);
  const command = optValues(opts, "-c", "--command")[0];
  const user = ops.find((w) => w.value !== "-")?.value ?? "root";
  if (command) {
    flag(c, "sudo", shown(c));
    c.st.reenter.shell(command.value, c.depth + 1);
  } else if (user === "root") flag(c, "root-shell", shown(c));
  else flag(c, "sudo", shown(c));
  return undefined;
};

const SYSTEMD_RUN_VALUES = [
  "-p",
  "--property",
  "-u",
  "--unit",
  "-E",
  "--setenv",
  "--uid",
  "--gid",
  "-M",
  "--machine",
  "--on-calendar",
  "--description",
  "-d",
  "--working-directory",
];

// ── transparent wrappers ─────────────────────────────────────────────────────────────────────────

/** Skip leading options (valueOpts take one value), then maybe N positional values; return the rest. */
function skipping(valueOpts: readonly string[], positional = 0, stopAt?: RegExp): Handler {
  const values = new Set(valueOpts);
  return (c) => {
    let k = 0;
    while (k < c.args.length) {
      const v = c.args[k]!.value;
      if (stopAt?.test(v)) return undefined;
      if (v === "--") {
        k++;
        break;
      }
      if (!v.startsWith("-") || v === "-") break;
      k += values.has(v) ? 2 : 1;
    }
    return c.args.slice(k + positional);
  };
}

const env: Handler = (c) => {
  let k = 0;
  while (k < c.args.length) {
    const w = c.args[k]!;
    const v = w.value;
    if (
      v === "-S" ||
      v === "--split-string" ||
      v.startsWith("--split-string=") ||
      (v.startsWith("-S") && v.length > 2)
    ) {
      const text =
        v === "-S" || v === "--split-string"
          ? (c.args[k + 1]?.value ?? "")
          : v.replace(/^(?:-S|--split-string=)/, "");
      const tail = c.args.slice(v === "-S" || v === "--split-string" ? k + 2 : k + 1).map((x) => x.value);
      c.st.reenter.shell([text, ...tail].join(" "), c.depth + 1);
      return undefined;
    }
    if (v === "-u" || v === "--unset" || v === "-C" || v === "--chdir") k += 2;
    else if (v.startsWith("-") && v !== "-") k++;
    else if (v === "-") k++;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      checkAssignment(c, w);
      k++;
    } else break;
  }
  return c.args.slice(k);
};

const XARGS_VALUES = new Set([
  "-I",
  "-L",
  "-n",
  "-P",
  "-s",
  "-d",
  "-E",
  "-a",
  "--max-args",
  "--max-procs",
  "--max-lines",
  "--delimiter",
  "--arg-file",
  "--replace",
  "--eof",
  "--max-chars",
  "--process-slot-var",
]);
// Items taken from a static stdin: enough for any real list, bounded for hostile input.
const MAX_XARGS_ITEMS = 64;

const xargs: Handler = (c) => {
  let k = 0;
  let replace: string | null = null;
  while (k < c.args.length) {
    const v = c.args[k]!.value;
    if (v === "--") {
      k++;
      break;
    }
    if (!v.startsWith("-") || v === "-") break;
    if (v === "-I" || v === "--replace") replace = c.args[k + 1]?.value ?? "{}";
    else if (v.startsWith("-I")) replace = v.slice(2);
    else if (v.startsWith("--replace=")) replace = v.slice(10);
    else if (v === "-i") replace = "{}";
    k += XARGS_VALUES.has(v) ? 2 : 1;
  }
  const rest = c.args.slice(k);
  if (rest.length === 0) return undefined;
  const items =
    c.stdin === null
      ? []
      : c.stdin
          .split(/\s+/)
          .filter((x) => x.length > 0)
          .slice(0, MAX_XARGS_ITEMS);
  if (replace !== null && replace.length > 0) {
    const r = replace;
    for (const item of items) {
      c.st.reenter.argv(
        rest.map((w) => (w.value.includes(r) ? { ...w, value: w.value.split(r).join(item) } : w)),
        { stdin: null, stdinNet: false },
        c.depth + 1,
      );
    }
    return items.length > 0 ? undefined : rest;
  }
  return [...rest, ...items.map((x) => synthetic(x))];
};

const watch: Handler = (c) => {
  const values = new Set(["-n", "--interval", "-q", "--equexit", "--differences"]);
  let k = 0;
  let exec = false;
  while (k < c.args.length) {
    const v = c.args[k]!.value;
    if (!v.startsWith("-")) break;
    if (v === "-x" || v === "--exec") exec = true;
    k += values.has(v) ? 2 : 1;
  }
  const rest = c.args.slice(k);
  if (exec) return rest;
  c.st.reenter.shell(rest.map((w) => w.value).join(" "), c.depth + 1);
  return undefined;
};

const flock: Handler = (c) => {
  const { opts, ops } = scanArgs(
    c.args,
    new Set(["-w", "--timeout", "-E", "--conflict-exit-code", "-c", "--command"]),
  );
  const command = optValues(opts, "-c", "--command")[0];
  if (command) {
    c.st.reenter.shell(command.value, c.depth + 1);
    return undefined;
  }
  return ops.slice(1);
};

const NPX_VALUES = new Set(["-p", "--package", "--registry", "--cache", "--userconfig"]);

/** npx / bunx / pnpx / `npm exec` / `pnpm dlx` / `yarn dlx`: the package runs as a command. */
export function packageRunner(args: readonly Word[], c: Cmd): Word[] | undefined {
  let k = 0;
  while (k < args.length) {
    const v = args[k]!.value;
    if (v === "-c" || v === "--call") {
      c.st.reenter.shell(args[k + 1]?.value ?? "", c.depth + 1);
      return undefined;
    }
    if (v === "--") {
      k++;
      break;
    }
    if (!v.startsWith("-")) break;
    k += NPX_VALUES.has(v) ? 2 : 1;
  }
  const pkg = args[k];
  if (!pkg) return undefined;
  // "rimraf@5" → "rimraf", "@scope/tool@1.2" → "tool"
  const name = pkg.value.replace(/^(@[^/]+\/)?([^@]+)@.*$/, "$1$2");
  return [{ ...pkg, value: baseName(name) }, ...args.slice(k + 1)];
}

const npx: Handler = (c) => packageRunner(c.args, c);

/** alias name='command': the command runs whenever the alias is used. */
const alias: Handler = (c) => {
  for (const w of c.args) {
    const eq = w.value.indexOf("=");
    if (eq > 0) c.st.reenter.shell(w.value.slice(eq + 1), c.depth + 1);
  }
  return undefined;
};

/** script -c 'command' [file]: runs the command in a pseudo-terminal. */
const script: Handler = (c) => {
  const { opts } = scanArgs(
    c.args,
    new Set(["-c", "--command", "-t", "--timing", "-T", "-I", "-O", "-B", "-E"]),
  );
  const command = optValues(opts, "-c", "--command")[0];
  if (command) c.st.reenter.shell(command.value, c.depth + 1);
  else {
    const cluster = c.args.findIndex((w) => /^-[a-zA-Z]*c$/.test(w.value));
    const text = cluster >= 0 ? c.args[cluster + 1] : undefined;
    if (text) c.st.reenter.shell(text.value, c.depth + 1);
  }
  return undefined;
};

/** at / batch: the job text arrives on stdin. */
const at: Handler = (c) => {
  if (c.stdinNet) flag(c, "remote-code-exec", `network output scheduled with ${q(c.name)}`);
  else if (c.stdin !== null) c.st.reenter.shell(c.stdin, c.depth + 1);
  return undefined;
};

/** trap 'command' SIGNAL…: the command runs later, in this shell. */
const trap: Handler = (c) => {
  const action = c.args[0];
  if (action && !action.value.startsWith("-")) c.st.reenter.shell(action.value, c.depth + 1);
  return undefined;
};

const cd: Handler = (c) => {
  const target = c.args.find((w) => !w.value.startsWith("-") || w.value === "-");
  if (target?.value === "-" || target?.dynStart) return undefined;
  c.st.cwd = target ? resolveIn(c.st, target.value) : c.st.policy.home;
  return undefined;
};

export const WRAPPER_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [["sudo", "doas", "pkexec", "run0"], elevate],
  [["su"], su],
  [["env"], env],
  [
    ["nohup", "builtin", "busybox", "unbuffer", "proxychains", "proxychains4", "torsocks", "firejail"],
    skipping([]),
  ],
  [["time"], skipping(["-f", "--format", "-o", "--output"])],
  [["nice"], skipping(["-n", "--adjustment"])],
  [["ionice"], skipping(["-c", "--class", "-n", "--classdata"], 0, /^-p$|^--pid$/)],
  [["timeout"], skipping(["-s", "--signal", "-k", "--kill-after"], 1)],
  [["stdbuf", "setsid", "caffeinate", "chrt"], skipping(["-i", "-o", "-e", "-w"])],
  [["taskset"], skipping(["-c", "--cpu-list"], 1, /^-p$|^--pid$/)],
  [["command"], skipping([], 0, /^-[vV]$/)],
  [["exec"], skipping(["-a"])],
  [["systemd-run"], skipping(SYSTEMD_RUN_VALUES)],
  [["xargs"], xargs],
  [["watch"], watch],
  [["flock"], flock],
  [["npx", "bunx", "pnpx"], npx],
  [["cd", "pushd"], cd],
  [["trap"], trap],
  [["alias"], alias],
  [["script"], script],
  [["at", "batch"], at],
];
