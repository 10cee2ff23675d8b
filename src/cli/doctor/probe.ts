/**
 * Proof that the plugin loads: run the real `opencode` binary in a sandbox on a copy of the plugin
 * list and look at what happened. Measured on OpenCode 1.18.33: `opencode debug config` loads every
 * plugin (and disposes them) in about 1 s, against about 2.5 s for `serve` plus a request.
 *
 * OpenCode logs "failed to load plugin" only when a plugin function throws or a module exports a
 * non-function. A module that cannot be imported at all (missing file, syntax error, missing
 * dependency) is skipped WITHOUT any log line, so the absence of errors proves nothing. Atreides is
 * therefore loaded through a small probe module that imports the real entry, applies OpenCode's
 * export rule, calls the plugin with OpenCode's real input, and writes what happened to a marker file:
 * positive evidence, and the actual import error when there is one.
 *
 * Nothing is written into the user's project or config: settings files are copied into the sandbox,
 * npm plugins other than Atreides are not probed (they would need a network install).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CONFIG_BASENAMES, globalConfigDir } from "../../shared/config/load.js";
import { isDir, isFile, readTextIfExists } from "../fsx.js";
import { PACKAGE_NAME } from "../package-info.js";
import type { FoundPlugin } from "./registration.js";
import { localPluginUrl } from "./registration.js";
import { runProcess } from "./run-process.js";
import { createSandbox, seedConfigDir } from "./sandbox.js";

export const PLUGIN_LOAD_FAILURE = "failed to load plugin";
// Generous for a cold start on a loaded 2-core machine (a warm run takes about 1 s).
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;
// Error texts in the report are cut to this many characters (a stack trace says enough by then).
const kMaxErrorChars = 1_500;

export interface ProbeInput {
  opencode: string;
  opencodeVersion: string;
  projectDir: string;
  plugins: readonly FoundPlugin[];
  /** The package this CLI belongs to: what a bare "atreides-opencode" resolves to when the project has none. */
  packageRoot: string;
  hostEnv: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export interface AtreidesProbe {
  /** The module file that was loaded. */
  entry: string;
  /** What it was resolved from ("atreides-opencode" in opencode.json, or this CLI's own package). */
  from: string;
  status: "loaded" | "failed" | "no-evidence";
  hooks: string[];
  stage?: string;
  error?: string;
  runtime?: string;
}

export interface ProbeResult {
  command: string;
  durationMs: number;
  timedOut: boolean;
  exitCode: number | null;
  atreides: AtreidesProbe;
  /** "failed to load plugin" lines for the other plugins. */
  failures: Array<{ plugin: string; error: string }>;
  /** ERROR/WARN log lines that mention Atreides (e.g. its own start-up report). */
  atreidesLog: string[];
  skipped: Array<{ spec: string; reason: string }>;
  logTail: string;
}

const FAILED_PATH = /\bpath=(\S+)/;
const FAILED_ERROR = /\berror=("(?:[^"\\]|\\.)*"|\S+)/;
const LEVEL_WARN_ERROR = /\blevel=(?:ERROR|WARN)\b/;
const MENTIONS_ATREIDES = /atreides/i;
// Tail of the OpenCode log kept for the report when something went wrong.
const kLogTailChars = 3_000;

