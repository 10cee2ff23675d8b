// Templates: OpenCode's agent and skill formats, the placeholder rule, and the bounded cache.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AGENT_NAMES,
  agentTemplatePath,
  loadTemplate,
  render,
  SKILL_NAMES,
  skillTemplatePath,
  templateCacheSize,
} from "../../../src/cli/init/templates.js";
import { BoundedCache } from "../../../src/cli/lru.js";

const FRONT = /^---\n([\s\S]*?)\n---\n/;

function frontMatter(text: string): Record<string, string> {
  const m = FRONT.exec(text);
  assert.ok(m, "has YAML front matter");
  const out: Record<string, string> = {};
  for (const line of m[1]!.split("\n")) {
    const kv = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (kv) out[kv[1]!] = kv[2]!;
  }
  return out;
}

// OpenCode 1.18 front-matter keys for agents (others are silently moved into `options`).
const AGENT_KEYS = new Set([
  "name",
  "model",
  "variant",
  "description",
  "mode",
  "hidden",
  "color",
  "steps",
  "options",
  "permission",
  "disable",
  "temperature",
  "top_p",
]);

describe("agents", () => {
  for (const name of AGENT_NAMES) {
    test(`${name}: description, a valid mode, permission keys only, a prompt body; model only when given`, () => {
      const text = render(loadTemplate(agentTemplatePath(name)), { model: "" });
      const fm = frontMatter(text);
      assert.ok((fm.description ?? "").length > 20);
      assert.ok(["primary", "subagent", "all"].includes(fm.mode ?? ""), `mode ${fm.mode}`);
      for (const k of Object.keys(fm)) assert.ok(AGENT_KEYS.has(k), `unknown key ${k}`);
      assert.equal(fm.model, undefined);
      assert.ok(!text.includes("tools:"), "tools is deprecated in favour of permission");
      assert.ok(text.replace(FRONT, "").trim().length > 200, "has a prompt");
      const withModel = render(loadTemplate(agentTemplatePath(name)), {
        model: "anthropic/claude-sonnet-4-5",
      });
      assert.equal(frontMatter(withModel).model, "anthropic/claude-sonnet-4-5");
    });
  }
  test("stilgar is the primary orchestrator; explore and librarian cannot edit", () => {
    assert.equal(frontMatter(loadTemplate(agentTemplatePath("stilgar"))).mode, "primary");
    for (const n of ["explore", "librarian"] as const) {
      const t = loadTemplate(agentTemplatePath(n));
      assert.equal(frontMatter(t).mode, "subagent");
      assert.match(t, /permission:\n {2}edit: deny\n/);
    }
  });
});

describe("skills", () => {
  for (const name of SKILL_NAMES) {
    test(`${name}: name matches the directory and OpenCode's name rule; description 1-1024 chars`, () => {
      const fm = frontMatter(loadTemplate(skillTemplatePath(name)));
      assert.equal(fm.name, name);
      assert.match(fm.name!, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok((fm.description ?? "").length >= 1 && (fm.description ?? "").length <= 1024);
    });
  }
});

describe("render", () => {
  test("replaces placeholders and drops lines whose placeholders are all empty", () => {
    assert.equal(render("a\nmodel: {{m}}\nb {{x}}\n", { m: "", x: "X" }), "a\nb X\n");
  });
  test("an unknown placeholder is an error, not a blank", () => {
    assert.throws(() => render("{{nope}}", {}), /nope/);
  });
});

describe("cache", () => {
  test("BoundedCache evicts the least recently used entry", () => {
    const c = new BoundedCache<string, number>(2);
    c.set("a", 1);
    c.set("b", 2);
    c.get("a");
    c.set("c", 3);
    assert.equal(c.size, 2);
    assert.equal(c.get("b"), undefined);
    assert.equal(c.get("a"), 1);
  });
  test("the template cache stays bounded", () => {
    for (const n of AGENT_NAMES) loadTemplate(agentTemplatePath(n));
    for (const n of SKILL_NAMES) loadTemplate(skillTemplatePath(n));
    assert.ok(templateCacheSize() > 0 && templateCacheSize() <= 32);
  });
});
