/**
 * What init would do, file by file, computed without writing anything: the same plan is printed by
 * --dry-run, shown before the confirmation prompt and then applied by ./apply.ts.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readTextIfExists, sha256 } from "../fsx.js";
import { CliError } from "../io.js";
import { packageInfo } from "../package-info.js";
import { currentBlock, detectEol, MarkerError, renderBlock, upsertSection } from "./agents-md.js";
import { renderAtreidesJsonc } from "./atreides-jsonc.js";
import { detectProject, type ProjectInfo } from "./detect.js";
import {
  applyEdits,
  isAtreidesSpec,
  JsoncError,
  PLUGIN_SPEC,
  parseOpencodeConfig,
  pluginInsertEdit,
} from "./jsonc-edit.js";
import {
  type EntryKind,
  findEntry,
  type Manifest,
  type ManifestEntry,
  readManifest,
  relPath,
} from "./manifest.js";
import { type InstallTarget, installTarget } from "./target.js";
import {
  AGENT_NAMES,
  agentTemplatePath,
  loadTemplate,
  render,
  SKILL_NAMES,
  skillTemplatePath,
} from "./templates.js";

export interface InitOptions {
  global: boolean;
  dir: string;
  force: boolean;
  /** "provider/model" for every generated agent; omitted from the files when undefined. */
  model?: string;
  env: NodeJS.ProcessEnv;
}

export type FileAction = "create" | "modify" | "overwrite" | "skip";

export interface PlannedFile {
  abs: string;
  rel: string;
  kind: EntryKind;
  action: FileAction;
  reason: string;
  /** The new content (action != skip). */
  content?: string;
  /** What the manifest records once the file is written (or, for a skip, claimed as ours). */
  entry?: Omit<ManifestEntry, "sha256" | "writtenAt">;
}

export interface InitPlan {
  target: InstallTarget;
  project: ProjectInfo | null;
  manifest: Manifest | null;
  files: PlannedFile[];
}

export const OPENCODE_SCHEMA_URL = "https://opencode.ai/config.json";
const MODEL = /^[A-Za-z0-9._-]+\/\S+$/;

export function planInit(opts: InitOptions): InitPlan {
  if (opts.model !== undefined && !MODEL.test(opts.model)) {
    throw new CliError(
      `--model ${JSON.stringify(opts.model)} is not in OpenCode's provider/model form`,
      'pass it as provider/model, e.g. --model anthropic/claude-sonnet-4-5 (see "opencode models")',
      2,
    );
  }
  const target = installTarget(opts);
  const manifest = readManifest(target.manifest, target.root);
  const project = target.scope === "project" ? detectProject(target.root) : null;
  const files: PlannedFile[] = [planOpencodeConfig(target, manifest)];

  const schemaRef =
    target.scope === "project"
      ? "../node_modules/atreides-opencode/schema/atreides.schema.json"
      : pathToFileURL(join(packageInfo().root, "schema", "atreides.schema.json")).href;
  files.push(
    planWholeFile(
      target,
      manifest,
      target.atreidesConfig,
      "atreides-config",
      renderAtreidesJsonc(schemaRef, target.scope),
      opts.force,
    ),
  );
  for (const name of AGENT_NAMES) {
    const text = render(loadTemplate(agentTemplatePath(name)), { model: opts.model ?? "" });
    files.push(
      planWholeFile(target, manifest, join(target.agentDir, `${name}.md`), "agent", text, opts.force),
    );
  }
  for (const name of SKILL_NAMES) {
    const text = loadTemplate(skillTemplatePath(name));
    files.push(
      planWholeFile(target, manifest, join(target.skillDir, name, "SKILL.md"), "skill", text, opts.force),
    );
  }
  files.push(planAgentsMd(target, manifest, project, opts.force));
  return { target, project, manifest, files };
}

