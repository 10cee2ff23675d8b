/**
 * What a command may touch of the outside world, as one object: the real process in `index.ts`,
 * string buffers in tests. Commands never write to process.stdout or read process.env directly.
 */
import { createInterface } from "node:readline/promises";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Ask a yes/no question on the terminal; only called when stdin is a TTY. */
  confirm(question: string, defaultYes: boolean): Promise<boolean>;
  /** Aborted on Ctrl-C: long-running commands (logs --follow, bench) stop cleanly. */
  signal: AbortSignal;
}

/** Exit codes shared by every command (doctor adds 1 = warnings). */
export const EXIT = { ok: 0, fail: 1, usage: 2 } as const;

/** An error with the exit code and a sentence saying what to do about it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = EXIT.fail,
  ) {
    super(message);
    this.name = "CliError";
  }
}

const YES = /^(y|yes)$/i;
const NO = /^(n|no)$/i;

export function processIo(signal: AbortSignal): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    signal,
    async confirm(question, defaultYes) {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        for (;;) {
          const answer = (await rl.question(`${question} ${defaultYes ? "[Y/n]" : "[y/N]"} `)).trim();
          if (answer === "") return defaultYes;
          if (YES.test(answer)) return true;
          if (NO.test(answer)) return false;
        }
      } finally {
        rl.close();
      }
    },
  };
}

/** True when colour escapes may be written to this stream (NO_COLOR and FORCE_COLOR respected). */
export function useColor(io: CliIo, tty: boolean): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return tty;
}
