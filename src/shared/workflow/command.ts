/**
 * Bash command → CommandClass. The command is split into simple commands (shell-words.ts); each is
 * judged by its command word and sub-command (rules-*.ts), never by quoted data, so
 * `git commit -m "add test"` is vcs-write and `grep -r pytest .` is fs-read. A chained command takes
 * the strongest class of its parts (CLASS_RANK), so `npm install && npm test` is test.
 */
import { firstArg, programName, SIMPLE } from "./command-words.js";
import { denoClass, execClass, frameworkClass, nodeClass, packageManagerClass } from "./rules-js.js";
import {
  cargoClass,
  dockerClass,
  dotnetClass,
  goClass,
  jvmClass,
  makeClass,
  pipClass,
  pyManagerClass,
  pythonClass,
  systemPackageClass,
} from "./rules-native.js";
import { ghClass, gitClass } from "./rules-vcs.js";
import { splitShell } from "./shell-words.js";
import type { CommandClass } from "./types.js";

/**
 * Strength of each class when a command chains several: verification work outranks changes, which
 * outrank reads. install > vcs-write > fs-write > run only orders the "change" group
 * deterministically; all four map to the implementation phase.
 */
export const CLASS_RANK: Readonly<Record<CommandClass, number>> = Object.freeze({
  test: 9,
  build: 8,
  lint: 8,
  install: 7,
  "vcs-write": 6,
  "fs-write": 5,
  run: 4,
  "vcs-read": 3,
  "fs-read": 2,
  other: 1,
});

/** `bash -c "…"` inside `bash -c "…"` is followed this deep, no further (bounded work). */
const MAX_NESTING = 2;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Shell keywords that may precede a command word in a simple command. */
const KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done"]);

/** Programs that run the rest of the line as another command; value = flags that take a value. */
const WRAPPERS = new Map<string, ReadonlySet<string>>([
  ["sudo", new Set(["-u", "-g", "-h", "-p", "-C", "-U", "-D"])],
  ["doas", new Set(["-u", "-C"])],
  ["env", new Set(["-u", "-C", "-S", "--unset", "--chdir"])],
  ["nice", new Set(["-n", "--adjustment"])],
  ["nohup", new Set()],
  ["time", new Set(["-f", "-o"])],
  ["timeout", new Set(["-s", "-k", "--signal", "--kill-after"])],
  ["exec", new Set(["-a"])],
  ["command", new Set()],
  ["builtin", new Set()],
  ["xargs", new Set(["-I", "-n", "-P", "-L", "-d", "-E", "-s", "-a"])],
  ["stdbuf", new Set()],
  ["unbuffer", new Set()],
  ["caffeinate", new Set()],
  ["dotenv", new Set(["-e", "-c", "-v"])],
  ["cross-env", new Set()],
  ["c8", new Set(["-r", "--reporter", "-o"])],
  ["nyc", new Set(["-r", "--reporter"])],
]);
/** Wrappers whose first non-flag argument is a value, not the command (`timeout 30 npm test`). */
const WRAPPERS_WITH_LEADING_VALUE = new Set(["timeout"]);
/** Coverage wrappers: with no inner command they still mean "run the tests". */
const COVERAGE_WRAPPERS = new Set(["c8", "nyc"]);

const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "fish"]);
const PACKAGE_MANAGERS = new Set(["npm", "pnpm", "yarn", "bun"]);
const EXECUTORS = new Set(["npx", "bunx", "pnpx"]);
const PYTHONS = new Set(["python", "python3", "py", "pypy", "pypy3"]);
const PY_MANAGERS = new Set(["uv", "poetry", "pipenv", "pdm", "hatch", "rye"]);
const SYSTEM_PACKAGERS = new Set([
  "brew",
  "apt",
  "apt-get",
  "yum",
  "dnf",
  "apk",
  "gem",
  "composer",
  "conda",
  "mamba",
  "bundle",
]);
const FRAMEWORKS = new Set([
  "vite",
  "next",
  "nuxt",
  "astro",
  "parcel",
  "playwright",
  "cypress",
  "turbo",
  "nx",
  "remix",
  "svelte-kit",
]);
const JVM = new Set(["mvn", "mvnw", "gradle", "gradlew"]);
const TYPESCRIPT = new Set(["tsc", "vue-tsc", "tsgo"]);

/** Classify a whole bash command line. Empty or unparsable input is "other". Never throws. */
// The same command is classified by the workflow and by error recovery for one tool call: a one-entry
// memo (deterministic input → output, so safe to share) makes the second lookup free.
let memoCommand = "";
let memoClass: CommandClass = "other";

export function classifyCommand(command: string): CommandClass {
  if (typeof command !== "string" || command.length === 0) return "other";
  if (command === memoCommand) return memoClass;
  const cls = classifyLine(command, 0);
  memoCommand = command;
  memoClass = cls;
  return cls;
}