function planOpencodeConfig(target: InstallTarget, manifest: Manifest | null): PlannedFile {
  let firstExisting: { abs: string; text: string } | null = null;
  for (const abs of target.opencodeConfigs) {
    const text = readTextIfExists(abs);
    if (text === null) continue;
    const rel = relPath(target.root, abs);
    let parsed: ReturnType<typeof parseOpencodeConfig>;
    try {
      parsed = parseOpencodeConfig(text, abs);
    } catch (err) {
      if (err instanceof JsoncError) {
        throw new CliError(
          err.message,
          `fix ${rel} by hand (init never rewrites a file it cannot parse), then run init again`,
        );
      }
      throw err;
    }
    const found = parsed.entries.find((e) => isAtreidesSpec(e.spec));
    if (found) {
      return {
        abs,
        rel,
        kind: "opencode-config",
        action: "skip",
        reason: `already registered (${JSON.stringify(found.spec)})`,
      };
    }
    firstExisting ??= { abs, text };
  }
  if (!firstExisting) {
    const abs = target.defaultOpencodeConfig;
    const content = `${JSON.stringify({ $schema: OPENCODE_SCHEMA_URL, plugin: [PLUGIN_SPEC] }, null, 2)}\n`;
    return {
      abs,
      rel: relPath(target.root, abs),
      kind: "opencode-config",
      action: "create",
      reason: `register the plugin ${JSON.stringify(PLUGIN_SPEC)}`,
      content,
      entry: { path: relPath(target.root, abs), kind: "opencode-config", origin: "created" },
    };
  }
  const { abs, text } = firstExisting;
  const rel = relPath(target.root, abs);
  let edit: ReturnType<typeof pluginInsertEdit>;
  try {
    edit = pluginInsertEdit(text, parseOpencodeConfig(text, abs), PLUGIN_SPEC, abs);
  } catch (err) {
    if (err instanceof JsoncError) throw new CliError(err.message, `fix ${rel} by hand, then run init again`);
    throw err;
  }
  const content = applyEdits(text, [edit]);
  assertOnlyAdded(text, content, abs);
  const prior = findEntry(manifest, rel);
  return {
    abs,
    rel,
    kind: "opencode-config",
    action: "modify",
    reason: `add ${JSON.stringify(PLUGIN_SPEC)} to "plugin" (comments and formatting kept)`,
    content,
    entry: {
      path: rel,
      kind: "opencode-config",
      origin: prior?.origin === "created" ? "created" : "modified",
      edit: { offset: edit.offset, inserted: edit.content, spec: PLUGIN_SPEC },
    },
  };
}

/** Belt and braces: the edited file parses, has exactly one more plugin entry, and it is ours. */
function assertOnlyAdded(before: string, after: string, file: string): void {
  const a = parseOpencodeConfig(before, file).entries.map((e) => e.spec);
  const b = parseOpencodeConfig(after, file).entries.map((e) => e.spec);
  const ok =
    b.length === a.length + 1 &&
    b.filter((s) => s === PLUGIN_SPEC).length === 1 &&
    a.every((s) => b.includes(s));
  if (!ok)
    throw new Error(
      `internal error: the edit of ${file} did not add exactly one plugin entry; nothing was written`,
    );
}

/** Agents, skills, atreides.jsonc: files init owns entirely. */
function planWholeFile(
  target: InstallTarget,
  manifest: Manifest | null,
  abs: string,
  kind: EntryKind,
  desired: string,
  force: boolean,
): PlannedFile {
  const rel = relPath(target.root, abs);
  const current = readTextIfExists(abs);
  const prior = findEntry(manifest, rel);
  const base = { abs, rel, kind };
  if (current === null) {
    return {
      ...base,
      action: "create",
      reason: describe(kind),
      content: desired,
      entry: { path: rel, kind, origin: "created" },
    };
  }
  if (current === desired) {
    // Identical to what init writes: nothing of the user's would be lost by treating it as ours.
    return {
      ...base,
      action: "skip",
      reason: "up to date",
      entry: prior ?? { path: rel, kind, origin: "created" },
    };
  }
  if (prior && prior.sha256 === sha256(current)) {
    return {
      ...base,
      action: "modify",
      reason: "update to this version's template",
      content: desired,
      entry: stripped(prior),
    };
  }
  const whose = prior ? "edited since init wrote it" : "exists and was not written by atreides";
  if (!force)
    return { ...base, action: "skip", reason: `kept: ${whose} (--force replaces it, after a backup)` };
  return {
    ...base,
    action: "overwrite",
    reason: `replace (${whose}); the current file goes to the backup`,
    content: desired,
    entry: { path: rel, kind, origin: prior?.origin === "created" ? "created" : "overwritten" },
  };
}

