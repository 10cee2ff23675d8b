/** pino-pretty as a library: one formatter per run, one call per record. */
import { prettyFactory } from "pino-pretty";

export type LineFormatter = (line: string) => string;

export function prettyFormatter(color: boolean): LineFormatter {
  const pretty = prettyFactory({
    colorize: color,
    translateTime: "SYS:yyyy-mm-dd HH:MM:ss.l",
    // The session is the one asked for; the event name leads the message instead of trailing as a field.
    ignore: "pid,hostname,sessionID,event",
    messageFormat: "{if event}[{event}] {end}{msg}",
    singleLine: true,
  });
  return (line) => {
    const s = pretty(line);
    return s.endsWith("\n") ? s : `${s}\n`;
  };
}

export const rawFormatter: LineFormatter = (line) => `${line}\n`;