function classifyLine(command: string, depth: number): CommandClass {
  let best: CommandClass = "other";
  for (const segment of splitShell(command)) {
    let cls = classifyWords(segment.words, depth);
    if (segment.writesFile && CLASS_RANK["fs-write"] > CLASS_RANK[cls]) cls = "fs-write";
    // Strictly greater: among equal ranks (build vs lint) the first one seen wins.
    if (CLASS_RANK[cls] > CLASS_RANK[best]) best = cls;
  }
  return best;
}

function classifyWords(all: readonly string[], depth: number): CommandClass {
  let words = all;
  // Skip `FOO=1 BAR=2`, `if`, `!`, `{` … and wrappers (`sudo -u x`, `timeout 30`, `env A=1`).
  for (;;) {
    const head = words[0];
    if (head === undefined) return "other";
    if (ASSIGNMENT.test(head) || KEYWORDS.has(head)) {
      words = words.slice(1);
      continue;
    }
    const name = programName(head);
    const withValue = WRAPPERS.get(name);
    if (withValue === undefined) break;
    if (name === "command" && (words[1] === "-v" || words[1] === "-V")) return "fs-read";
    let rest = words.slice(1);
    while (rest[0] !== undefined && (ASSIGNMENT.test(rest[0]) || rest[0] === "--")) rest = rest.slice(1);
    const i = firstArg(rest, withValue);
    const start = WRAPPERS_WITH_LEADING_VALUE.has(name) && i !== -1 ? i + 1 : i;
    if (start === -1 || start >= rest.length) {
      if (COVERAGE_WRAPPERS.has(name)) return "test";
      return name === "env" ? "fs-read" : "other";
    }
    words = rest.slice(start);
    // Coverage wrappers around anything (`c8 node script.js`) are still a test run.
    if (COVERAGE_WRAPPERS.has(name)) return "test";
  }
  return classifyProgram(words[0]!, words.slice(1), depth);
}

function classifyProgram(word: string, args: readonly string[], depth: number): CommandClass {
  const name = programName(word);
  const recurse = (inner: readonly string[]): CommandClass => classifyWords(inner, depth);
  const simple = SIMPLE.get(name);
  if (simple !== undefined) return adjustSimple(name, simple, args);
  if (name === "git") return gitClass(args);
  if (name === "gh") return ghClass(args);
  if (PACKAGE_MANAGERS.has(name)) return packageManagerClass(name, args, recurse);
  if (EXECUTORS.has(name)) return execClass(args, recurse);
  if (name === "node") return nodeClass(args);
  if (name === "deno") return denoClass(args);
  if (PYTHONS.has(name)) return pythonClass(args, recurse);
  if (name === "pip" || name === "pip3") return pipClass(args);
  if (PY_MANAGERS.has(name)) return pyManagerClass(args, recurse);
  if (name === "cargo") return cargoClass(args);
  if (name === "go") return goClass(args);
  if (name === "make" || name === "gmake" || name === "just") return makeClass(args);
  if (JVM.has(name)) return jvmClass(args);
  if (name === "dotnet") return dotnetClass(args);
  if (name === "docker" || name === "podman") return dockerClass(args);
  if (SYSTEM_PACKAGERS.has(name)) return systemPackageClass(args, recurse);
  if (FRAMEWORKS.has(name)) return frameworkClass(name, args);
  if (TYPESCRIPT.has(name)) return args.includes("--noEmit") || args.includes("--noemit") ? "lint" : "build";
  if (SHELLS.has(name)) return shellClass(args, depth);
  if (name === "eval") return depth < MAX_NESTING ? classifyLine(args.join(" "), depth + 1) : "run";
  if (name === "tee") return args.some((a) => !a.startsWith("-") && a !== "/dev/null") ? "fs-write" : "other";
  if (name === "tar") return tarClass(args);
  // A path to a program (`./run.sh`, `bin/dev`) or a script file runs project code.
  return PATH_LIKE.test(word) || SCRIPT_EXT.test(name) ? "run" : "other";
}

/** Tools in SIMPLE whose class changes with a flag. */
function adjustSimple(name: string, cls: CommandClass, args: readonly string[]): CommandClass {
  if (name === "sed" || name === "perl")
    return args.some((a) => a === "-i" || a.startsWith("-i") || a === "--in-place") ? "fs-write" : cls;
  if (name === "find") return args.includes("-delete") ? "fs-write" : cls;
  return cls;
}

function shellClass(args: readonly string[], depth: number): CommandClass {
  const c = args.findIndex(
    (a) => a === "-c" || (a.startsWith("-") && !a.startsWith("--") && a.includes("c")),
  );
  if (c !== -1 && c + 1 < args.length) {
    return depth < MAX_NESTING ? classifyLine(args[c + 1]!, depth + 1) : "run";
  }
  return firstArg(args) === -1 ? "other" : "run";
}

function tarClass(args: readonly string[]): CommandClass {
  const first = args[0] ?? "";
  const flags = first.startsWith("-") ? first.slice(1) : first;
  if (args.includes("--list") || (flags.includes("t") && !flags.includes("x") && !flags.includes("c")))
    return "fs-read";
  return "fs-write";
}

const PATH_LIKE = /[/\\]/;
const SCRIPT_EXT = /\.(?:sh|bash|py|rb|pl|[cm]?js|ts)$/;
