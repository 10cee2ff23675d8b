/**
 * Shared helpers for the per-tool command rules (rules-*.ts), script-name classification, and the
 * programs whose class does not depend on their arguments. Only command words and sub-command
 * words are judged; arguments such as commit messages, grep patterns or file names never decide.
 */
import type { CommandClass } from "./types.js";

/** A classifier for the rest of a command line, used for wrappers (`npx vitest`, `uv run pytest`). */
export type Recurse = (words: readonly string[]) => CommandClass;

const NO_FLAGS: ReadonlySet<string> = new Set();

/** A set from a whitespace-separated list: keeps long word lists readable. */
export function words(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(WHITESPACE));
}
const WHITESPACE = /\s+/;

/** Index of the first argument that is not a flag. `withValue` lists flags that consume the next word. */
export function firstArg(args: readonly string[], withValue: ReadonlySet<string> = NO_FLAGS): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return i + 1 < args.length ? i + 1 : -1;
    if (a.length > 1 && a.startsWith("-")) {
      if (withValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

export function argAt(
  args: readonly string[],
  withValue?: ReadonlySet<string>,
): { word: string; rest: readonly string[] } {
  const i = firstArg(args, withValue);
  return i === -1 ? { word: "", rest: [] } : { word: args[i]!.toLowerCase(), rest: args.slice(i + 1) };
}

/** The program name of a path (`./node_modules/.bin/vitest` → `vitest`), lower-cased, without a
 * Windows extension or an npm version suffix (`vitest@1.2` → `vitest`). */
export function programName(word: string): string {
  let w = word.toLowerCase();
  const slash = Math.max(w.lastIndexOf("/"), w.lastIndexOf("\\"));
  if (slash !== -1) w = w.slice(slash + 1);
  const at = w.indexOf("@", 1);
  if (at > 0) w = w.slice(0, at);
  for (const ext of WINDOWS_EXTS) if (w.endsWith(ext)) return w.slice(0, -ext.length);
  return w;
}
const WINDOWS_EXTS = [".exe", ".cmd", ".bat"];

// ---------------------------------------------------------------------------------------------
// Script names (npm/yarn/pnpm/bun/deno/turbo/make targets): judged by their parts, so
// "test:unit", "unit-test" and "ci:lint" are understood.

const SCRIPT_SPLIT = /[:\-_.\s/]+/;
const TEST_WORDS = words("test tests e2e spec specs coverage cov jest vitest mocha");
const BUILD_WORDS = words("build compile bundle dist all package assemble");
const LINT_WORDS = words("lint eslint typecheck tsc types check format fmt prettier biome stylelint clippy");
const INSTALL_WORDS = words("install deps bootstrap setup");

export function scriptClass(name: string): CommandClass {
  const parts = name.toLowerCase().split(SCRIPT_SPLIT);
  if (parts.some((p) => TEST_WORDS.has(p))) return "test";
  if (parts.some((p) => BUILD_WORDS.has(p))) return "build";
  if (parts.some((p) => LINT_WORDS.has(p))) return "lint";
  if (parts.some((p) => INSTALL_WORDS.has(p))) return "install";
  if (parts.includes("clean")) return "fs-write";
  return "run";
}

// ---------------------------------------------------------------------------------------------
// Programs whose class does not depend on their arguments.

const group = (cls: CommandClass, names: string): [string, CommandClass][] =>
  names.split(" ").map((n) => [n, cls]);

export const SIMPLE: ReadonlyMap<string, CommandClass> = new Map<string, CommandClass>([
  ...group(
    "test",
    "vitest jest mocha ava tap pytest py.test tox nox rspec phpunit karma ctest bats jasmine uvu pest",
  ),
  ...group(
    "lint",
    "eslint biome prettier ruff flake8 pylint mypy pyright black isort golangci-lint gofmt rustfmt shellcheck " +
      "stylelint markdownlint hadolint rubocop standard xo oxlint dprint tslint clang-format ktlint",
  ),
  ...group(
    "build",
    "esbuild rollup webpack tsup swc babel gcc g++ clang clang++ cc javac rustc cmake ninja msbuild",
  ),
  ...group(
    "fs-read",
    "cat bat less more head tail sed find ls ll la exa eza tree fd grep egrep fgrep rg ag ack wc file stat du df which " +
      "whereis type pwd realpath readlink dirname basename printenv jq yq awk gawk sort uniq cut tr diff cmp comm " +
      "md5sum sha256sum shasum xxd hexdump od strings nl column ps lsof id whoami hostname uname",
  ),
  ...group(
    "fs-write",
    "mkdir touch cp mv rm rmdir ln chmod chown chgrp truncate unzip gzip gunzip zip rsync scp patch dd shred",
  ),
  ...group("run", "ts-node tsx nodemon java ruby perl php source . pm2"),
]);
