import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DEFAULT_SCAN_OPTIONS,
  ERROR_CATEGORIES,
  RECOVERY,
  resolveScanOptions,
} from "../../../src/shared/scan/index.js";

describe("RECOVERY", () => {
  it("has a title and 3–4 distinct suggestions for every category, and nothing else", () => {
    assert.deepEqual(Object.keys(RECOVERY).sort(), [...ERROR_CATEGORIES].sort());
    for (const c of ERROR_CATEGORIES) {
      const a = RECOVERY[c];
      assert.ok(a.title.length > 3, c);
      assert.ok(a.suggestions.length >= 3 && a.suggestions.length <= 4, c);
      assert.equal(new Set(a.suggestions).size, a.suggestions.length, c);
      for (const s of a.suggestions) assert.ok(s.length > 10 && s.length < 160, `${c}: ${s}`);
    }
  });

  it("is frozen", () => {
    assert.ok(Object.isFrozen(RECOVERY));
    assert.ok(Object.isFrozen(RECOVERY.test.suggestions));
  });
});

describe("resolveScanOptions", () => {
  it("uses defaults when nothing is given", () => {
    assert.deepEqual(resolveScanOptions(undefined, "test"), { options: DEFAULT_SCAN_OPTIONS, issues: [] });
  });

  it("accepts valid values", () => {
    const r = resolveScanOptions({ headBytes: 1024, tailBytes: 0, excerptChars: 120 }, "test");
    assert.deepEqual(r.options, { headBytes: 1024, tailBytes: 0, excerptChars: 120 });
    assert.deepEqual(r.issues, []);
  });

  it("reports bad values as issues and keeps the defaults for them", () => {
    const r = resolveScanOptions(
      { headBytes: -1, tailBytes: "big", excerptChars: 1.5 },
      "atreides.json",
      "recovery.scan",
    );
    assert.deepEqual(r.options, DEFAULT_SCAN_OPTIONS);
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ["recovery.scan.headBytes", "recovery.scan.tailBytes", "recovery.scan.excerptChars"],
    );
    assert.equal(r.issues[0]!.source, "atreides.json");
    assert.equal(r.issues[0]!.received, "-1");
  });

  it("reports a non-object", () => {
    const r = resolveScanOptions([1], "test");
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0]!.path, "scan");
  });
});
