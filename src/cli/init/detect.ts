/**
 * Project type and package manager, from marker files in the project root (no recursion, no
 * command runs). The result feeds the AGENTS.md section: which commands run the tests, lint, build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isFile } from "../fsx.js";

export type ProjectType = "typescript" | "node" | "rust" | "go" | "python" | "generic";

export interface ProjectCommands {
  install?: string;
  test?: string;
  typecheck?: string;
  lint?: string;
  build?: string;
}

export interface ProjectInfo {
  type: ProjectType;
  /** npm, pnpm, yarn, bun, cargo, go, uv, poetry, pipenv, pip; null when unknown. */
  packageManager: string | null;
  /** The files the decision rests on, for the plan output. */
  evidence: string[];
  commands: ProjectCommands;
}

// Checked in order; the first hit decides. tsconfig before package.json: a TS project has both.
const TYPE_MARKERS: ReadonlyArray<[string, ProjectType]> = [
  ["tsconfig.json", "typescript"],
  ["Cargo.toml", "rust"],
  ["go.mod", "go"],
  ["pyproject.toml", "python"],
  ["setup.py", "python"],
  ["requirements.txt", "python"],
  ["package.json", "node"],
];

const NODE_LOCKFILES: ReadonlyArray<[string, string]> = [
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["package-lock.json", "npm"],
];

const PYTHON_LOCKFILES: ReadonlyArray<[string, string]> = [
  ["uv.lock", "uv"],
  ["poetry.lock", "poetry"],
  ["Pipfile.lock", "pipenv"],
];

// How each package manager runs a locally installed binary.
const TSC_RUNNER: Readonly<Record<string, string>> = {
  npm: "npx",
  pnpm: "pnpm exec",
  yarn: "yarn",
  bun: "bunx",
};

// package.json larger than this is not read for scripts (a generated monster is not worth parsing).
const kMaxPackageJsonBytes = 1024 * 1024;

export function detectProject(dir: string): ProjectInfo {
  const has = (f: string) => isFile(join(dir, f));
  const evidence: string[] = [];
  let type: ProjectType = "generic";
  for (const [file, t] of TYPE_MARKERS) {
    if (has(file)) {
      type = t;
      evidence.push(file);
      break;
    }
  }
  switch (type) {
    case "typescript":
    case "node":
      return nodeProject(dir, type, evidence, has);
    case "rust":
      return {
        type,
        packageManager: "cargo",
        evidence,
        commands: { build: "cargo build", test: "cargo test", lint: "cargo clippy" },
      };
    case "go":
      return {
        type,
        packageManager: "go",
        evidence,
        commands: { build: "go build ./...", test: "go test ./...", lint: "go vet ./..." },
      };
    case "python":
      return pythonProject(type, evidence, has);
    case "generic":
      return { type, packageManager: null, evidence, commands: {} };
  }
}

function nodeProject(
  dir: string,
  type: ProjectType,
  evidence: string[],
  has: (f: string) => boolean,
): ProjectInfo {
  let pm: string | null = null;
  for (const [file, name] of NODE_LOCKFILES) {
    if (has(file)) {
      pm = name;
      evidence.push(file);
      break;
    }
  }
  const scripts = readScripts(join(dir, "package.json"));
  const runner = pm ?? "npm";
  const run = (s: string) => (s === "test" ? `${runner} test` : `${runner} run ${s}`);
  const commands: ProjectCommands = { install: `${runner} install` };
  if (scripts.has("test")) commands.test = run("test");
  if (scripts.has("typecheck")) commands.typecheck = run("typecheck");
  else if (type === "typescript") commands.typecheck = `${TSC_RUNNER[runner] ?? "npx"} tsc --noEmit`;
  if (scripts.has("lint")) commands.lint = run("lint");
  if (scripts.has("build")) commands.build = run("build");
  return { type, packageManager: pm, evidence, commands };
}

function pythonProject(type: ProjectType, evidence: string[], has: (f: string) => boolean): ProjectInfo {
  let pm = "pip";
  for (const [file, name] of PYTHON_LOCKFILES) {
    if (has(file)) {
      pm = name;
      evidence.push(file);
      break;
    }
  }
  const prefix = pm === "pip" ? "" : `${pm} run `;
  const install =
    pm === "uv"
      ? "uv sync"
      : pm === "poetry"
        ? "poetry install"
        : pm === "pipenv"
          ? "pipenv install --dev"
          : undefined;
  return {
    type,
    packageManager: pm,
    evidence,
    commands: { ...(install ? { install } : {}), test: `${prefix}pytest` },
  };
}

function readScripts(file: string): Set<string> {
  try {
    const text = readFileSync(file, "utf8");
    if (text.length > kMaxPackageJsonBytes) return new Set();
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    if (typeof scripts !== "object" || scripts === null) return new Set();
    return new Set(
      Object.keys(scripts).filter((k) => typeof (scripts as Record<string, unknown>)[k] === "string"),
    );
  } catch {
    return new Set();
  }
}
