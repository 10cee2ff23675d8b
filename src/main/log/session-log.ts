/**
 * Session logs are pino records (numeric level, time, msg, sessionID, event, data), so pino-pretty
 * and pino tooling read them. pino serialises on the host thread (~1–2 µs a record) into a
 * destination that only pushes the line into the current flush window; disabled levels are pino's
 * noop, so a debug call costs nothing at level info.
 */
import pino, { type Logger } from "pino";
import type { LogLevel } from "../../shared/config/schema.js";
import type { SessionRegistry } from "../session/registry.js";
import type { LogPipeline } from "./log-pipeline.js";

export class SessionLog {
  private current = "";
  private readonly root: Logger;
  private readonly children: Map<string, Logger>;

  constructor(level: LogLevel | "silent", pipeline: LogPipeline, registry: SessionRegistry) {
    // pino writes synchronously into the destination during the call, so `current` is the session
    // of the record being written.
    const destination = { write: (line: string) => pipeline.push(this.current, line) };
    this.root = pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.epochTime }, destination);
    this.children = registry.keyedMap<Logger>();
  }

  isLevelEnabled(level: LogLevel): boolean {
    return this.root.isLevelEnabled(level);
  }

  private child(sessionID: string): Logger {
    let c = this.children.get(sessionID);
    if (!c) {
      c = this.root.child({ sessionID });
      this.children.set(sessionID, c);
    }
    return c;
  }

  write(
    sessionID: string,
    level: LogLevel,
    event: string,
    msg: string,
    data?: Record<string, unknown>,
  ): void {
    this.current = sessionID;
    this.child(sessionID)[level](data === undefined ? { event } : { event, data }, msg);
  }
}
