// The generated atreides.jsonc: valid as written (only "$schema" active), and uncommenting every
// setting gives exactly the plugin's defaults, so the file cannot drift from the schema.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { type ParseError, parse } from "jsonc-parser";
import { renderAtreidesJsonc } from "../../../src/cli/init/atreides-jsonc.js";
import { buildJsonSchema } from "../../../src/shared/config/json-schema.js";
import { loadConfig } from "../../../src/shared/config/load.js";
import { resolveConfig } from "../../../src/shared/config/resolve.js";
import { DEFAULT_CONFIG } from "../../../src/shared/config/schema.js";
import { tempDir, writeTree } from "./helpers.js";

const SCHEMA_REF = "../node_modules/atreides-opencode/schema/atreides.schema.json";

function parseStrict(text: string): unknown {
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, [], "parses without errors");
  return v;
}

/** Remove the leading "// " of every setting line inside the root object. */
function uncommentAll(text: string): string {
  const lines = text.split("\n");
  const open = lines.indexOf("{");
  return lines.map((l, i) => (i > open && l.startsWith("  // ") ? `  ${l.slice(5)}` : l)).join("\n");
}

test("as written: valid JSONC with only $schema active, and loadConfig reports no issue", () => {
  const text = renderAtreidesJsonc(SCHEMA_REF, "project");
  assert.deepEqual(parseStrict(text), { $schema: SCHEMA_REF });
  const root = tempDir("jsonc");
  writeTree(root, { "p/.opencode/atreides.jsonc": text });
  const loaded = loadConfig({
    directory: join(root, "p"),
    env: { HOME: join(root, "home"), XDG_CONFIG_HOME: join(root, "x") },
  });
  assert.deepEqual(loaded.issues, []);
  assert.equal(loaded.files.length, 1);
});

test("uncommented: every setting present, no issue, equal to DEFAULT_CONFIG", () => {
  const text = uncommentAll(renderAtreidesJsonc(SCHEMA_REF, "project"));
  const value = parseStrict(text) as Record<string, unknown>;
  assert.deepEqual(resolveConfig([{ source: "generated", value }]).issues, []);
  const { $schema, ...settings } = value;
  assert.equal($schema, SCHEMA_REF);
  assert.deepEqual(settings, JSON.parse(JSON.stringify(DEFAULT_CONFIG)));
});

test("every key of the schema appears, with its description", () => {
  const text = renderAtreidesJsonc(SCHEMA_REF, "global");
  const walk = (
    node: { properties?: Record<string, { description?: string; properties?: unknown }> },
    path: string,
  ) => {
    for (const [k, child] of Object.entries(node.properties ?? {})) {
      if (k === "$schema") continue;
      assert.ok(text.includes(`"${k}"`), `${path}${k} listed`);
      if (child.description)
        assert.ok(text.includes(child.description.split("\n")[0]!), `${path}${k} described`);
      walk(child as never, `${path}${k}.`);
    }
  };
  walk(buildJsonSchema() as never, "");
});