export async function probePluginLoad(input: ProbeInput): Promise<ProbeResult> {
  const box = createSandbox(input.hostEnv);
  try {
    seedConfigDir(box.globalConfigDir, input.opencodeVersion);
    copySettings(globalConfigDir(input.hostEnv), box.globalConfigDir);
    const projectDot = join(box.project, ".opencode");
    if (copySettings(join(input.projectDir, ".opencode"), projectDot))
      seedConfigDir(projectDot, input.opencodeVersion);

    const marker = join(box.root, "probe-marker.jsonl");
    const shim = join(box.root, "atreides-probe.mjs");
    const skipped: ProbeResult["skipped"] = [];
    const target = resolveAtreidesEntry(input);
    writeFileSync(shim, probeModule(marker, pathToFileURL(target.entry).href));
    const shimUrl = pathToFileURL(shim).href;
    const atreidesOptions = input.plugins.find((p) => p.atreides)?.options;
    const list: unknown[] = [atreidesOptions === undefined ? shimUrl : [shimUrl, atreidesOptions]];
    for (const p of input.plugins) {
      if (p.atreides) continue;
      const url = localPluginUrl(p.spec, p.source, input.hostEnv.HOME);
      if (!url) {
        skipped.push({
          spec: p.spec,
          reason: "npm plugin: not probed (OpenCode would install it from the network)",
        });
        continue;
      }
      list.push(p.options === undefined ? url : [url, p.options]);
    }
    const config = {
      $schema: "https://opencode.ai/config.json",
      autoupdate: false,
      share: "disabled",
      snapshot: false,
      lsp: false,
      formatter: false,
      plugin: list,
    };
    writeFileSync(join(box.project, "opencode.json"), `${JSON.stringify(config, null, 2)}\n`);

    const env: NodeJS.ProcessEnv = { ...box.env };
    for (const [k, v] of Object.entries(input.hostEnv))
      if (k.startsWith("ATREIDES_") && v !== undefined) env[k] = v;
    // Whatever the copied settings say, the probe's logs and state stay in the sandbox.
    env.ATREIDES_LOG_DIR = join(box.dataHome, "atreides", "logs");
    env.ATREIDES_STATE_DIR = join(box.dataHome, "atreides", "state");

    const args = ["debug", "config", "--print-logs", "--log-level", "INFO"];
    const r = await runProcess(input.opencode, args, { cwd: box.project, env, timeoutMs: input.timeoutMs });
    const log = `${r.stderr}\n${r.spawnError ? `spawn error: ${r.spawnError}` : ""}`;
    const failures: ProbeResult["failures"] = [];
    let shimFailure: string | undefined;
    for (const line of log.split("\n")) {
      if (!line.includes(PLUGIN_LOAD_FAILURE)) continue;
      const path = FAILED_PATH.exec(line)?.[1] ?? "(unknown)";
      const error = unquote(FAILED_ERROR.exec(line)?.[1] ?? line);
      if (path === shimUrl) shimFailure = error;
      else failures.push({ plugin: path, error: cut(error) });
    }
    const atreidesLog = log
      .split("\n")
      .filter(
        (l) => LEVEL_WARN_ERROR.test(l) && MENTIONS_ATREIDES.test(l) && !l.includes(PLUGIN_LOAD_FAILURE),
      )
      .map((l) => cut(l.trim()));
    return {
      command: `opencode ${args.join(" ")}`,
      durationMs: r.durationMs,
      timedOut: r.timedOut,
      exitCode: r.code,
      atreides: readMarker(marker, target, shimFailure),
      failures,
      atreidesLog,
      skipped,
      logTail: log.length > kLogTailChars ? `…${log.slice(-kLogTailChars)}` : log,
    };
  } finally {
    box.cleanup();
  }
}

/** Copy atreides.jsonc / atreides.json from one config dir to another; true when one was copied. */
function copySettings(fromDir: string, toDir: string): boolean {
  for (const name of CONFIG_BASENAMES) {
    const from = join(fromDir, name);
    if (!isFile(from)) continue;
    mkdirSync(toDir, { recursive: true });
    copyFileSync(from, join(toDir, name));
    return true;
  }
  return false;
}

interface EntryTarget {
  entry: string;
  from: string;
}

/** The module file OpenCode would import for the Atreides entry of the plugin list. */
export function resolveAtreidesEntry(
  input: Pick<ProbeInput, "plugins" | "projectDir" | "packageRoot" | "hostEnv">,
): EntryTarget {
  const listed = input.plugins.find((p) => p.atreides);
  if (listed) {
    const url = localPluginUrl(listed.spec, listed.source, input.hostEnv.HOME);
    if (url) {
      const path = fileURLToPath(url);
      return {
        entry: isDir(path) ? packageEntry(path) : path,
        from: `${JSON.stringify(listed.spec)} in ${listed.source}`,
      };
    }
    const installed = findInstalled(input.projectDir);
    if (installed)
      return {
        entry: packageEntry(installed),
        from: `${JSON.stringify(listed.spec)}, installed at ${installed}`,
      };
    return {
      entry: packageEntry(input.packageRoot),
      from: `${JSON.stringify(listed.spec)}, resolved to this CLI's package ${input.packageRoot}`,
    };
  }
  const installed = findInstalled(input.projectDir);
  if (installed)
    return { entry: packageEntry(installed), from: `not registered; the copy installed at ${installed}` };
  return {
    entry: packageEntry(input.packageRoot),
    from: `not registered; this CLI's package ${input.packageRoot}`,
  };
}

