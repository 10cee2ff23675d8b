/**
 * Helpers shared by scenarios: which subjects to run (`--subjects a,b` narrows the set), a fresh
 * subject per measurement, and pool warm-up so thread start never lands inside a measurement.
 */
import { type BenchArgs, flagString, progress } from "./cli.js";
import { makeTempRoot, sessionEvent, type TempRoot } from "./host.js";
import { createSubject, type Subject, type SubjectKind, type SubjectOptions } from "./subjects.js";

export function selectKinds(args: BenchArgs, all: readonly SubjectKind[]): SubjectKind[] {
  const only = flagString(args, "subjects");
  if (!only) return [...all];
  const wanted = new Set(only.split(","));
  return all.filter((k) => wanted.has(k));
}

/** Start the pool's threads now (one empty pooled task) so thread start-up is never measured. */
export async function warmPool(s: Subject): Promise<void> {
  const rt = s.ours?.runtime;
  if (!rt?.pool) return;
  await rt.dispatcher.run("parseChecklists", { texts: [] }, Number.MAX_SAFE_INTEGER);
}

/**
 * Create a subject in its own temp root, run `fn`, then dispose and delete the root. A subject
 * that fails to build (ours not compiling yet) is reported and skipped, not fatal.
 */
export async function withSubject<T>(
  kind: SubjectKind,
  prefix: string,
  fn: (s: Subject, temp: TempRoot) => Promise<T>,
  opts: Omit<SubjectOptions, "temp"> & { tmpBase?: string | null } = {},
): Promise<T | null> {
  const temp = makeTempRoot(`${prefix}-${kind}`, opts.tmpBase ?? undefined);
  let subject: Subject | null = null;
  try {
    subject = await createSubject(kind, { ...opts, temp });
    return await fn(subject, temp);
  } catch (err) {
    progress(`${kind}: ${(err as Error).stack ?? String(err)}`.slice(0, 2000));
    return null;
  } finally {
    await subject?.dispose().catch(() => {});
    temp.cleanup();
  }
}

/** session.created for a subject, plus pool warm-up for ours. */
export async function openSession(s: Subject, sessionID: string): Promise<void> {
  await s.event(sessionEvent("session.created", sessionID));
  await warmPool(s);
}
