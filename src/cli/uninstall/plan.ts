/**
 * What uninstall would do, from the manifest alone: it removes only what init recorded, and only
 * while it is still what init wrote. Anything edited since is kept and reported.
 */
import { readTextIfExists, sha256 } from "../fsx.js";
import { currentBlock, removeSection } from "../init/agents-md.js";
import {
  applyEdits,
  type Edit,
  JsoncError,
  parseOpencodeConfig,
  pluginRemoveEdits,
} from "../init/jsonc-edit.js";
import { absPath, type Manifest, type ManifestEntry, readManifest } from "../init/manifest.js";
import { type InstallTarget, installTarget } from "../init/target.js";
import { CliError } from "../io.js";

export type UninstallAction = "delete" | "modify" | "restore" | "keep" | "gone";

export interface UninstallStep {
  abs: string;
  rel: string;
  action: UninstallAction;
  reason: string;
  /** New content for modify and restore. */
  content?: string;
}

export interface UninstallPlan {
  target: InstallTarget;
  manifest: Manifest;
  steps: UninstallStep[];
}

export function planUninstall(opts: { global: boolean; dir: string; env: NodeJS.ProcessEnv }): UninstallPlan {
  const target = installTarget(opts);
  const manifest = readManifest(target.manifest, target.root);
  if (!manifest) {
    throw new CliError(
      `no Atreides manifest at ${target.manifest}: nothing recorded to uninstall`,
      "uninstall removes only what `atreides init` wrote and recorded; if you registered the plugin by hand, remove " +
        '"atreides-opencode" from the "plugin" list in opencode.json yourself',
    );
  }
  const steps = manifest.files.map((e) => planEntry(target, e));
  return { target, manifest, steps };
}

function planEntry(target: InstallTarget, e: ManifestEntry): UninstallStep {
  const abs = absPath(target.root, e.path);
  const base = { abs, rel: e.path };
  const current = readTextIfExists(abs);
  if (current === null) return { ...base, action: "gone", reason: "already removed" };
  const unchanged = sha256(current) === e.sha256;
  switch (e.kind) {
    case "opencode-config":
      return planOpencodeConfig(base, e, current, unchanged);
    case "agents-md":
      return planAgentsMd(base, e, current);
    default:
      if (!unchanged) return { ...base, action: "keep", reason: "kept: edited since init wrote it" };
      if (e.origin === "overwritten" && e.backup) {
        const original = readTextIfExists(absPath(target.root, e.backup));
        if (original !== null) {
          return {
            ...base,
            action: "restore",
            reason: "put back your version from the backup init made",
            content: original,
          };
        }
        return {
          ...base,
          action: "keep",
          reason: `kept: init replaced your version, but its backup ${e.backup} is gone`,
        };
      }
      return { ...base, action: "delete", reason: "unchanged since init wrote it" };
  }
}

function planOpencodeConfig(
  base: { abs: string; rel: string },
  e: ManifestEntry,
  current: string,
  unchanged: boolean,
): UninstallStep {
  if (e.origin === "created" && unchanged)
    return { ...base, action: "delete", reason: "created by init, unchanged" };
  const next = withoutPlugin(current, e, unchanged, base.abs);
  if (next === null)
    return {
      ...base,
      action: "gone",
      reason: `${JSON.stringify(e.edit?.spec ?? "atreides-opencode")} is no longer in "plugin"`,
    };
  return {
    ...base,
    action: "modify",
    reason: "remove the plugin entry init added (comments and formatting kept)",
    content: next,
  };
}

/**
 * The file without the entry init added: the exact inverse of init's insertion when that text is
 * still there (byte-identical to the original file), otherwise a structural removal of the entry.
 */
function withoutPlugin(text: string, e: ManifestEntry, unchanged: boolean, file: string): string | null {
  const spec = e.edit?.spec ?? "atreides-opencode";
  const inserted = e.edit?.inserted;
  if (inserted) {
    let at = -1;
    if (unchanged && text.startsWith(inserted, e.edit?.offset ?? -1)) at = e.edit?.offset ?? -1;
    else if (text.indexOf(inserted) >= 0 && text.indexOf(inserted) === text.lastIndexOf(inserted))
      at = text.indexOf(inserted);
    if (at >= 0) {
      const candidate = text.slice(0, at) + text.slice(at + inserted.length);
      if (parsesWithout(candidate, spec, file)) return candidate;
    }
  }
  let parsed: ReturnType<typeof parseOpencodeConfig>;
  try {
    parsed = parseOpencodeConfig(text, file);
  } catch (err) {
    if (err instanceof JsoncError) {
      throw new CliError(
        err.message,
        "fix the syntax by hand, then run uninstall again (nothing was changed)",
      );
    }
    throw err;
  }
  const ours = parsed.entries.filter((x) => x.spec === spec);
  const last = ours[ours.length - 1];
  if (!last) return null;
  const edits: Edit[] = pluginRemoveEdits(text, parsed, last);
  return applyEdits(text, edits);
}

function parsesWithout(text: string, spec: string, file: string): boolean {
  try {
    return !parseOpencodeConfig(text, file).entries.some((x) => x.spec === spec);
  } catch {
    return false;
  }
}

function planAgentsMd(base: { abs: string; rel: string }, e: ManifestEntry, current: string): UninstallStep {
  let next: string;
  let block: string | null;
  try {
    block = currentBlock(current, base.abs);
    next = removeSection(current, e.section?.separator ?? "", base.abs);
  } catch (err) {
    throw new CliError(
      (err as Error).message,
      "fix the markers by hand, then run uninstall again (nothing was changed)",
    );
  }
  if (block === null) return { ...base, action: "gone", reason: "no Atreides section left" };
  if (e.origin === "created" && next.trim() === "") {
    return { ...base, action: "delete", reason: "created by init and holds only the Atreides section" };
  }
  const edited =
    e.section && sha256(block) !== e.section.sha256 ? "; it was edited, the backup keeps that text" : "";
  return {
    ...base,
    action: "modify",
    reason: `remove the Atreides section, the rest stays${edited}`,
    content: next,
  };
}
