/** Python, compiled-language toolchains, containers and system package managers. */
import { argAt, firstArg, type Recurse, scriptClass, words } from "./command-words.js";
import type { CommandClass } from "./types.js";

const PY_TEST_MODULES = words("pytest unittest nose2 tox nox doctest");
const PY_LINT_MODULES = words("mypy ruff flake8 pylint black isort pyright pycodestyle");

export function pythonClass(args: readonly string[], recurse: Recurse): CommandClass {
  const m = args.indexOf("-m");
  if (m !== -1 && m + 1 < args.length) {
    const mod = args[m + 1]!.toLowerCase();
    if (PY_TEST_MODULES.has(mod)) return "test";
    if (PY_LINT_MODULES.has(mod)) return "lint";
    if (mod === "pip") return pipClass(args.slice(m + 2));
    if (mod === "build" || mod === "compileall") return "build";
    if (mod === "venv" || mod === "virtualenv") return "fs-write";
    const inner = recurse(args.slice(m + 1));
    return inner === "other" ? "run" : inner;
  }
  if (args.includes("-c")) return "run";
  return firstArg(args) === -1 ? "other" : "run";
}

export function pipClass(args: readonly string[]): CommandClass {
  const { word: sub } = argAt(args);
  if (sub === "install" || sub === "uninstall" || sub === "download" || sub === "sync") return "install";
  if (sub === "list" || sub === "show" || sub === "freeze" || sub === "check") return "fs-read";
  return "other";
}

const PY_MANAGER_INSTALL = words("add remove install uninstall sync lock update upgrade");

/** uv, poetry, pipenv, pdm, hatch, rye: dependency managers with a `run` that wraps another command. */
export function pyManagerClass(args: readonly string[], recurse: Recurse): CommandClass {
  const { word: sub, rest } = argAt(args);
  if (sub === "pip") return pipClass(rest);
  if (sub === "run") {
    const inner = recurse(rest.slice(Math.max(0, firstArg(rest))));
    return inner === "other" ? "run" : inner;
  }
  if (sub === "test") return "test";
  if (sub === "build") return "build";
  if (PY_MANAGER_INSTALL.has(sub)) return "install";
  if (sub === "init" || sub === "new") return "fs-write";
  return "other";
}

// ---------------------------------------------------------------------------------------------
// Compiled-language toolchains

export function cargoClass(args: readonly string[]): CommandClass {
  const { word: sub } = argAt(args);
  switch (sub) {
    case "test":
    case "t":
    case "nextest":
    case "bench":
      return "test";
    case "build":
    case "b":
    case "doc":
      return "build";
    case "check":
    case "c":
    case "clippy":
    case "fmt":
      return "lint";
    case "run":
    case "r":
      return "run";
    case "add":
    case "install":
    case "remove":
    case "update":
    case "fetch":
      return "install";
    case "new":
    case "init":
      return "fs-write";
    default:
      return "other";
  }
}

export function goClass(args: readonly string[]): CommandClass {
  const { word: sub, rest } = argAt(args);
  switch (sub) {
    case "test":
      return "test";
    case "build":
      return "build";
    case "vet":
    case "fmt":
      return "lint";
    case "run":
    case "generate":
      return "run";
    case "get":
    case "install":
      return "install";
    case "mod": {
      const { word: action } = argAt(rest);
      return action === "tidy" || action === "download" || action === "vendor" ? "install" : "other";
    }
    default:
      return "other";
  }
}

const MAKE_WITH_VALUE = words("-C -f -j --directory --file -o -W");

export function makeClass(args: readonly string[]): CommandClass {
  const targets = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (MAKE_WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-") || a.includes("=")) continue;
    targets.push(a);
  }
  // No target: the default goal, which by convention builds.
  if (targets.length === 0) return "build";
  const first = targets[0]!.toLowerCase();
  // `make check` conventionally runs the test suite (GNU coding standards).
  if (first === "check") return "test";
  return scriptClass(first);
}

const JVM_TEST = words("test verify check integrationtest connectedcheck");
const JVM_BUILD = words("compile package build assemble install jar war bootjar");

/** Maven and Gradle: goals/tasks may be many; the strongest wins (test > build). */
export function jvmClass(args: readonly string[]): CommandClass {
  const goals = args.filter((a) => !a.startsWith("-")).map((a) => a.toLowerCase().split(":").pop() ?? "");
  if (goals.some((g) => JVM_TEST.has(g))) return "test";
  if (goals.some((g) => JVM_BUILD.has(g))) return "build";
  if (goals.some((g) => g.includes("spotless") || g.includes("checkstyle") || g.includes("lint")))
    return "lint";
  return goals.length === 0 ? "other" : "run";
}

export function dotnetClass(args: readonly string[]): CommandClass {
  const { word: sub } = argAt(args);
  if (sub === "test") return "test";
  if (sub === "build" || sub === "publish" || sub === "pack") return "build";
  if (sub === "format") return "lint";
  if (sub === "run" || sub === "watch") return "run";
  if (sub === "add" || sub === "restore" || sub === "tool") return "install";
  if (sub === "new") return "fs-write";
  return "other";
}

// ---------------------------------------------------------------------------------------------
// Containers and system package managers

const COMPOSE_WITH_VALUE = words("-f --file -p --project-name");

export function dockerClass(args: readonly string[]): CommandClass {
  const { word: sub, rest } = argAt(args);
  if (sub === "compose") {
    const { word: action } = argAt(rest, COMPOSE_WITH_VALUE);
    if (action === "build") return "build";
    if (
      action === "up" ||
      action === "run" ||
      action === "exec" ||
      action === "start" ||
      action === "restart"
    )
      return "run";
    if (action === "ps" || action === "logs" || action === "config" || action === "images") return "fs-read";
    return "other";
  }
  if (sub === "build" || sub === "buildx") return "build";
  if (sub === "run" || sub === "exec" || sub === "start") return "run";
  if (sub === "pull") return "install";
  if (sub === "ps" || sub === "images" || sub === "logs" || sub === "inspect") return "fs-read";
  return "other";
}

const SYSTEM_INSTALL = words("install add remove uninstall upgrade update reinstall purge");
const SYSTEM_INSTALL_MORE = words("require create tap");
const SYSTEM_READ = words("search list show info policy outdated");

/** brew, apt, apt-get, yum, dnf, apk, gem, composer, conda, mamba, bundle. */
export function systemPackageClass(args: readonly string[], recurse: Recurse): CommandClass {
  const { word: sub, rest } = argAt(args);
  if (sub === "exec") {
    const inner = recurse(rest);
    return inner === "other" ? "run" : inner;
  }
  if (SYSTEM_INSTALL.has(sub) || SYSTEM_INSTALL_MORE.has(sub)) return "install";
  if (SYSTEM_READ.has(sub)) return "fs-read";
  return "other";
}
