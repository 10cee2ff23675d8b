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
  readonly counters = { records: 0, dropped: 0, flushes: 0 };

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
    if (this.flushing) return; // the running flush picks the window up when it finishes
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
  }

  /** Send windows until nothing is left. */
  private async drain(): Promise<void> {
    while (this.lines.size > 0 || this.states.size > 0) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      const lines = this.lines;
      const states = this.states;
      const bytes = this.windowBytes;
      this.lines = new Map();
      this.states = new Map();
      this.windowBytes = 0;
      this.inFlightBytes += bytes;
      try {
        await this.send(lines, states, bytes);
      } finally {
        this.inFlightBytes -= bytes;
      }
    }
  }

  private async send(
    lines: Map<string, string[]>,
    states: Map<string, string>,
    bytes: number,
  ): Promise<void> {
    this.counters.flushes++;
    const flat: string[] = [];
    for (const l of lines.values()) for (const line of l) flat.push(stripNl(line));
    for (const body of states.values()) flat.push(body);
    const redacted = this.opts.redact
      ? (await this.dispatcher.run("redactLines", { lines: flat }, bytes)).lines
      : flat;
    let i = 0;
    const spans: { sessionID: string; lines: string[] }[] = [];
    for (const [sessionID, l] of lines) {
      const out: string[] = [];
      for (let k = 0; k < l.length; k++) out.push(`${redacted[i++]}\n`);
      spans.push({ sessionID, lines: out });
    }
    const stateWrites: StateWrite[] = [];
    for (const sessionID of states.keys()) {
      stateWrites.push({ sessionID, text: this.opts.encodeState(sessionID, redacted[i++]!) });
    }
    await this.io.submit(spans, stateWrites);
  }

  /** Flush everything now (dispose, session.deleted). */
  async flushNow(): Promise<void> {
    this.flushSoon();
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.flushNow();
    this.closed = true;
  }
}

function stripNl(line: string): string {
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}
