/**
 * Templates shipped in the package's templates/ directory, read on first use and kept in a bounded
 * cache (a CLI run needs about a dozen; the cap only guards a long-lived caller such as a test run).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BoundedCache } from "../lru.js";
import { templatesDir } from "../package-info.js";

// Every template one init run reads (5 agents, 4 skills, 2 AGENTS.md sections) fits with room to spare.
const kTemplateCacheEntries = 32;
const cache = new BoundedCache<string, string>(kTemplateCacheEntries);

export const AGENT_NAMES = ["stilgar", "explore", "librarian", "build", "plan"] as const;
export const SKILL_NAMES = ["orchestrate", "explore", "validate", "recover"] as const;
export type AgentName = (typeof AGENT_NAMES)[number];
export type SkillName = (typeof SKILL_NAMES)[number];

export function loadTemplate(rel: string, dir: string = templatesDir()): string {
  const key = join(dir, rel);
  let text = cache.get(key);
  if (text === undefined) {
    try {
      text = readFileSync(key, "utf8");
    } catch (err) {
      throw new Error(
        `template ${rel} is missing from ${dir} (${(err as NodeJS.ErrnoException).code ?? err}); reinstall atreides-opencode`,
      );
    }
    cache.set(key, text);
  }
  return text;
}

/** For tests: how many templates are cached right now. */
export const templateCacheSize = (): number => cache.size;

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const HAS_PLACEHOLDER = /\{\{\w+\}\}/;

/**
 * Replace {{name}} placeholders. A line whose placeholders are all empty is dropped, so optional
 * fields ("model: {{model}}") and optional list items disappear instead of rendering blank.
 */
export function render(template: string, vars: Readonly<Record<string, string | undefined>>): string {
  const out: string[] = [];
  for (const line of template.split("\n")) {
    if (!HAS_PLACEHOLDER.test(line)) {
      out.push(line);
      continue;
    }
    let empty = true;
    const rendered = line.replace(PLACEHOLDER, (_, name: string) => {
      const v = vars[name];
      if (v === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
      if (v !== "") empty = false;
      return v;
    });
    if (!empty) out.push(rendered);
  }
  return out.join("\n");
}

export const agentTemplatePath = (name: AgentName): string => join("agents", `${name}.md`);
export const skillTemplatePath = (name: SkillName): string => join("skills", name, "SKILL.md");
