import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ERROR_CATEGORIES, RECOVERY } from "../../../src/shared/scan/index.js";

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
