// AGENTS.md: the block goes between markers, the user's text is untouched, and removal is exact.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  END_MARKER,
  findSection,
  MarkerError,
  removeSection,
  START_MARKER,
  upsertSection,
} from "../../../src/cli/init/agents-md.js";

const BODY = "## Atreides\n\nRules.\n";

describe("AGENTS.md section", () => {
  const originals: Record<string, string | null> = {
    "missing file": null,
    "empty file": "",
    "ends with newline": "# Mine\n\nKeep this.\n",
    "no final newline": "# Mine\n\nKeep this.",
    "ends with a blank line": "# Mine\n\n",
    CRLF: "# Mine\r\n\r\nKeep this.\r\n",
  };
  for (const [name, original] of Object.entries(originals)) {
    test(`${name}: user text is a byte-identical prefix, removal gives the original back`, () => {
      const up = upsertSection(original, BODY, "AGENTS.md");
      const before = original ?? "";
      assert.ok(up.text.startsWith(before));
      assert.equal((up.text.match(new RegExp(START_MARKER, "g")) ?? []).length, 1);
      assert.ok(up.text.includes(END_MARKER));
      const removed = removeSection(up.text, up.separator, "AGENTS.md");
      assert.equal(removed, before);
    });
  }

  test("CRLF files get a CRLF block", () => {
    const up = upsertSection("# Mine\r\n", BODY, "AGENTS.md");
    assert.ok(!up.text.replaceAll("\r\n", "").includes("\n"));
  });

  test("an existing block is replaced in place; text after it stays", () => {
    const first = upsertSection("# Top\n", BODY, "AGENTS.md").text;
    const withTail = `${first}\n## Later, by the user\n`;
    const up = upsertSection(withTail, "## Atreides\n\nNew rules.\n", "AGENTS.md");
    assert.ok(up.replaced);
    assert.ok(up.text.startsWith("# Top\n"));
    assert.ok(up.text.endsWith("\n## Later, by the user\n"));
    assert.ok(up.text.includes("New rules.") && !up.text.includes("Rules.\n<!--"));
  });

  test("unbalanced or repeated markers are refused with instructions", () => {
    for (const bad of [
      `${START_MARKER}\nx\n`,
      `${END_MARKER}\n${START_MARKER}\n`,
      `${START_MARKER}${END_MARKER}${START_MARKER}${END_MARKER}`,
    ]) {
      assert.throws(
        () => findSection(bad, "AGENTS.md"),
        (e: Error) => e instanceof MarkerError && /fix them by hand/.test(e.message),
      );
    }
  });
});