function planAgentsMd(
  target: InstallTarget,
  manifest: Manifest | null,
  project: ProjectInfo | null,
  force: boolean,
): PlannedFile {
  const abs = target.agentsMd;
  const rel = relPath(target.root, abs);
  const base = { abs, rel, kind: "agents-md" as const };
  const current = readTextIfExists(abs);
  const body = agentsSection(project);
  const prior = findEntry(manifest, rel);
  try {
    const block = current === null ? null : currentBlock(current, abs);
    const desiredBlock = renderBlock(body, detectEol(current));
    if (block !== null && current !== null) {
      if (block === desiredBlock) {
        // Ours byte for byte: claim it when the manifest lost track, so uninstall can remove it.
        const claim = prior ?? {
          path: rel,
          kind: "agents-md" as const,
          origin: current.trim() === block.trim() ? ("created" as const) : ("modified" as const),
          section: { separator: "", sha256: sha256(block) },
        };
        return { ...base, action: "skip", reason: "Atreides section up to date", entry: claim };
      }
      const ours = prior?.section?.sha256 === sha256(block);
      if (!ours && !force) {
        return {
          ...base,
          action: "skip",
          reason: "kept: the Atreides section was edited (--force replaces it, after a backup)",
        };
      }
      const up = upsertSection(current, body, abs);
      return {
        ...base,
        action: "modify",
        reason: ours ? "update the Atreides section" : "replace the edited Atreides section",
        content: up.text,
        entry: {
          path: rel,
          kind: "agents-md",
          origin: prior?.origin ?? "modified",
          section: { separator: prior?.section?.separator ?? "", sha256: sha256(desiredBlock) },
        },
      };
    }
    const up = upsertSection(current, body, abs);
    return {
      ...base,
      action: current === null ? "create" : "modify",
      reason:
        current === null
          ? "create with the Atreides section"
          : "append the Atreides section (your text is not touched)",
      content: up.text,
      entry: {
        path: rel,
        kind: "agents-md",
        origin: current === null ? "created" : (prior?.origin ?? "modified"),
        section: { separator: up.separator, sha256: sha256(desiredBlock) },
      },
    };
  } catch (err) {
    if (err instanceof MarkerError) throw new CliError(err.message);
    throw err;
  }
}

function agentsSection(project: ProjectInfo | null): string {
  if (!project) return loadTemplate(join("agents-md", "section-global.md"));
  const c = project.commands;
  return render(loadTemplate(join("agents-md", "section.md")), {
    projectType: project.type === "generic" ? "" : project.type,
    packageManager: project.packageManager ?? "",
    installCommand: c.install ?? "",
    testCommand: c.test ?? "",
    typecheckCommand: c.typecheck ?? "",
    lintCommand: c.lint ?? "",
    buildCommand: c.build ?? "",
  });
}

const stripped = (e: ManifestEntry): Omit<ManifestEntry, "sha256" | "writtenAt"> => {
  const { sha256: _h, writtenAt: _w, ...rest } = e;
  return rest;
};

function describe(kind: EntryKind): string {
  switch (kind) {
    case "atreides-config":
      return "Atreides settings, every default shown commented out";
    case "agent":
      return "OpenCode agent";
    case "skill":
      return "OpenCode skill";
    case "agents-md":
      return "AGENTS.md section";
    case "opencode-config":
      return "OpenCode config";
  }
}
