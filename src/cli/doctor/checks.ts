/** The individual doctor checks. Each returns data; ./command.ts renders it as text or JSON. */
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LoadedConfig } from "../../shared/config/load.js";
import { formatIssue } from "../../shared/errors.js";
import { formatBytes, type Status } from "../format.js";
import { isDir } from "../fsx.js";
import type { ProbeResult } from "./probe.js";
import type { ConfigScan } from "./registration.js";

export interface Check {
  id: string;
  status: Status;
  title: string;
  message: string;
  details?: string[];
  fix?: string;
}

// package.json "engines": the plugin and CLI need Node 20 (stable worker_threads, fs APIs used).
const kMinNodeMajor = 20;

export function checkNode(version: string = process.versions.node): Check {
  const major = Number(version.split(".")[0]);
  return major >= kMinNodeMajor
    ? { id: "node", status: "ok", title: "Node.js", message: `v${version}` }
    : {
        id: "node",
        status: "error",
        title: "Node.js",
        message: `v${version} is older than v${kMinNodeMajor}`,
        fix: `install Node.js ${kMinNodeMajor} or newer`,
      };
}

export function checkBun(path: string | null, version: string | null): Check {
  if (!path)
    return {
      id: "bun",
      status: "info",
      title: "Bun",
      message: "not on PATH (not needed: OpenCode embeds its own runtime)",
    };
  return { id: "bun", status: "info", title: "Bun", message: `${version ?? "version unknown"} (${path})` };
}

export function checkOpencode(
  found: { path: string; source: string } | null,
  version: string | null,
  error?: string,
): Check {
  if (!found) {
    return {
      id: "opencode",
      status: "error",
      title: "OpenCode",
      message: "the opencode binary was not found on PATH or in node_modules/.bin",
      fix: "install it: npm install -g opencode-ai (or pass --opencode /path/to/opencode)",
    };
  }
  if (!version) {
    return {
      id: "opencode",
      status: "error",
      title: "OpenCode",
      message: `${found.path} did not report a version${error ? `: ${error}` : ""}`,
      fix: "reinstall it: npm install -g opencode-ai",
    };
  }
  return {
    id: "opencode",
    status: "ok",
    title: "OpenCode",
    message: `${version} (${found.path}, from ${found.source})`,
  };
}

export function checkConfig(loaded: LoadedConfig): Check {
  const files = loaded.files.length > 0 ? loaded.files.join(", ") : "no atreides.jsonc found; all defaults";
  if (loaded.issues.length === 0)
    return { id: "config", status: "ok", title: "Atreides config", message: `valid (${files})` };
  return {
    id: "config",
    status: "error",
    title: "Atreides config",
    message: `${loaded.issues.length} problem(s); each affected key falls back to its default`,
    details: loaded.issues.map(formatIssue),
    fix: "edit the key in the file named at the start of each line (or unset the environment variable)",
  };
}

export function checkRegistration(scan: ConfigScan): Check[] {
  const out: Check[] = [];
  for (const bad of scan.invalid) {
    out.push({
      id: "opencode-config",
      status: "error",
      title: "OpenCode config",
      message: bad.message,
      fix: "fix the syntax: OpenCode refuses to start with an invalid config",
    });
  }
  const ours = scan.plugins.filter((p) => p.atreides);
  if (ours.length === 0) {
    out.push({
      id: "registered",
      status: "error",
      title: "Plugin registered",
      message: `"atreides-opencode" is not in the "plugin" list of any OpenCode config (${scan.files.length} file(s) checked)`,
      fix: "run `atreides init` (project) or `atreides init --global`",
    });
    return out;
  }
  const where = ours.map((p) => `${JSON.stringify(p.spec)} in ${p.source}`);
  out.push({
    id: "registered",
    status: ours.length > 1 ? "warn" : "ok",
    title: "Plugin registered",
    message: ours.length > 1 ? `listed ${ours.length} times; OpenCode may load it more than once` : where[0]!,
    ...(ours.length > 1 ? { details: where, fix: "keep one entry (project or global)" } : {}),
  });
  return out;
}