function findInstalled(projectDir: string): string | null {
  for (let d = resolve(projectDir); ; d = dirname(d)) {
    const p = join(d, "node_modules", PACKAGE_NAME);
    if (isFile(join(p, "package.json"))) return p;
    if (dirname(d) === d) return null;
  }
}

/** package.json exports["."] (import/default) or main, else index.js: the file a package dir loads. */
export function packageEntry(dir: string): string {
  let pj: { exports?: unknown; main?: unknown } = {};
  try {
    pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as typeof pj;
  } catch {
    return join(dir, "index.js");
  }
  const dot =
    typeof pj.exports === "object" && pj.exports !== null
      ? (pj.exports as Record<string, unknown>)["."]
      : pj.exports;
  const pick = (v: unknown): string | null => {
    if (typeof v === "string") return v;
    if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      return pick(o.import) ?? pick(o.default) ?? pick(o.node);
    }
    return null;
  };
  const rel = pick(dot) ?? (typeof pj.main === "string" ? pj.main : "index.js");
  return join(dir, rel);
}

function readMarker(marker: string, target: EntryTarget, shimFailure: string | undefined): AtreidesProbe {
  const base = { entry: target.entry, from: target.from };
  const records = (readTextIfExists(marker) ?? "")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { stage?: string; error?: string; hooks?: string[]; runtime?: string }];
      } catch {
        return [];
      }
    });
  const ready = records.find((r) => r.stage === "ready");
  if (ready) return { ...base, status: "loaded", hooks: ready.hooks ?? [], runtime: ready.runtime };
  const failed = records.find((r) => r.error !== undefined);
  if (failed)
    return { ...base, status: "failed", hooks: [], stage: failed.stage, error: cut(failed.error ?? "") };
  if (shimFailure) return { ...base, status: "failed", hooks: [], stage: "load", error: cut(shimFailure) };
  return { ...base, status: "no-evidence", hooks: [] };
}

/** The probe module (plain ESM, runs inside OpenCode's runtime). */
function probeModule(marker: string, entryUrl: string): string {
  return `// Written by \`atreides doctor\`: imports the Atreides entry as OpenCode would and records the outcome.
import { appendFileSync } from "node:fs";
const MARKER = ${JSON.stringify(marker)};
const ENTRY = ${JSON.stringify(entryUrl)};
const text = (err) => String((err && (err.stack || err.message)) || err);
function mark(record) {
  try { appendFileSync(MARKER, JSON.stringify(record) + "\\n"); } catch {}
}
export default async function atreidesDoctorProbe(input, options) {
  let mod;
  try {
    mod = await import(ENTRY);
  } catch (err) {
    mark({ stage: "import", error: text(err) });
    throw err;
  }
  const exported = Object.entries(mod);
  const bad = exported.filter(([, v]) => typeof v !== "function").map(([k]) => k);
  if (bad.length > 0 || exported.length === 0) {
    const msg = bad.length > 0 ? "Plugin export is not a function: " + bad.join(", ") : "the module exports nothing";
    mark({ stage: "exports", error: msg });
    throw new Error(msg);
  }
  const hooks = {};
  for (const [name, fn] of exported) {
    try {
      Object.assign(hooks, await fn(input, options));
    } catch (err) {
      mark({ stage: "init", export: name, error: text(err) });
      throw err;
    }
  }
  const v = process.versions;
  mark({ stage: "ready", hooks: Object.keys(hooks), runtime: v.bun ? "bun " + v.bun : "node " + v.node });
  return hooks;
}
`;
}

function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}

const cut = (s: string): string => (s.length > kMaxErrorChars ? `${s.slice(0, kMaxErrorChars)}…` : s);
