import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitShell } from "../../../src/shared/workflow/index.js";

const words = (cmd: string) => splitShell(cmd).map((s) => s.words);

describe("splitShell", () => {
  it("removes quotes and keeps quoted text as one word", () => {
    assert.deepEqual(words(`git commit -m "add test" -m 'b c'`), [
      ["git", "commit", "-m", "add test", "-m", "b c"],
    ]);
  });
  it("splits at && || ; | & newlines and parentheses", () => {
    assert.deepEqual(words("a && b || c; d | e & f\ng (h)"), [
      ["a"],
      ["b"],
      ["c"],
      ["d"],
      ["e"],
      ["f"],
      ["g"],
      ["h"],
    ]);
  });
  it("drops redirections and marks writes to real files", () => {
    const [seg] = splitShell("node x.js 2>&1 > out.txt");
    assert.deepEqual(seg?.words, ["node", "x.js"]);
    assert.equal(seg?.writesFile, true);
    const [quiet] = splitShell("node x.js > /dev/null 2>&1");
    assert.equal(quiet?.writesFile, false);
    const [both] = splitShell("make &> build.log");
    assert.equal(both?.writesFile, true);
  });
  it("handles escapes inside double quotes and line continuations", () => {
    assert.deepEqual(words(`echo "a \\"b\\" c" \\\n d`), [["echo", 'a "b" c', "d"]]);
  });
  it("ends an unterminated quote at end of input", () => {
    assert.deepEqual(words(`echo "open`), [["echo", "open"]]);
  });
});