/** Writable data dir: the dir itself when it exists, else the nearest existing parent (mkdir would succeed). */
export function checkDataDir(dataDir: string): Check {
  let d = dataDir;
  while (!isDir(d) && dirname(d) !== d) d = dirname(d);
  try {
    accessSync(d, constants.W_OK);
    const note = d === dataDir ? "" : ` (will be created; ${d} is writable)`;
    return { id: "data-dir", status: "ok", title: "Data directory", message: `${dataDir}${note}` };
  } catch {
    return {
      id: "data-dir",
      status: "warn",
      title: "Data directory",
      message: `${d} is not writable: session logs and state cannot be saved`,
      fix: `make it writable (chmod u+w ${d}) or set ATREIDES_LOG_DIR / ATREIDES_STATE_DIR elsewhere`,
    };
  }
}

export function checkDirSize(id: string, title: string, dir: string, maxBytes: number): Check {
  const { bytes, files } = dirSize(dir);
  if (files === 0) return { id, status: "info", title, message: `empty (${dir})` };
  const over = bytes > maxBytes;
  return {
    id,
    status: over ? "warn" : "info",
    title,
    message: `${formatBytes(bytes)} in ${files} file(s) (${dir})`,
    ...(over
      ? {
          fix: `above the retention cap of ${formatBytes(maxBytes)}; the plugin trims it in the background, or delete old files`,
        }
      : {}),
  };
}

function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return { bytes, files };
  }
  for (const n of names) {
    const st = statSync(join(dir, n), { throwIfNoEntry: false });
    if (st?.isFile()) {
      bytes += st.size;
      files++;
    }
  }
  return { bytes, files };
}

export function checkProbe(p: ProbeResult, opencodeVersion: string): Check[] {
  const out: Check[] = [];
  const a = p.atreides;
  const secs = (p.durationMs / 1000).toFixed(1);
  if (a.status === "loaded") {
    const hooks = a.hooks.length;
    out.push({
      id: "plugin-load",
      status: hooks > 0 ? "ok" : "warn",
      title: "Plugin loads in OpenCode",
      message:
        hooks > 0
          ? `loaded by OpenCode ${opencodeVersion} (${a.runtime ?? "?"}) in ${secs} s with ${hooks} hook(s): ${a.hooks.join(", ")}`
          : `loaded, but it registered no hooks: Atreides is disabled ("enabled": false) or failed to start`,
      details: [`entry ${a.entry}`, `from ${a.from}`, ...p.atreidesLog],
      ...(hooks > 0
        ? {}
        : { fix: "see the log lines above; check `enabled` in atreides.jsonc and ATREIDES_ENABLED" }),
    });
  } else {
    const why =
      a.status === "failed"
        ? `failed at ${a.stage ?? "load"}: ${a.error ?? "unknown error"}`
        : p.timedOut
          ? `opencode did not finish within the time limit`
          : "OpenCode never called the plugin (no error was logged; OpenCode skips modules it cannot import silently)";
    out.push({
      id: "plugin-load",
      status: "error",
      title: "Plugin loads in OpenCode",
      message: `Atreides did not load: ${why}`,
      details: [
        `entry ${a.entry}`,
        `from ${a.from}`,
        `ran: ${p.command} (exit ${p.exitCode ?? "none"}, ${secs} s)`,
        ...p.atreidesLog,
      ],
      fix: fixFor(a.entry, a.stage),
    });
  }
  for (const f of p.failures) {
    out.push({
      id: "other-plugin",
      status: "error",
      title: "Other plugin",
      message: `OpenCode: "failed to load plugin" ${f.plugin}: ${f.error}`,
      fix: 'fix or remove that entry from the "plugin" list; OpenCode starts without it',
    });
  }
  for (const s of p.skipped)
    out.push({
      id: "other-plugin",
      status: "info",
      title: "Other plugin",
      message: `${s.spec}: ${s.reason}`,
    });
  return out;
}

function fixFor(entry: string, stage: string | undefined): string {
  if (stage === "import")
    return `make sure ${entry} exists and its dependencies are installed (in a clone: npm install && npm run build)`;
  if (stage === "exports") return "the entry module must export only plugin functions";
  return "see the error above; run `atreides doctor --json` for the full OpenCode log tail";
}
