import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { windowText } from "../../../src/shared/scan/index.js";
import { cutUnits } from "../../../src/shared/scan/window.js";

describe("windowText", () => {
  it("returns short text unchanged", () => {
    assert.equal(windowText("hello", 3, 2), "hello");
    assert.equal(windowText("", 0, 0), "");
  });

  it("keeps head and tail and says how much was left out", () => {
    const text = `${"a".repeat(10)}${"m".repeat(100)}${"z".repeat(10)}`;
    assert.equal(windowText(text, 10, 10), `${"a".repeat(10)}\n…[100 chars omitted]…\n${"z".repeat(10)}`);
  });

  it("handles a zero head or tail", () => {
    assert.equal(windowText("abcdef", 0, 2), "\n…[4 chars omitted]…\nef");
    assert.equal(windowText("abcdef", 2, 0), "ab\n…[4 chars omitted]…\n");
  });

  it("treats bad sizes as zero", () => {
    assert.equal(windowText("abcdef", Number.NaN, -5), "\n…[6 chars omitted]…\n");
  });

  it("never splits a surrogate pair at either cut", () => {
    const text = `a😀${"m".repeat(20)}😀b`;
    const w = windowText(text, 2, 2);
    assert.doesNotMatch(w, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    assert.ok(w.startsWith("a\n…["));
    assert.ok(w.endsWith("\nb"));
  });

  it("is bounded by head + tail for huge text", () => {
    const big = "x".repeat(8 << 20);
    const w = windowText(big, 8192, 8192); // explicit sizes, not the defaults
    assert.ok(w.length < 8192 * 2 + 64);
  });
});

describe("cutUnits", () => {
  it("cuts without leaving half a pair", () => {
    assert.equal(cutUnits("ab😀", 3), "ab");
    assert.equal(cutUnits("ab😀", 4), "ab😀");
    assert.equal(cutUnits("abc", 0), "");
  });
});
