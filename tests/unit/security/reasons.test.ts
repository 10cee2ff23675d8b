import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RULES } from "../../../src/shared/security/index.js";
import { judge, policy, readCorpus, short } from "./helpers.js";

/**
 * Every verdict's reason is one line of at most 200 characters, shaped "<what> — <why>": the
 * what-part names the command, path or object judged, the why-part is the rule's catalogue text.
 */
describe("verdict reasons", () => {
  const p = policy();
  const all = ["must-block.txt", "must-ask.txt", "must-allow.txt"].flatMap((f) => readCorpus(f));

  it("are one line, ≤ 200 chars, and subjects are ≤ 200 chars", () => {
    for (const c of all) {
      const v = judge(p, c);
      assert.ok(v.reason.length > 0 && v.reason.length <= 200, `line ${c.line}: ${v.reason.length} chars`);
      assert.ok(!/[\n\r\u2028\u2029]/.test(v.reason), `line ${c.line}: multi-line reason`);
      assert.ok(v.subject.length <= 200 && !/[\n\r]/.test(v.subject), `line ${c.line}: bad subject`);
    }
  });

  it("name what was judged and why, for every ask and deny", () => {
    for (const c of all) {
      const v = judge(p, c);
      if (v.action === "allow") continue;
      const spec = (RULES as Record<string, { why: string }>)[v.rule ?? ""];
      assert.ok(spec, `line ${c.line}: unknown rule ${v.rule}`);
      const [what, why] = v.reason.split(" — ");
      assert.equal(why, spec.why, `line ${c.line}: ${short(v.reason)}`);
      assert.ok((what ?? "").trim().length >= 3, `line ${c.line}: no "what" in ${short(v.reason)}`);
    }
  });

  it("quote the offending path for path rules", () => {
    const v = judge(p, { line: 0, text: "", tool: "read", args: { filePath: "~/.ssh/id_rsa" } });
    assert.equal(
      v.reason,
      'reading "/home/tester/.ssh/id_rsa" — SSH keys and authorized_keys are off limits to the agent',
    );
    assert.equal(v.subject, "/home/tester/.ssh/id_rsa");
  });

  it("keep catalogue texts short enough to leave room for the what-part", () => {
    for (const [id, spec] of Object.entries(RULES)) {
      assert.ok(spec.why.length <= 90, `${id}: why is ${spec.why.length} chars`);
      assert.match(id, /^[a-z]+(?:-[a-z]+)*$/, `${id} is not kebab-case`);
    }
  });
});
