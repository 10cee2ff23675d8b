// AGENTS.md: found once by walking up, then re-checked with one stat per call — no re-walk.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { agentsMdNote } from "../../../src/main/features/agents-md.js";

test("finds AGENTS.md up the tree, caches the path, notices removal", () => {
  const root = mkdtempSync(join(tmpdir(), "atreides-agents-"));
  try {
    const deep = join(root, "a", "b");
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, "AGENTS.md"), "# rules");
    const note = agentsMdNote(deep, root);
    const fp1 = note.fingerprint();
    assert.match(fp1, /AGENTS\.md/);
    assert.equal(note.fingerprint(), fp1, "stable while unchanged");
    assert.match(note.text(), /AGENTS\.md is loaded by OpenCode/);
    unlinkSync(join(root, "AGENTS.md"));
    assert.equal(note.fingerprint(), "agents:none");
    assert.equal(note.text(), "");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
