import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { capChars, utf8Bytes } from "../../../src/shared/prompt/index.js";

describe("prompt text helpers", () => {
  it("capChars cuts with an ellipsis and never splits a surrogate pair", () => {
    assert.equal(capChars("abcdef", 10), "abcdef");
    assert.equal(capChars("abcdef", 4), "abc…");
    const cut = capChars("a😀😀😀", 3);
    assert.ok(cut.length <= 3);
    assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])/);
  });
  it("utf8Bytes matches Buffer.byteLength", () => {
    for (const s of ["", "abc", "é", "界", "😀", "a😀b界\u0000", "\ud800x"]) {
      assert.equal(utf8Bytes(s), Buffer.byteLength(s, "utf8"), JSON.stringify(s));
    }
  });
});
