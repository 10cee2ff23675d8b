// Shared by the CLI tests: temp dirs that are always removed, an in-memory CliIo, tree snapshots.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { after } from "node:test";
import type { CliIo } from "../../../src/cli/io.js";
import { main } from "../../../src/cli/program.js";

const dirs: string[] = [];
after(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp dir, removed after the test file. The prefix avoids "atreides" on purpose (see isAtreidesSpec). */
export function tempDir(tag = "t"): string {
  const d = mkdtempSync(join(tmpdir(), `acli-${tag}-`));
  dirs.push(d);
  return d;
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

/** Every file under root (hidden ones included) → sha256 of its bytes. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  walk(root);
  return out;
}

/** The environment of an isolated user: HOME and XDG dirs under `root`, nothing from the host but PATH. */
export function isolatedEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(root, "home"),
    XDG_CONFIG_HOME: join(root, "xdg-config"),
    XDG_DATA_HOME: join(root, "xdg-data"),
    NO_COLOR: "1",
    ...extra,
  };
}

export interface MemIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  /** The questions confirm() was asked. */
  asked: string[];
}

export function memIo(opts: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  tty?: boolean;
  answer?: boolean;
  signal?: AbortSignal;
}): MemIo {
  let out = "";
  let err = "";
  const asked: string[] = [];
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: opts.env,
    cwd: opts.cwd,
    stdinIsTTY: opts.tty ?? false,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    signal: opts.signal ?? new AbortController().signal,
    async confirm(q) {
      asked.push(q);
      return opts.answer ?? false;
    },
  };
  return { io, stdout: () => out, stderr: () => err, asked };
}

/** Run the CLI in-process. */
export async function cli(
  argv: string[],
  opts: Parameters<typeof memIo>[0],
): Promise<{ code: number; out: string; err: string; asked: string[] }> {
  const m = memIo(opts);
  const code = await main(argv, m.io);
  return { code, out: m.stdout(), err: m.stderr(), asked: m.asked };
}

/** Polls until fn() is truthy; fails naming `what` after timeoutMs (a safety bound, not a timing assertion). */
export async function waitFor<T>(fn: () => T, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
