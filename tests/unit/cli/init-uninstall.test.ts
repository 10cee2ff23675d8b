// init and uninstall, in-process, on temp projects: comments and other plugins survive, re-runs change
// nothing, --dry-run writes nothing, backups restore, uninstall gives the original bytes back.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { cli, isolatedEnv, snapshot, tempDir, writeTree } from "./helpers.js";

const JSONC = `{
  // my settings: keep this comment
  "$schema": "https://opencode.ai/config.json",
  "theme": "dark", /* inline comment */
  "plugin": [
    "other-plugin", // keep me
    ["x-plugin", {"a": 1}]
  ],
  "autoupdate": false
}
`;
const AGENTS = "# House rules\n\nUse tabs.\n";

function project(files: Record<string, string> = {}) {
  const root = tempDir("init");
  const dir = join(root, "p");
  writeTree(dir, {
    "package.json": JSON.stringify({ scripts: { test: "node --test" } }),
    "package-lock.json": "{}",
    ...files,
  });
  return { root, dir, env: isolatedEnv(root) };
}

const read = (p: string) => readFileSync(p, "utf8");

describe("init", () => {
  test("keeps the user's JSONC byte for byte around one inserted entry, and other plugins", async () => {
    const { dir, env } = project({ "opencode.jsonc": JSONC, "AGENTS.md": AGENTS });
    const r = await cli(["init", "--yes"], { cwd: dir, env });
    assert.equal(r.code, 0, r.err);
    const after = read(join(dir, "opencode.jsonc"));
    const cut = JSONC.indexOf("]\n  ],") + 1; // just after the tuple
    const inserted = after.length - JSONC.length;
    assert.equal(
      after.slice(0, cut),
      JSONC.slice(0, cut),
      "everything before the insertion point is untouched",
    );
    assert.equal(after.slice(cut + inserted), JSONC.slice(cut), "everything after it is untouched");
    assert.equal(after.slice(cut, cut + inserted), ',\n    "atreides-opencode"');
    assert.ok(read(join(dir, "AGENTS.md")).startsWith(AGENTS), "the user's AGENTS.md text is a prefix");
    assert.match(
      read(join(dir, "AGENTS.md")),
      /<!-- atreides:start -->[\s\S]*npm test[\s\S]*<!-- atreides:end -->\n$/,
    );
    for (const f of [
      ".opencode/atreides.jsonc",
      ".opencode/agent/stilgar.md",
      ".opencode/agent/plan.md",
      ".opencode/skill/validate/SKILL.md",
    ]) {
      assert.ok(existsSync(join(dir, f)), f);
    }
    const manifest = JSON.parse(read(join(dir, ".opencode/atreides-manifest.json")));
    const oc = manifest.files.find((e: { path: string }) => e.path === "opencode.jsonc");
    assert.equal(oc.origin, "modified");
    assert.deepEqual(oc.edit, {
      offset: cut,
      inserted: ',\n    "atreides-opencode"',
      spec: "atreides-opencode",
    });
  });

  test("creates opencode.json when there is none; a second run changes nothing", async () => {
    const { dir, env } = project();
    assert.equal((await cli(["init"], { cwd: dir, env })).code, 0); // stdin not a TTY: no prompt
    assert.deepEqual(JSON.parse(read(join(dir, "opencode.json"))), {
      $schema: "https://opencode.ai/config.json",
      plugin: ["atreides-opencode"],
    });
    const before = snapshot(dir);
    const again = await cli(["init"], { cwd: dir, env });
    assert.equal(again.code, 0);
    assert.match(again.out, /Nothing to do/);
    assert.deepEqual(snapshot(dir), before, "no file changed, no backup made");
  });

  test("recognises an existing registration (tuple or file:// form) and does not add a second one", async () => {
    for (const entry of [
      '["atreides-opencode", {"offload": {"poolSize": 0}}]',
      '"file:///home/me/src/atreides-opencode"',
    ]) {
      const text = `{\n  "plugin": [${entry}]\n}\n`;
      const { dir, env } = project({ "opencode.json": text });
      const r = await cli(["init", "--yes"], { cwd: dir, env });
      assert.equal(r.code, 0, r.err);
      assert.equal(read(join(dir, "opencode.json")), text);
      assert.match(r.out, /already registered/);
    }
  });

  test("--dry-run prints the plan and writes nothing", async () => {
    const { dir, env } = project({ "opencode.jsonc": JSONC, "AGENTS.md": AGENTS });
    const before = snapshot(dir);
    const r = await cli(["init", "--dry-run"], { cwd: dir, env });
    assert.equal(r.code, 0);
    assert.match(r.out, /modify\s+opencode\.jsonc/);
    assert.match(r.out, /create\s+\.opencode\/agent\/stilgar\.md/);
    assert.match(r.out, /Dry run: nothing was written/);
    assert.deepEqual(snapshot(dir), before);
  });

  test("asks on a terminal; answering no changes nothing", async () => {
    const { dir, env } = project();
    const before = snapshot(dir);
    const r = await cli(["init"], { cwd: dir, env, tty: true, answer: false });
    assert.equal(r.code, 1);
    assert.equal(r.asked.length, 1);
    assert.match(r.err, /aborted: nothing was changed/);
    assert.deepEqual(snapshot(dir), before);
  });

  test("backups hold the original bytes of every file it changed", async () => {
    const { dir, env } = project({ "opencode.jsonc": JSONC, "AGENTS.md": AGENTS });
    await cli(["init", "--yes"], { cwd: dir, env });
    const backups = readdirSync(join(dir, ".atreides-backup"));
    assert.equal(backups.length, 1);
    const b = join(dir, ".atreides-backup", backups[0]!);
    assert.equal(read(join(b, "opencode.jsonc")), JSONC);
    assert.equal(read(join(b, "AGENTS.md")), AGENTS);
    assert.deepEqual(JSON.parse(read(join(b, "backup.json"))).files.sort(), ["AGENTS.md", "opencode.jsonc"]);
  });

  test("never overwrites a file the user edited unless --force; --force backs it up first", async () => {
    const { dir, env } = project();
    await cli(["init", "--yes"], { cwd: dir, env });
    const agent = join(dir, ".opencode/agent/build.md");
    writeFileSync(agent, "my own build agent\n");
    const r = await cli(["init", "--yes"], { cwd: dir, env });
    assert.match(r.out, /skip\s+\.opencode\/agent\/build\.md\s+kept: edited since init wrote it/);
    assert.equal(read(agent), "my own build agent\n");
    const forced = await cli(["init", "--yes", "--force"], { cwd: dir, env });
    assert.equal(forced.code, 0);
    assert.notEqual(read(agent), "my own build agent\n");
    const copies = readdirSync(join(dir, ".atreides-backup")).map((d) =>
      join(dir, ".atreides-backup", d, ".opencode/agent/build.md"),
    );
    assert.ok(copies.some((p) => existsSync(p) && read(p) === "my own build agent\n"));
  });

  test("--model goes into every agent's front matter; a malformed one is a usage error", async () => {
    const { dir, env } = project();
    assert.equal(
      (await cli(["init", "--yes", "--model", "anthropic/claude-sonnet-4-5"], { cwd: dir, env })).code,
      0,
    );
    assert.match(read(join(dir, ".opencode/agent/explore.md")), /\nmodel: anthropic\/claude-sonnet-4-5\n/);
    const bad = await cli(["init", "--yes", "--model", "sonnet"], { cwd: dir, env });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /provider\/model/);
  });

  test("refuses to touch an opencode.json it cannot parse, and says where", async () => {
    const text = '{\n  "plugin": ["a" "b"]\n}\n';
    const { dir, env } = project({ "opencode.json": text });
    const r = await cli(["init", "--yes"], { cwd: dir, env });
    assert.equal(r.code, 1);
    assert.match(r.err, /invalid JSONC .* line 2/);
    assert.match(r.err, /fix opencode\.json by hand/);
    assert.equal(read(join(dir, "opencode.json")), text);
    assert.ok(!existsSync(join(dir, ".opencode")));
  });

  test("--global writes into $XDG_CONFIG_HOME/opencode", async () => {
    const { root, dir, env } = project();
    const r = await cli(["init", "--global", "--yes"], { cwd: dir, env });
    assert.equal(r.code, 0, r.err);
    const g = join(root, "xdg-config", "opencode");
    assert.deepEqual(JSON.parse(read(join(g, "opencode.json"))).plugin, ["atreides-opencode"]);
    assert.ok(
      existsSync(join(g, "agent", "stilgar.md")) && existsSync(join(g, "skill", "orchestrate", "SKILL.md")),
    );
    assert.ok(!existsSync(join(dir, ".opencode")), "the project is untouched");
    assert.equal((await cli(["uninstall", "--global", "--yes"], { cwd: dir, env })).code, 0);
    assert.ok(!existsSync(join(g, "opencode.json")) && !existsSync(join(g, "agent")));
  });
});

