// Config: every bad value is reported with source, key path, value received, expectation and fix,
// and falls back to its default while the rest of the config still applies.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { buildJsonSchema } from "../../../src/shared/config/json-schema.js";
import { loadConfig } from "../../../src/shared/config/load.js";
import { resolveConfig } from "../../../src/shared/config/resolve.js";
import { DEFAULT_CONFIG } from "../../../src/shared/config/schema.js";
import { formatIssue } from "../../../src/shared/errors.js";

const dirs: string[] = [];
function project(files: Record<string, string>): { dir: string; env: NodeJS.ProcessEnv } {
  const root = mkdtempSync(join(tmpdir(), "atreides-config-"));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, text);
  }
  return {
    dir: join(root, "project"),
    env: { HOME: join(root, "home"), XDG_CONFIG_HOME: join(root, "xdg") },
  };
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("resolveConfig", () => {
  test("defaults for everything", () => {
    const r = resolveConfig([]);
    assert.deepEqual(r.issues, []);
    assert.equal(r.config.offload.poolSize, DEFAULT_CONFIG.offload.poolSize);
    assert.equal(r.config.logging.level, "info");
    assert.ok(Object.isFrozen(r.config.offload));
  });

  test("wrong type: named with value, expectation and fix; falls back; siblings kept", () => {
    const r = resolveConfig([
      { source: "plugin options", value: { offload: { poolSize: "two", taskTimeoutMs: 500 } } },
    ]);
    assert.equal(r.issues.length, 1);
    const i = r.issues[0]!;
    assert.equal(i.source, "plugin options");
    assert.equal(i.path, "offload.poolSize");
    assert.equal(i.received, '"two"');
    assert.match(i.expected, /number/);
    assert.match(i.fix, /offload\.poolSize/);
    assert.match(i.fix, /default 1/);
    assert.equal(r.config.offload.poolSize, DEFAULT_CONFIG.offload.poolSize);
    assert.equal(r.config.offload.taskTimeoutMs, 500);
  });

  test("unknown key: reported with a suggestion, ignored", () => {
    const r = resolveConfig([{ source: "x", value: { offload: { poolsize: 2 }, bogus: true } }]);
    const paths = r.issues.map((i) => i.path).sort();
    assert.deepEqual(paths, ["bogus", "offload.poolsize"]);
    assert.match(r.issues.find((i) => i.path === "offload.poolsize")!.fix, /did you mean "poolSize"/);
    assert.equal(r.config.offload.poolSize, DEFAULT_CONFIG.offload.poolSize);
  });

  test("out of range and not an integer", () => {
    const r = resolveConfig([
      { source: "x", value: { offload: { poolSize: 99, maxQueue: 1.5 }, logging: { level: "verbose" } } },
    ]);
    const by = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    assert.match(by["offload.poolSize"]!.expected, /<= 16/);
    assert.match(by["offload.maxQueue"]!.expected, /integer/);
    assert.match(by["logging.level"]!.expected, /"debug", "info", "warn", "error"/);
    assert.equal(r.config.offload.poolSize, DEFAULT_CONFIG.offload.poolSize);
    assert.equal(r.config.logging.level, "info");
  });

  test("bad array element dropped, good elements kept", () => {
    const r = resolveConfig([{ source: "x", value: { security: { blockedPatterns: ["a", 5, "b"] } } }]);
    assert.equal(r.issues[0]!.path, "security.blockedPatterns[1]");
    assert.deepEqual(r.config.security.blockedPatterns, ["a", "b"]);
  });

  test("later sources win key by key; a non-object source is an issue", () => {
    const r = resolveConfig([
      { source: "global", value: { offload: { poolSize: 2, maxQueue: 10 } } },
      { source: "project", value: { offload: { poolSize: 0 } } },
      { source: "weird", value: [1, 2] },
    ]);
    assert.equal(r.config.offload.poolSize, 0);
    assert.equal(r.config.offload.maxQueue, 10);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]!.source, "weird");
  });

  test("issues format as one line naming everything", () => {
    const r = resolveConfig([{ source: "/p/.opencode/atreides.json", value: { offload: { poolSize: -1 } } }]);
    const line = formatIssue(r.issues[0]!);
    assert.match(
      line,
      /^\/p\/\.opencode\/atreides\.json: offload\.poolSize: expected a number >= 0, received -1\. Fix: /,
    );
  });
});

describe("loadConfig from files and env", () => {
  test("JSONC with comments and trailing commas; project over global; tuple over project; env over all", () => {
    const { dir, env } = project({
      "xdg/opencode/atreides.jsonc": '{ // global\n "offload": { "poolSize": 3, "maxQueue": 7, }, }',
      "project/.opencode/atreides.json": '{ "offload": { "poolSize": 2 } }',
    });
    const r = loadConfig({
      directory: dir,
      worktree: "/",
      options: { logging: { level: "warn" } },
      env: { ...env, ATREIDES_POOL_SIZE: "0" },
    });
    assert.deepEqual(r.issues, []);
    assert.equal(r.files.length, 2);
    assert.equal(r.config.offload.poolSize, 0);
    assert.equal(r.config.offload.maxQueue, 7);
    assert.equal(r.config.logging.level, "warn");
  });

  test("invalid JSONC: the file is named with line and column; defaults used", () => {
    const { dir, env } = project({
      "project/.opencode/atreides.jsonc": '{\n  "offload": { "poolSize": 2 \n  "x": }\n}',
    });
    const r = loadConfig({ directory: dir, env });
    assert.equal(r.issues.length, 1);
    assert.match(r.issues[0]!.source, /atreides\.jsonc$/);
    assert.match(r.issues[0]!.received, /invalid JSONC: .* at line 3/);
    assert.equal(r.config.offload.poolSize, DEFAULT_CONFIG.offload.poolSize);
  });

  test("unreadable file (a directory in its place, or no permission) is an issue, not a crash", () => {
    const { dir, env } = project({ "project/.opencode/atreides.jsonc/x": "" });
    const r = loadConfig({ directory: dir, env });
    assert.match(r.issues[0]!.received, /not a regular file/);
    if (process.getuid?.() !== 0) {
      const p2 = project({ "project/.opencode/atreides.json": "{}" });
      chmodSync(join(p2.dir, ".opencode", "atreides.json"), 0);
      const r2 = loadConfig({ directory: p2.dir, env: p2.env });
      assert.match(r2.issues[0]!.received, /unreadable \(EACCES\)/);
    }
  });

  test("bad env value: named, ignored", () => {
    const { dir, env } = project({});
    const r = loadConfig({
      directory: dir,
      env: { ...env, ATREIDES_POOL_SIZE: "lots", ATREIDES_LOG_LEVEL: "debug" },
    });
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]!.source, "env ATREIDES_POOL_SIZE");
    assert.equal(r.config.logging.level, "debug");
  });
});

test("JSON Schema is generated from the zod schema and matches the committed file", async () => {
  const schema = buildJsonSchema() as {
    properties: Record<string, { properties?: Record<string, unknown> }>;
  };
  assert.ok(schema.properties.offload?.properties?.poolSize);
  const { readFileSync } = await import("node:fs");
  const committed = JSON.parse(
    readFileSync(new URL("../../../../schema/atreides.schema.json", import.meta.url), "utf8"),
  );
  assert.deepEqual(
    committed,
    JSON.parse(JSON.stringify(schema)),
    "schema/atreides.schema.json is stale: run npm run build",
  );
});
