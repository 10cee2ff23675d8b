/**
 * .opencode/atreides-manifest.json: what init wrote, so uninstall can remove exactly that. It is a
 * file in the user's project, so it is validated on read, and every path in it must stay inside the
 * install root (a tampered manifest must not make uninstall touch anything else).
 */
import { isAbsolute, join, normalize, relative, sep } from "node:path";
import { z } from "zod";
import { readTextIfExists, writeFileAtomic } from "../fsx.js";
import { CliError } from "../io.js";

export const MANIFEST_KIND = "atreides-manifest";
export const MANIFEST_VERSION = 1;

const entrySchema = z.object({
  /** Relative to the install root, with forward slashes. */
  path: z.string().min(1).max(500),
  kind: z.enum(["opencode-config", "atreides-config", "agent", "skill", "agents-md"]),
  /** created: the file did not exist; modified: init edited the user's file; overwritten: --force replaced it. */
  origin: z.enum(["created", "modified", "overwritten"]),
  /** sha256 of the whole file as init last wrote it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** opencode.json(c): the exact text init inserted, and where. */
  edit: z
    .object({ offset: z.number().int().min(0), inserted: z.string().max(10_000), spec: z.string().max(500) })
    .optional(),
  /** AGENTS.md: what init put before the block, and the block's sha256. */
  section: z.object({ separator: z.string().max(10), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  /** overwritten: the backup holding the user's original, relative to the install root. */
  backup: z.string().max(500).optional(),
  writtenAt: z.string().max(40),
});

const manifestSchema = z.object({
  kind: z.literal(MANIFEST_KIND),
  v: z.literal(MANIFEST_VERSION),
  packageVersion: z.string().max(50),
  scope: z.enum(["project", "global"]),
  files: z.array(entrySchema).max(1_000),
});

export type ManifestEntry = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type EntryKind = ManifestEntry["kind"];

export function emptyManifest(scope: "project" | "global", packageVersion: string): Manifest {
  return { kind: MANIFEST_KIND, v: MANIFEST_VERSION, packageVersion, scope, files: [] };
}

/** null when there is no manifest; a CliError when there is one that cannot be trusted. */
export function readManifest(file: string, root: string): Manifest | null {
  const text = readTextIfExists(file);
  if (text === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CliError(
      `${file} is not valid JSON (${(err as Error).message})`,
      "restore it from the newest .atreides-backup/ directory, or delete it (then init starts a new one and uninstall has nothing to remove)",
    );
  }
  const r = manifestSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new CliError(
      `${file} is not an Atreides manifest: ${i ? `${i.path.join(".") || "(root)"}: ${i.message}` : "invalid"}`,
      "restore it from the newest .atreides-backup/ directory, or delete it",
    );
  }
  for (const e of r.data.files) {
    if (!isInside(root, e.path) || (e.backup !== undefined && !isInside(root, e.backup))) {
      throw new CliError(
        `${file} lists a path outside ${root}: ${JSON.stringify(e.path)}`,
        "the manifest was edited by hand or comes from elsewhere; restore it from a backup or delete it",
      );
    }
  }
  return r.data;
}

export function writeManifest(file: string, m: Manifest): void {
  writeFileAtomic(file, `${JSON.stringify(m, null, 2)}\n`);
}

/** The manifest-style relative path (forward slashes) of `abs` under `root`. */
export function relPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}

export function absPath(root: string, rel: string): string {
  return join(root, ...rel.split("/"));
}

/** True when `rel` is a plain relative path that stays inside root. */
export function isInside(root: string, rel: string): boolean {
  if (rel.includes("\0") || isAbsolute(rel) || rel.includes("\\")) return false;
  const n = normalize(rel);
  if (n === ".." || n.startsWith(`..${sep}`)) return false;
  const back = relative(root, join(root, n));
  return back !== "" && !back.startsWith("..") && !isAbsolute(back);
}

export function findEntry(m: Manifest | null, rel: string): ManifestEntry | undefined {
  return m?.files.find((e) => e.path === rel);
}

/** Replace (or add) the entries for the given paths, keeping the order of the rest. */
export function mergeEntries(m: Manifest, updates: readonly ManifestEntry[]): Manifest {
  const byPath = new Map(updates.map((e) => [e.path, e]));
  const kept = m.files.filter((e) => !byPath.has(e.path));
  return { ...m, files: [...kept, ...updates] };
}
