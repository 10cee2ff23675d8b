/** `atreides logs [session]`: list sessions, or print one session's log (pretty or raw), or follow it. */

import { dataDirs } from "../data-dirs.js";
import { formatAge, formatBytes, formatTime, table } from "../format.js";
import { CliError, type CliIo, EXIT, useColor } from "../io.js";
import { matchSession } from "../session-match.js";
import { listLogSessions } from "./files.js";
import { followLog } from "./follow.js";
import { type LineFormatter, prettyFormatter, rawFormatter } from "./pretty.js";
import { parseLevel, parseRecord, readRecords } from "./records.js";

export interface LogsFlags {
  follow?: boolean;
  level?: string;
  json?: boolean;
  lines?: string;
  dir?: string;
}

export async function runLogs(session: string | undefined, flags: LogsFlags, io: CliIo): Promise<number> {
  const { logDir } = dataDirs(flags.dir ?? io.cwd, io.env);
  const sessions = listLogSessions(logDir);
  if (session === undefined) {
    if (flags.follow)
      throw new CliError(
        "--follow needs a session",
        "run `atreides logs` to list sessions, then `atreides logs <id> --follow`",
        2,
      );
    return listSessions(sessions, logDir, flags, io);
  }
  const minLevel = flags.level === undefined ? undefined : parseLevel(flags.level);
  const last = flags.lines === undefined ? undefined : parseLines(flags.lines);
  const stem = matchSession(
    session,
    sessions.map((s) => s.stem),
    "session log",
    "atreides logs",
  );
  const s = sessions.find((x) => x.stem === stem)!;
  // Read up to the sizes seen now; --follow continues from exactly there.
  const limits = new Map(s.files.map((f) => [f.path, f.size]));
  const result = await readRecords(
    s.files.map((f) => f.path),
    { minLevel, last, limits },
  );
  const format: LineFormatter = flags.json ? rawFormatter : prettyFormatter(useColor(io, io.stdoutIsTTY));
  for (const r of result.records) io.out(format(r.line));
  if (result.torn > 0 && !flags.json) {
    io.err(
      `(${result.torn} incomplete line(s) skipped: a log being written, or cut by a crash, ends mid-record)\n`,
    );
  }
  if (!flags.follow) return EXIT.ok;
  const live = s.files.find((f) => f.rotation === null);
  if (!flags.json) io.err(`following ${stem} (Ctrl-C to stop)\n`);
  await followLog({
    logDir,
    stem,
    from: live?.size ?? 0,
    signal: io.signal,
    onLine(line) {
      const r = parseRecord(line);
      if (!r || (minLevel !== undefined && r.level < minLevel)) return;
      io.out(format(r.line));
    },
  });
  return EXIT.ok;
}

function listSessions(
  sessions: ReturnType<typeof listLogSessions>,
  logDir: string,
  flags: LogsFlags,
  io: CliIo,
): number {
  if (flags.json) {
    const rows = sessions.map((s) => ({
      session: s.stem,
      bytes: s.totalBytes,
      files: s.files.length,
      lastActivity: new Date(s.lastActivity).toISOString(),
    }));
    io.out(`${JSON.stringify({ logDir, sessions: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (sessions.length === 0) {
    io.out(`No session logs in ${logDir}.\n`);
    return EXIT.ok;
  }
  const now = Date.now();
  const limit = flags.lines === undefined ? sessions.length : parseLines(flags.lines);
  const rows = sessions
    .slice(0, limit)
    .map((s) => [
      s.stem,
      formatBytes(s.totalBytes),
      String(s.files.length),
      `${formatTime(s.lastActivity)} (${formatAge(s.lastActivity, now)})`,
    ]);
  io.out(`Session logs in ${logDir} (newest first):\n\n`);
  io.out(table(["SESSION", "SIZE", "FILES", "LAST ACTIVITY"], rows));
  io.out("\nShow one: atreides logs <session or unique prefix> [--level warn] [--follow]\n");
  return EXIT.ok;
}

function parseLines(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) {
    throw new CliError(`--lines ${JSON.stringify(v)} is not a positive whole number`, "e.g. --lines 50", 2);
  }
  return Number(v);
}
