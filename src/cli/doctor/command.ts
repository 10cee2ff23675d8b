/** `atreides doctor`: environment, config, registration and a real load of the plugin in OpenCode. */
import { resolve } from "node:path";
import { dataDirs } from "../data-dirs.js";
import { mark, paint, type Status } from "../format.js";
import { CliError, type CliIo, useColor } from "../io.js";
import { packageInfo } from "../package-info.js";
import {
  type Check,
  checkBun,
  checkConfig,
  checkDataDir,
  checkDirSize,
  checkNode,
  checkOpencode,
  checkProbe,
  checkRegistration,
} from "./checks.js";
import { findOnPath, findOpencode } from "./find-opencode.js";
import { DEFAULT_PROBE_TIMEOUT_MS, type ProbeResult, probePluginLoad } from "./probe.js";
import { scanOpencodeConfigs } from "./registration.js";
import { runProcess } from "./run-process.js";
import { createSandbox } from "./sandbox.js";

export interface DoctorFlags {
  json?: boolean;
  dir?: string;
  /** false with --no-probe: skip running OpenCode. */
  probe?: boolean;
  timeout?: string;
  opencode?: string;
}

// `--version` of a binary answers in well under a second; this only trips on a hung binary.
const kVersionTimeoutMs = 15_000;
const VERSION = /\d+\.\d+\.\d+\S*/;

export interface DoctorReport {
  ok: boolean;
  exitCode: number;
  project: string;
  checks: Check[];
  probe?: ProbeResult;
}

export async function runDoctor(flags: DoctorFlags, io: CliIo): Promise<number> {
  const report = await doctor(flags, io);
  if (flags.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  }
  const color = useColor(io, io.stdoutIsTTY);
  io.out(`atreides doctor: ${report.project}\n\n`);
  for (const c of report.checks) {
    io.out(`${mark(c.status, color)} ${c.title}: ${c.message}\n`);
    for (const d of c.details ?? []) io.out(`    ${d}\n`);
    if (c.fix && c.status !== "ok") io.out(`    ${paint("fix:", c.status, color)} ${c.fix}\n`);
  }
  const n = (s: Status) => report.checks.filter((c) => c.status === s).length;
  io.out(`\n${n("error")} error(s), ${n("warn")} warning(s).${report.exitCode === 0 ? " All good." : ""}\n`);
  return report.exitCode;
}

export async function doctor(flags: DoctorFlags, io: CliIo): Promise<DoctorReport> {
  const project = resolve(flags.dir ?? io.cwd);
  const timeoutMs = flags.timeout === undefined ? DEFAULT_PROBE_TIMEOUT_MS : parseTimeout(flags.timeout);
  const pkg = packageInfo();
  const checks: Check[] = [checkNode()];

  const bun = findOnPath("bun", io.env);
  const bunVersion = bun ? await versionOf(bun, io.env) : null;
  checks.push(checkBun(bun, bunVersion?.version ?? null));

  const found = findOpencode(project, pkg.root, io.env, flags.opencode);
  const oc = found ? await versionOf(found.path, io.env) : null;
  checks.push(checkOpencode(found, oc?.version ?? null, oc?.error));

  const dirs = dataDirs(project, io.env);
  checks.push(checkConfig(dirs.config));
  const scan = scanOpencodeConfigs(project, io.env);
  checks.push(...checkRegistration(scan));
  checks.push(checkDataDir(dirs.dataDir));
  const cfg = dirs.config.config;
  // Optional chaining: a config that failed to resolve must not take the whole report down.
  const cap = (n: number | undefined) => n ?? Number.POSITIVE_INFINITY;
  checks.push(checkDirSize("logs", "Session logs", dirs.logDir, cap(cfg.logging?.retention?.maxTotalBytes)));
  checks.push(
    checkDirSize("state", "Saved state", dirs.stateDir, cap(cfg.persistence?.retention?.maxTotalBytes)),
  );

  let probe: ProbeResult | undefined;
  if (flags.probe === false) {
    checks.push({
      id: "plugin-load",
      status: "warn",
      title: "Plugin loads in OpenCode",
      message: "not checked (--no-probe)",
    });
  } else if (!found || !oc?.version) {
    checks.push({
      id: "plugin-load",
      status: "error",
      title: "Plugin loads in OpenCode",
      message: "not checked: no working opencode binary",
      fix: "install OpenCode (see above), then run doctor again",
    });
  } else if (scan.invalid.length > 0) {
    checks.push({
      id: "plugin-load",
      status: "error",
      title: "Plugin loads in OpenCode",
      message: "not checked: an OpenCode config file does not parse (see above)",
    });
  } else {
    probe = await probePluginLoad({
      opencode: found.path,
      opencodeVersion: oc.version,
      projectDir: project,
      plugins: scan.plugins,
      packageRoot: pkg.root,
      hostEnv: io.env,
      timeoutMs,
    });
    checks.push(...checkProbe(probe, oc.version));
  }
  const exitCode = checks.some((c) => c.status === "error")
    ? 2
    : checks.some((c) => c.status === "warn")
      ? 1
      : 0;
  return { ok: exitCode === 0, exitCode, project, checks, ...(probe ? { probe } : {}) };
}

/** `<bin> --version` in a sandbox (even --version makes OpenCode create dirs under HOME and TMPDIR). */
async function versionOf(
  bin: string,
  hostEnv: NodeJS.ProcessEnv,
): Promise<{ version: string | null; error?: string }> {
  const box = createSandbox(hostEnv);
  try {
    const r = await runProcess(bin, ["--version"], {
      cwd: box.project,
      env: box.env,
      timeoutMs: kVersionTimeoutMs,
    });
    const v = VERSION.exec(r.stdout)?.[0] ?? null;
    if (r.code === 0 && v) return { version: v };
    return {
      version: null,
      error: r.spawnError ?? (r.timedOut ? "timed out" : (r.stderr || r.stdout).trim().slice(0, 300)),
    };
  } finally {
    box.cleanup();
  }
}

function parseTimeout(v: string): number {
  const s = Number(v);
  if (!Number.isFinite(s) || s <= 0 || s > 600) {
    throw new CliError(
      `--timeout ${JSON.stringify(v)} is not a number of seconds between 0 and 600`,
      "e.g. --timeout 60",
      2,
    );
  }
  return Math.round(s * 1000);
}
