/** JavaScript package managers, runtimes and framework CLIs. */
import { argAt, firstArg, type Recurse, scriptClass, words } from "./command-words.js";
import type { CommandClass } from "./types.js";

const NPM_INSTALL = words(
  "install i in ci add isntall update up upgrade uninstall remove rm un r link ln dedupe prune rebuild",
);
const NPM_READ = words("ls list ll la view v info show outdated why explain search doctor root bin prefix");
const NPM_RUN = words("run run-script rum urn");
const NPM_START = words("start restart stop serve dev");
const NPM_EXEC = words("exec x dlx");
const NPM_WITH_VALUE = words("--prefix -C --dir --filter -F --workspace -w --cwd");

/** npm, pnpm, yarn and bun share most sub-commands; pnpm, yarn and bun also run scripts without `run`. */
export function packageManagerClass(pm: string, args: readonly string[], recurse: Recurse): CommandClass {
  const { word: sub, rest } = argAt(args, NPM_WITH_VALUE);
  // Bare `yarn` installs; bare npm/pnpm/bun print help.
  if (sub === "") return pm === "yarn" ? "install" : "other";
  if (sub === "test" || sub === "t" || sub === "tst") return "test";
  if (NPM_INSTALL.has(sub)) return "install";
  if (NPM_RUN.has(sub)) {
    const { word: script } = argAt(rest, NPM_WITH_VALUE);
    if (script === "") return "fs-read"; // bare `npm run` lists the scripts
    if (pm === "bun" && (script.includes("/") || SCRIPT_FILE.test(script))) return "run";
    return scriptClass(script);
  }
  if (NPM_EXEC.has(sub)) return rest.length > 0 ? execClass(rest, recurse) : "other";
  if (NPM_START.has(sub)) return "run";
  if (NPM_READ.has(sub)) return "fs-read";
  if (sub === "init" || sub === "create") return "fs-write";
  if (sub === "build" && pm === "bun") return "build";
  if (sub === "publish" || sub === "pack" || sub === "version") return "run";
  if (pm !== "npm") {
    // `pnpm lint`, `yarn build`, `bun dev`, `bun src/index.ts`
    if (pm === "bun" && (sub.includes("/") || SCRIPT_FILE.test(sub))) return "run";
    return scriptClass(sub);
  }
  return "other";
}
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;

const EXEC_WITH_VALUE = words("-p --package -c --call");

/** `npx <tool> ...`: judge the tool as if it had been typed directly. */
export function execClass(args: readonly string[], recurse: Recurse): CommandClass {
  const i = firstArg(args, EXEC_WITH_VALUE);
  if (i === -1) return "other";
  const inner = recurse(args.slice(i));
  return inner === "other" ? "run" : inner;
}

export function nodeClass(args: readonly string[]): CommandClass {
  if (args.some((a) => a === "--test" || a.startsWith("--test-"))) return "test";
  if (args.some((a) => a === "-e" || a === "--eval" || a === "-p" || a === "--print")) return "run";
  return firstArg(args) === -1 ? "other" : "run";
}

export function denoClass(args: readonly string[]): CommandClass {
  const { word: sub, rest } = argAt(args);
  switch (sub) {
    case "test":
    case "bench":
      return "test";
    case "lint":
    case "fmt":
    case "check":
      return "lint";
    case "compile":
    case "bundle":
      return "build";
    case "install":
    case "add":
    case "cache":
      return "install";
    case "task":
      return scriptClass(argAt(rest).word);
    case "":
      return "other";
    default:
      return "run";
  }
}

const TASK_WITH_VALUE = words("-t --target --filter");

/** vite, next, nuxt, astro, parcel, playwright, cypress, turbo, nx: dev servers vs builds vs tests. */
export function frameworkClass(tool: string, args: readonly string[]): CommandClass {
  const { word: sub, rest } = argAt(args);
  if (tool === "playwright")
    return sub === "test" || sub === "" ? "test" : sub === "install" ? "install" : "run";
  if (tool === "cypress") return sub === "run" ? "test" : sub === "install" ? "install" : "run";
  if (tool === "turbo" || tool === "nx") {
    if (sub === "run" || sub === "run-many") {
      const { word: task } = argAt(rest, TASK_WITH_VALUE);
      const name = task.includes(":") ? (task.split(":").pop() ?? task) : task;
      return name ? scriptClass(name) : "run";
    }
    return sub ? scriptClass(sub) : "other";
  }
  if (sub === "build" || sub === "export") return "build";
  if (sub === "lint") return "lint";
  if (sub === "test") return "test";
  return "run";
}
