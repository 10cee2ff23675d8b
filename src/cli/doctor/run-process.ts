/**
 * Run a child process with a hard deadline. It gets its own process group, so a timeout kills
 * whatever it started too; output is capped so a chatty child cannot balloon memory.
 */
import { spawn } from "node:child_process";

// Enough for OpenCode's INFO log of a start-up and a few plugin errors; the rest is cut.
const kMaxOutputBytes = 1024 * 1024;
// After SIGTERM, how long the group gets to exit before SIGKILL.
const kKillGraceMs = 2_000;

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
  /** Set when the process could not be started (ENOENT, EACCES). */
  spawnError?: string;
}

export function runProcess(
  command: string,
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        // Already gone.
      }
    };
    const append = (cur: string, chunk: string) =>
      cur.length >= kMaxOutputBytes ? cur : cur + chunk.slice(0, kMaxOutputBytes - cur.length);
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout = append(stdout, c)));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = append(stderr, c)));
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), kKillGraceMs);
    }, opts.timeoutMs);
    const finish = (r: Omit<ProcessResult, "durationMs" | "stdout" | "stderr" | "timedOut">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      // Anything the child left running in its group goes with it.
      killGroup("SIGKILL");
      resolve({ ...r, stdout, stderr, timedOut, durationMs: Date.now() - started });
    };
    child.once("error", (err) =>
      finish({ code: null, signal: null, spawnError: (err as NodeJS.ErrnoException).code ?? err.message }),
    );
    child.once("close", (code, signal) => finish({ code, signal }));
  });
}
