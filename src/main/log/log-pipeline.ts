/**
 * Collects session log lines and state snapshots for one flush window, redacts them through the
 * dispatcher (inline when small, pool when large: never raw, over-redacted on failure), and hands
 * the batch to the I/O client. Hooks only push; nothing here is awaited on the hot path.
 */
import type { StateWrite } from "../../shared/contracts/io-api.js";
import type { Dispatcher } from "../offload/dispatcher.js";
import type { IoClient } from "../offload/io-client.js";

export interface LogPipelineOptions {
  flushIntervalMs: number;
  redact: boolean;
  /**
   * Run every redaction in the pool, under the task deadline, whatever its size: user patterns are
   * only screened for exponential backtracking, and a polynomial one (e.g. [\s\S]*x[\s\S]*y) can
   * still take seconds on a state body, which must not run on the host thread.
   */
  redactOffThread?: boolean;
  /** State bodies are redacted as text too (they hold todo text and security subjects). */
  encodeState: (sessionID: string, redactedBody: string) => string;
}

// A window this big is flushed at once instead of waiting for the timer.
const kEagerFlushBytes = 256 * 1024;
// Bytes waiting (window + batches being redacted); beyond it new records are dropped and counted,
// so a stuck disk or pool can never grow the host's memory without bound.
const kMaxWaitingBytes = 8 * 1024 * 1024;

export class LogPipeline {
  private lines = new Map<string, string[]>();
  private states = new Map<string, string>();
  private windowBytes = 0;
  private inFlightBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  readonly counters = { records: 0, dropped: 0, flushes: 0, statesSkipped: 0 };

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly io: IoClient,
    private readonly opts: LogPipelineOptions,
  ) {}

  push(sessionID: string, line: string): void {
    if (this.closed || this.windowBytes + this.inFlightBytes > kMaxWaitingBytes) {
      this.counters.dropped++;
      return;
    }
    let list = this.lines.get(sessionID);
    if (!list) {
      list = [];
      this.lines.set(sessionID, list);
    }
    list.push(line);
    this.windowBytes += line.length;
    this.counters.records++;
    this.schedule();
  }

  /** Latest state text (body JSON) for a session; replaces any earlier one in this window. */
  pushState(sessionID: string, body: string): void {
    if (this.closed) return;
    const prev = this.states.get(sessionID);
    this.windowBytes += body.length - (prev?.length ?? 0);
    this.states.set(sessionID, body);
    this.schedule();
  }

  private schedule(): void {
    if (this.windowBytes >= kEagerFlushBytes) {
      this.flushSoon();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushSoon();
    }, this.opts.flushIntervalMs);
    this.timer.unref();
  }

  private flushSoon(): void {
    if (this.flushing) return; // the window keeps filling; the flush in progress reschedules it
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.flushing = this.sendWindow().finally(() => {
      this.flushing = null;
      // The next window gets its full interval: flushing again as soon as a write is acked would
      // cut windows short and multiply write syscalls per record.
      if (this.lines.size > 0 || this.states.size > 0) this.schedule();
    });
  }

  /** Take the current window and send it. */
  private async sendWindow(): Promise<void> {
    const lines = this.lines;
    const states = this.states;
    const bytes = this.windowBytes;
    this.lines = new Map();
    this.states = new Map();
    this.windowBytes = 0;
    this.inFlightBytes += bytes;
    try {
      await this.send(lines, states);
    } finally {
      this.inFlightBytes -= bytes;
    }
  }

  private async send(lines: Map<string, string[]>, states: Map<string, string>): Promise<void> {
    this.counters.flushes++;
    const flat: string[] = [];
    let lineBytes = 0;
    for (const l of lines.values())
      for (const line of l) {
        flat.push(stripNl(line));
        lineBytes += line.length;
      }
    const bodies = [...states.values()];
    let stateBytes = 0;
    for (const b of bodies) stateBytes += b.length;
    // Lines and state bodies are redacted as separate tasks: a state that cannot be redacted in time
    // (and is then skipped, below) never degrades the log lines of its window.
    const [redLines, redBodies] = await Promise.all([
      this.redact(flat, lineBytes),
      this.redact(bodies, stateBytes),
    ]);
    let i = 0;
    const spans: { sessionID: string; lines: string[] }[] = [];
    for (const [sessionID, l] of lines) {
      const out: string[] = [];
      for (let k = 0; k < l.length; k++) out.push(`${redLines[i++]}\n`);
      spans.push({ sessionID, lines: out });
    }
    const stateWrites: StateWrite[] = [];
    let j = 0;
    for (const sessionID of states.keys()) {
      const body = redBodies[j++]!;
      // Redaction that could not finish leaves only the record frame: written as a state, it would
      // wipe the session's saved state. Keep the previous file instead (the next change saves again).
      if (isDegraded(body)) {
        this.counters.statesSkipped++;
        continue;
      }
      stateWrites.push({ sessionID, text: this.opts.encodeState(sessionID, body) });
    }
    await this.io.submit(spans, stateWrites);
  }

  private async redact(texts: string[], bytes: number): Promise<string[]> {
    if (!this.opts.redact || texts.length === 0) return texts;
    const cost = this.opts.redactOffThread ? Number.MAX_SAFE_INTEGER : bytes;
    return (await this.dispatcher.run("redactLines", { lines: texts }, cost)).lines;
  }

  /** Flush everything now (dispose, session.deleted). */
  async flushNow(): Promise<void> {
    while (this.flushing || this.lines.size > 0 || this.states.size > 0) {
      if (!this.flushing) this.flushSoon();
      await this.flushing;
    }
  }

  async close(): Promise<void> {
    await this.flushNow();
    this.closed = true;
  }
}

/** The dispatcher's over-redacted stand-in (see degrade()), not a redacted state body. */
function isDegraded(body: string): boolean {
  if (!body.includes('"redaction":"degraded"')) return false;
  try {
    return (JSON.parse(body) as { redaction?: unknown }).redaction === "degraded";
  } catch {
    return true;
  }
}

function stripNl(line: string): string {
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}
