// opencode.json(c) edits: one inserted span, every other byte as the user wrote it; removal inverts it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  applyEdits,
  isAtreidesSpec,
  JsoncError,
  parseOpencodeConfig,
  pluginInsertEdit,
  pluginRemoveEdits,
} from "../../../src/cli/init/jsonc-edit.js";

const SPEC = "atreides-opencode";

function add(text: string): { out: string; offset: number; inserted: string } {
  const edit = pluginInsertEdit(text, parseOpencodeConfig(text, "f"), SPEC, "f");
  return { out: applyEdits(text, [edit]), offset: edit.offset, inserted: edit.content };
}

function remove(text: string): string {
  const parsed = parseOpencodeConfig(text, "f");
  const entry = parsed.entries.find((e) => e.spec === SPEC);
  assert.ok(entry, "entry present");
  return applyEdits(text, pluginRemoveEdits(text, parsed, entry));
}

/** Only one span was inserted: prefix and suffix of the original are byte-identical in the result. */
function assertOnlyInserted(before: string, r: { out: string; offset: number; inserted: string }): void {
  assert.equal(r.out.slice(0, r.offset), before.slice(0, r.offset));
  assert.equal(r.out.slice(r.offset + r.inserted.length), before.slice(r.offset));
  assert.equal(r.out.length, before.length + r.inserted.length);
}

const CASES: Record<string, string> = {
  "multi-line array with comments and a tuple": `{
  // my settings
  "$schema": "https://opencode.ai/config.json",
  "theme": "dark", /* inline */
  "plugin": [
    "other-plugin", // keep me
    ["x", {"a": 1}]
  ]
}
`,
  "inline array": `{"plugin": ["a", "b"], "theme": "x"}`,
  "trailing comma": `{
\t"plugin": [
\t\t"a",
\t],
}
`,
  "empty inline array": `{ "plugin": [] }`,
  "empty multi-line array": `{
  "plugin": [
  ]
}`,
  "no plugin key": `{
  // c
  "theme": "dark"
}
`,
  "empty object": `{}`,
  "empty multi-line object": `{
}
`,
  CRLF: `{\r\n  "plugin": [\r\n    "a"\r\n  ]\r\n}\r\n`,
};

describe("pluginInsertEdit", () => {
  for (const [name, text] of Object.entries(CASES)) {
    test(`${name}: adds exactly one entry and keeps every other byte; removal undoes it`, () => {
      const r = add(text);
      assertOnlyInserted(text, r);
      const before = parseOpencodeConfig(text, "f").entries.map((e) => e.spec);
      const after = parseOpencodeConfig(r.out, "f").entries.map((e) => e.spec);
      assert.deepEqual(after, [...before, SPEC]);
      const removed = remove(r.out);
      if (text.includes('"plugin"')) {
        // The structural removal (uninstall's fallback when the file changed since) gives the original back.
        assert.equal(removed, text);
      } else {
        // init created the key: the structural fallback leaves an empty list (the exact inverse removes the key).
        assert.deepEqual(parseOpencodeConfig(removed, "f").entries, []);
      }
    });
  }

  test("multi-line: the new entry goes on its own line at the siblings' indentation", () => {
    const r = add(CASES["multi-line array with comments and a tuple"]!);
    assert.match(r.out, /\["x", \{"a": 1\}\],\n {4}"atreides-opencode"\n {2}\]/);
    assert.ok(r.out.includes('"other-plugin", // keep me\n'));
  });

  test("CRLF files get CRLF", () => {
    const r = add(CASES.CRLF!);
    assert.ok(!r.out.replaceAll("\r\n", "").includes("\n"), "no bare LF");
  });

  test('"plugin" that is not an array is refused with a fix', () => {
    assert.throws(
      () => add(`{"plugin": "x"}`),
      (e: Error) => e instanceof JsoncError && /not an array/.test(e.message),
    );
  });

  test("invalid JSONC is refused with the line and column", () => {
    assert.throws(
      () => parseOpencodeConfig(`{\n  "plugin": [\n    "a" "b"\n  ]\n}`, "opencode.json"),
      (e: Error) => e instanceof JsoncError && /opencode\.json: invalid JSONC .* at line 3/.test(e.message),
    );
  });
});

describe("pluginRemoveEdits", () => {
  test("first of several: the next entry moves up, comments stay", () => {
    const text = `{\n  "plugin": [\n    "atreides-opencode", // ours\n    "b"\n  ]\n}`;
    assert.equal(remove(text), `{\n  "plugin": [\n    // ours\n    "b"\n  ]\n}`);
  });

  test("middle entry after a commented sibling: the sibling's comment stays", () => {
    const text = `{\n  "plugin": [\n    "a", // note about a\n    "atreides-opencode",\n    "c"\n  ]\n}`;
    const out = remove(text);
    assert.ok(out.includes("// note about a"));
    assert.deepEqual(
      parseOpencodeConfig(out, "f").entries.map((e) => e.spec),
      ["a", "c"],
    );
  });

  test("tuple entry", () => {
    const text = `{"plugin": ["a", ["atreides-opencode", {"offload": {"poolSize": 0}}]]}`;
    assert.equal(remove(text), `{"plugin": ["a"]}`);
  });
});

describe("isAtreidesSpec", () => {
  test("npm names, versions, scopes, local builds", () => {
    for (const s of [
      "atreides-opencode",
      "atreides-opencode@0.1.0",
      "atreides-opencode@latest",
      "@me/atreides-opencode",
      "file:///home/me/src/atreides-opencode",
      "file:///home/me/src/atreides-opencode/dist/index.js",
      "./vendor/atreides/index.js",
      "file:///tmp/x/atreides-fake/index.mjs",
    ]) {
      assert.equal(isAtreidesSpec(s), true, s);
    }
  });
  test("a local build under any directory name, recognised by its package.json name", () => {
    const root = fileURLToPath(new URL("../../../../", import.meta.url)); // this repository
    assert.equal(isAtreidesSpec(pathToFileURL(root).href), true, "the package directory");
    assert.equal(isAtreidesSpec(pathToFileURL(`${root}dist/index.js`).href), true, "its built entry");
    const other = mkdtempSync(join(tmpdir(), "plugin-"));
    try {
      writeFileSync(join(other, "package.json"), JSON.stringify({ name: "some-other-plugin" }));
      assert.equal(isAtreidesSpec(pathToFileURL(other).href), false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
  test("other plugins, even under a directory that mentions atreides higher up", () => {
    for (const s of [
      "other-plugin",
      "opencode-atreides-theme-x@1", // an npm name that merely contains the word
      "file:///home/me/atreides-work/project/plugins/x.mjs",
      "https://example.com/atreides-opencode",
    ]) {
      assert.equal(isAtreidesSpec(s), false, s);
    }
  });
});