describe("uninstall", () => {
  test("existing opencode.jsonc and AGENTS.md get their original bytes back; generated files go", async () => {
    const { dir, env } = project({
      "opencode.jsonc": JSONC,
      "AGENTS.md": AGENTS,
      ".opencode/command/mine.md": "mine",
    });
    const before = snapshot(dir);
    await cli(["init", "--yes"], { cwd: dir, env });
    const r = await cli(["uninstall", "--yes"], { cwd: dir, env });
    assert.equal(r.code, 0, r.err);
    assert.equal(read(join(dir, "opencode.jsonc")), JSONC);
    assert.equal(read(join(dir, "AGENTS.md")), AGENTS);
    const after = snapshot(dir);
    for (const k of [...after.keys()]) if (k.startsWith(".atreides-backup")) after.delete(k);
    assert.deepEqual(after, before, "the project is exactly as before init (backups aside)");
  });

  test("files init created are removed when unchanged (opencode.json, AGENTS.md, .opencode/)", async () => {
    const { dir, env } = project();
    const before = snapshot(dir);
    await cli(["init", "--yes"], { cwd: dir, env });
    assert.equal((await cli(["uninstall", "--yes"], { cwd: dir, env })).code, 0);
    assert.ok(
      !existsSync(join(dir, "opencode.json")) &&
        !existsSync(join(dir, "AGENTS.md")) &&
        !existsSync(join(dir, ".opencode")),
    );
    const after = snapshot(dir);
    for (const k of [...after.keys()]) if (k.startsWith(".atreides-backup")) after.delete(k);
    assert.deepEqual(after, before);
  });

  test("keeps files edited since init and says so; removes the plugin entry even after other edits", async () => {
    const { dir, env } = project({ "opencode.jsonc": JSONC });
    await cli(["init", "--yes"], { cwd: dir, env });
    writeFileSync(join(dir, ".opencode/agent/stilgar.md"), "customised\n");
    writeFileSync(join(dir, ".opencode/atreides.jsonc"), '{ "offload": { "poolSize": 0 } }\n');
    // The user edits opencode.jsonc elsewhere after init: the entry still goes, their edit stays.
    const edited = read(join(dir, "opencode.jsonc")).replace('"autoupdate": false', '"autoupdate": true');
    writeFileSync(join(dir, "opencode.jsonc"), edited);
    const r = await cli(["uninstall", "--yes"], { cwd: dir, env });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /kept \.opencode\/agent\/stilgar\.md/);
    assert.match(r.out, /kept \.opencode\/atreides\.jsonc/);
    assert.equal(read(join(dir, ".opencode/agent/stilgar.md")), "customised\n");
    assert.equal(
      read(join(dir, "opencode.jsonc")),
      JSONC.replace('"autoupdate": false', '"autoupdate": true'),
    );
    assert.ok(!existsSync(join(dir, ".opencode/agent/explore.md")));
  });

  test("a file --force replaced gets the user's version back", async () => {
    const { dir, env } = project({ ".opencode/agent/plan.md": "my plan agent\n" });
    await cli(["init", "--yes", "--force"], { cwd: dir, env });
    assert.notEqual(read(join(dir, ".opencode/agent/plan.md")), "my plan agent\n");
    await cli(["uninstall", "--yes"], { cwd: dir, env });
    assert.equal(read(join(dir, ".opencode/agent/plan.md")), "my plan agent\n");
  });

  test("--json never implies consent: without --yes and a terminal it refuses and changes nothing", async () => {
    const { dir, env } = project();
    await cli(["init", "--yes"], { cwd: dir, env });
    const before = snapshot(dir);
    const r = await cli(["uninstall", "--json"], { cwd: dir, env });
    assert.equal(r.code, 1);
    assert.equal(r.out, "", "no JSON claiming success");
    assert.match(r.err, /refusing to uninstall without confirmation/);
    assert.match(r.err, /--yes/);
    assert.deepEqual(snapshot(dir), before);
    const ok = await cli(["uninstall", "--json", "--yes"], { cwd: dir, env });
    assert.equal(ok.code, 0);
    const report = JSON.parse(ok.out);
    assert.ok(
      report.files.some(
        (f: { path: string; action: string }) => f.path === "opencode.json" && f.action === "delete",
      ),
    );
  });

  test("on a terminal it asks (default no); --dry-run changes nothing", async () => {
    const { dir, env } = project();
    await cli(["init", "--yes"], { cwd: dir, env });
    const before = snapshot(dir);
    assert.equal((await cli(["uninstall", "--dry-run"], { cwd: dir, env })).code, 0);
    const r = await cli(["uninstall"], { cwd: dir, env, tty: true, answer: false });
    assert.equal(r.code, 1);
    assert.equal(r.asked.length, 1);
    assert.deepEqual(snapshot(dir), before);
  });

  test("without a manifest there is nothing to remove, and it says how to proceed", async () => {
    const { dir, env } = project({ "opencode.json": '{"plugin": ["atreides-opencode"]}' });
    const r = await cli(["uninstall", "--yes"], { cwd: dir, env });
    assert.equal(r.code, 1);
    assert.match(r.err, /no Atreides manifest/);
    assert.equal(read(join(dir, "opencode.json")), '{"plugin": ["atreides-opencode"]}');
  });
});
