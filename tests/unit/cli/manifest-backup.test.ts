// The manifest is untrusted input: paths must stay inside the root. Backups are pruned to the newest 5,
// and pruning never touches anything it did not create.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { BACKUPS_KEPT, createBackup, pruneBackups } from "../../../src/cli/init/backup.js";
import { isInside, readManifest } from "../../../src/cli/init/manifest.js";
import { CliError } from "../../../src/cli/io.js";
import { tempDir, writeTree } from "./helpers.js";

describe("manifest", () => {
  test("isInside rejects traversal, absolute paths, backslashes and NUL", () => {
    const root = "/p";
    for (const bad of ["../x", "a/../../x", "/etc/passwd", "a\\b", "a\0b", "..", ".", ""])
      assert.equal(isInside(root, bad), false, bad);
    for (const ok of ["AGENTS.md", ".opencode/agent/x.md", "a/./b"])
      assert.equal(isInside(root, ok), true, ok);
  });

  test("a manifest pointing outside the project is refused", () => {
    const root = tempDir("mf");
    const entry = {
      path: "../outside.txt",
      kind: "agent",
      origin: "created",
      sha256: "0".repeat(64),
      writtenAt: "x",
    };
    writeTree(root, {
      "m.json": JSON.stringify({
        kind: "atreides-manifest",
        v: 1,
        packageVersion: "0",
        scope: "project",
        files: [entry],
      }),
    });
    assert.throws(
      () => readManifest(join(root, "m.json"), root),
      (e: Error) => e instanceof CliError && /outside/.test(e.message),
    );
  });

  test("garbage is refused with a hint; a missing manifest is null", () => {
    const root = tempDir("mf");
    writeTree(root, { "m.json": "{nope" });
    assert.throws(
      () => readManifest(join(root, "m.json"), root),
      (e: Error) => e instanceof CliError && e.hint !== undefined,
    );
    assert.equal(readManifest(join(root, "none.json"), root), null);
  });
});

describe("backups", () => {
  test("copies files under their relative paths with a backup.json; keeps the newest 5; leaves other dirs alone", () => {
    const root = tempDir("bk");
    writeTree(root, {
      "AGENTS.md": "mine\n",
      ".opencode/agent/a.md": "A",
      ".atreides-backup/notes-by-user/keep.txt": "k",
    });
    const backupRoot = join(root, ".atreides-backup");
    const made: string[] = [];
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      const r = createBackup(
        root,
        backupRoot,
        [join(root, "AGENTS.md"), join(root, ".opencode/agent/a.md"), join(root, "missing")],
        "test",
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      );
      assert.ok(r);
      made.push(r.dir);
      assert.deepEqual(r.files, ["AGENTS.md", ".opencode/agent/a.md"]);
      assert.equal(readFileSync(join(r.dir, ".opencode/agent/a.md"), "utf8"), "A");
      pruneBackups(backupRoot);
    }
    const left = readdirSync(backupRoot).sort();
    assert.equal(left.length, BACKUPS_KEPT + 1, "5 backups + the user's own dir");
    assert.ok(existsSync(join(backupRoot, "notes-by-user", "keep.txt")));
    assert.ok(!existsSync(made[0]!) && !existsSync(made[1]!) && existsSync(made[made.length - 1]!));
  });

  test("nothing to back up: no directory is created", () => {
    const root = tempDir("bk");
    assert.equal(createBackup(root, join(root, ".atreides-backup"), [join(root, "nope")], "test"), null);
    assert.ok(!existsSync(join(root, ".atreides-backup")));
  });
});
