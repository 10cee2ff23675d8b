// doctor against the real opencode binary (about 2-5 s per run): it proves what loads and what does not.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { OPENCODE_OFFLINE_ENV, seedConfigDir } from "../../../src/cli/doctor/sandbox.js";
import { packageInfo } from "../../../src/cli/package-info.js";
import { cli, isolatedEnv, tempDir, writeTree } from "../../unit/cli/helpers.js";

const root = packageInfo().root;
const OPENCODE = join(root, "node_modules", ".bin", "opencode");
const BROKEN = pathToFileURL(join(root, "tests", "fixtures", "plugins", "broken-plugin.mjs")).href;
// Generous: a cold start of the binary on a loaded 2-core machine.
const PROBE_TIMEOUT_S = "90";

const FAKE_ATREIDES = `export default async function fakeAtreides() {
  return { event: async () => {}, "tool.execute.before": async () => {} };
}
`;

describe("doctor with the real opencode binary", () => {
  test("reports a plugin that fails to load, a broken config (key, value, fix), and proves Atreides loads; exit 2", async () => {
    const base = tempDir("doc");
    const dir = join(base, "p");
    writeTree(base, {
      // Stands in for the package: a directory named like it, so doctor treats it as Atreides.
      "atreides-fake/index.mjs": FAKE_ATREIDES,
      "p/opencode.json": JSON.stringify({
        plugin: [pathToFileURL(join(base, "atreides-fake", "index.mjs")).href, BROKEN],
      }),
      "p/.opencode/atreides.jsonc": '{ "offload": { "poolSize": 99 } }\n',
    });
    const r = await cli(["doctor", "--opencode", OPENCODE, "--timeout", PROBE_TIMEOUT_S, "--json"], {
      cwd: dir,
      env: isolatedEnv(base),
    });
    assert.equal(r.code, 2, r.out);
    const report = JSON.parse(r.out);
    const byId = (id: string) => report.checks.filter((c: { id: string }) => c.id === id);
    const load = byId("plugin-load")[0];
    assert.equal(load.status, "ok", JSON.stringify(report.probe, null, 2));
    assert.match(load.message, /2 hook\(s\): event, tool\.execute\.before/);
    const other = byId("other-plugin");
    assert.equal(other.length, 1);
    assert.equal(other[0].status, "error");
    assert.match(
      other[0].message,
      /failed to load plugin.*broken-plugin\.mjs: Plugin export is not a function/,
    );
    const config = byId("config")[0];
    assert.equal(config.status, "error");
    assert.match(config.details[0], /offload\.poolSize: expected .*, received 99\. Fix: /);
    // The user's project was not written to (OpenCode ran in a sandbox).
    assert.deepEqual(
      spawnSync("ls", ["-A", join(dir, ".opencode")], { encoding: "utf8" })
        .stdout.trim()
        .split("\n"),
      ["atreides.jsonc"],
    );
  });

  test("an entry OpenCode cannot import (OpenCode itself logs nothing) is reported with the import error", async () => {
    const base = tempDir("doc");
    const dir = join(base, "p");
    writeTree(base, {
      "atreides-missing-dep/index.mjs":
        'import "./not-there.mjs";\nexport default async function p() { return {}; }\n',
      "p/opencode.json": JSON.stringify({
        plugin: [pathToFileURL(join(base, "atreides-missing-dep", "index.mjs")).href],
      }),
    });
    const r = await cli(["doctor", "--opencode", OPENCODE, "--timeout", PROBE_TIMEOUT_S], {
      cwd: dir,
      env: isolatedEnv(base),
    });
    assert.equal(r.code, 2, r.out);
    assert.match(
      r.out,
      /✗ Plugin loads in OpenCode: Atreides did not load: failed at import: .*not-there\.mjs/,
    );
    assert.match(r.out, /fix: make sure .* exists and its dependencies are installed/);
  });

  test("the agents and skills init writes are what OpenCode parses (debug config / debug skill)", async () => {
    const base = tempDir("doc");
    const dir = join(base, "p");
    writeTree(dir, { "README.md": "x" });
    const env = isolatedEnv(base);
    assert.equal((await cli(["init", "--yes", "--model", "fake/fake-model"], { cwd: dir, env })).code, 0);
    // Seed the config dirs the way doctor's sandbox does, so OpenCode does not try an npm install.
    const version = JSON.parse(
      readFileSync(join(root, "node_modules", "opencode-ai", "package.json"), "utf8"),
    ).version;
    seedConfigDir(join(dir, ".opencode"), version);
    seedConfigDir(join(base, "oc", "config", "opencode"), version);
    // Only the agents and skills matter here; the plugin entry would need the package installed.
    writeTree(dir, { "opencode.json": '{"plugin": []}' });
    const run = (args: string[]) =>
      spawnSync(OPENCODE, args, {
        cwd: dir,
        encoding: "utf8",
        timeout: 90_000,
        env: { ...sandboxEnv(base), PATH: process.env.PATH },
      });
    const config = run(["debug", "config"]);
    assert.equal(config.status, 0, config.stderr);
    const agents = JSON.parse(config.stdout).agent as Record<string, Record<string, unknown>>;
    const modes = {
      stilgar: "primary",
      explore: "subagent",
      librarian: "subagent",
      build: "all",
      plan: "primary",
    };
    for (const [name, mode] of Object.entries(modes)) {
      const a = agents[name];
      assert.ok(a, `${name} parsed`);
      assert.equal(a.mode, mode, name);
      assert.equal(a.model, "fake/fake-model", name);
      assert.ok(String(a.description).length > 20, name);
      assert.ok(String(a.prompt).length > 200, `${name} has its prompt`);
      // OpenCode moves unknown front-matter keys into options: there must be none.
      assert.deepEqual(a.options ?? {}, {}, `${name} has no unknown keys`);
    }
    assert.deepEqual((agents.explore!.permission as Record<string, unknown>).edit, "deny");
    const skills = run(["debug", "skill"]);
    assert.equal(skills.status, 0, skills.stderr);
    const names = (JSON.parse(skills.stdout) as Array<{ name: string }>).map((s) => s.name);
    for (const s of ["orchestrate", "explore", "validate", "recover"]) assert.ok(names.includes(s), s);
  });
});

function sandboxEnv(base: string): NodeJS.ProcessEnv {
  const d = (p: string) => join(base, "oc", p);
  return {
    HOME: d("home"),
    TMPDIR: base,
    XDG_CONFIG_HOME: d("config"),
    XDG_DATA_HOME: d("data"),
    XDG_CACHE_HOME: d("cache"),
    XDG_STATE_HOME: d("state"),
    ...OPENCODE_OFFLINE_ENV,
  };
}
