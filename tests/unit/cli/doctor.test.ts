// doctor without the binary (--no-probe): config problems with key, value and fix; registration;
// exit codes; the JSON report. The runs against the real opencode binary are in tests/integration/cli.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { checkNode } from "../../../src/cli/doctor/checks.js";
import { packageEntry, resolveAtreidesEntry } from "../../../src/cli/doctor/probe.js";
import { localPluginUrl, scanOpencodeConfigs } from "../../../src/cli/doctor/registration.js";
import { cli, isolatedEnv, tempDir, writeTree } from "./helpers.js";

function project(files: Record<string, string>) {
  const root = tempDir("doctor");
  writeTree(join(root, "p"), files);
  return { root, dir: join(root, "p"), env: isolatedEnv(root) };
}

describe("doctor --no-probe", () => {
  test("a broken config: each problem with key, value and fix; exit 2", async () => {
    const p = project({
      "opencode.json": '{"plugin": ["atreides-opencode"]}',
      ".opencode/atreides.jsonc":
        '{\n  // too many threads\n  "offload": { "poolSize": 99 },\n  "logging": { "level": "loud" }\n}\n',
    });
    const r = await cli(["doctor", "--no-probe"], { cwd: p.dir, env: p.env });
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /✗ Atreides config: 2 problem/);
    assert.match(r.out, /offload\.poolSize: expected .*received 99\. Fix: /);
    assert.match(r.out, /logging\.level: expected .*received "loud"\. Fix: /);
    assert.match(r.out, /✓ Plugin registered/);
    assert.match(r.out, /Plugin loads in OpenCode: not checked/);
  });

  test("--json is machine-readable and carries the same exit code", async () => {
    const p = project({ ".opencode/atreides.jsonc": '{ "offload": { "poolSize": "two" } }' });
    const r = await cli(["doctor", "--no-probe", "--json"], { cwd: p.dir, env: p.env });
    assert.equal(r.code, 2);
    const report = JSON.parse(r.out);
    assert.equal(report.exitCode, 2);
    const config = report.checks.find((c: { id: string }) => c.id === "config");
    assert.equal(config.status, "error");
    assert.match(config.details[0], /offload\.poolSize/);
    assert.equal(report.checks.find((c: { id: string }) => c.id === "registered").status, "error");
  });

  test("an unparsable opencode.json is reported with its line", async () => {
    const p = project({ "opencode.json": '{\n  "plugin": [\n    "a" "b"\n  ]\n}' });
    const r = await cli(["doctor", "--no-probe"], { cwd: p.dir, env: p.env });
    assert.equal(r.code, 2);
    assert.match(r.out, /OpenCode config: .*opencode\.json: invalid JSONC .* line 3/);
  });

  test("a clean project with the plugin registered: only the skipped load check warns (exit 1)", async () => {
    const p = project({
      "opencode.jsonc": '// hi\n{"plugin": [["atreides-opencode", {"offload": {"poolSize": 0}}]]}',
    });
    const r = await cli(["doctor", "--no-probe", "--opencode", process.execPath], { cwd: p.dir, env: p.env });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /✓ Atreides config: valid/);
    assert.match(r.out, /! Plugin loads in OpenCode: not checked \(--no-probe\)/);
  });
});

describe("doctor pieces", () => {
  test("checkNode", () => {
    assert.equal(checkNode("20.1.0").status, "ok");
    assert.equal(checkNode("18.19.0").status, "error");
  });

  test("scan finds global and project entries, with tuple options", () => {
    const p = project({
      "opencode.json": '{"plugin": [["atreides-opencode", {"enabled": true}], "./plugins/x.mjs"]}',
    });
    writeTree(join(p.root, "xdg-config", "opencode"), { "opencode.jsonc": '{"plugin": ["global-one"]}' });
    const scan = scanOpencodeConfigs(p.dir, p.env);
    assert.deepEqual(
      scan.plugins.map((x) => x.spec),
      ["global-one", "atreides-opencode", "./plugins/x.mjs"],
    );
    assert.deepEqual(scan.plugins[1]!.options, { enabled: true });
    assert.equal(
      localPluginUrl("./plugins/x.mjs", join(p.dir, "opencode.json"), p.env.HOME),
      `file://${join(p.dir, "plugins", "x.mjs")}`,
    );
    assert.equal(localPluginUrl("global-one", "x", undefined), null);
  });

  test("the Atreides entry: a file:// dir resolves through package.json exports", () => {
    const root = tempDir("entry");
    writeTree(root, {
      "atreides-opencode/package.json": JSON.stringify({
        exports: { ".": { types: "./d.ts", default: "./dist/index.js" } },
      }),
    });
    assert.equal(
      packageEntry(join(root, "atreides-opencode")),
      join(root, "atreides-opencode", "dist", "index.js"),
    );
    const t = resolveAtreidesEntry({
      plugins: [
        {
          spec: `file://${join(root, "atreides-opencode")}`,
          source: join(root, "opencode.json"),
          atreides: true,
        },
      ],
      projectDir: root,
      packageRoot: "/nowhere",
      hostEnv: {},
    });
    assert.equal(t.entry, join(root, "atreides-opencode", "dist", "index.js"));
  });
});
