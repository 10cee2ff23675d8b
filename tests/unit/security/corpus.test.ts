import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RULES } from "../../../src/shared/security/index.js";
import { type CorpusCase, judge, policy, readCorpus, short } from "./helpers.js";

/**
 * The three corpora: must-block (100 % deny), must-ask (ask or deny), must-allow (0 false blocks,
 * not even an "ask", because the host treats "ask" as a block by default). Each deny and ask rule
 * in the catalogue must be exercised, so a rule nobody tests cannot hide.
 */

// Rules covered by dedicated unit tests rather than the corpora (they need config or huge input).
const NOT_IN_CORPUS = new Set([
  "command-too-long",
  "validator-error",
  "user-blocked-command",
  "user-blocked-file",
  "user-ask-command",
]);

function run(name: string) {
  const p = policy();
  return readCorpus(name).map((c) => ({ c, v: judge(p, c) }));
}

function describeMiss(c: CorpusCase, action: string, rule: string | null, reason: string): string {
  return `line ${c.line}: ${short(c.text)} → ${action} (${rule ?? "no rule"}): ${short(reason, 140)}`;
}

describe("security corpora", () => {
  const block = run("must-block.txt");
  const ask = run("must-ask.txt");
  const allow = run("must-allow.txt");

  it("has the required corpus sizes", () => {
    assert.ok(block.length >= 150, `must-block has ${block.length} cases`);
    assert.ok(allow.length >= 150, `must-allow has ${allow.length} cases`);
    assert.ok(ask.length >= 50, `must-ask has ${ask.length} cases`);
  });

  it("denies 100 % of must-block", () => {
    const misses = block.filter(({ v }) => v.action !== "deny");
    assert.deepEqual(
      misses.map(({ c, v }) => describeMiss(c, v.action, v.rule, v.reason)),
      [],
    );
  });

  it("asks (or denies) for every must-ask case", () => {
    const misses = ask.filter(({ v }) => v.action === "allow");
    assert.deepEqual(
      misses.map(({ c, v }) => describeMiss(c, v.action, v.rule, v.reason)),
      [],
    );
  });

  it("allows every must-allow case (0 false blocks, 0 false asks)", () => {
    const misses = allow.filter(({ v }) => v.action !== "allow");
    assert.deepEqual(
      misses.map(({ c, v }) => describeMiss(c, v.action, v.rule, v.reason)),
      [],
    );
  });

  it("exercises every deny rule in must-block and every ask rule in must-ask", () => {
    const denied = new Set(block.map(({ v }) => v.rule));
    const asked = new Set(ask.map(({ v }) => v.rule));
    const missing: string[] = [];
    for (const [id, spec] of Object.entries(RULES)) {
      if (NOT_IN_CORPUS.has(id)) continue;
      if (spec.action === "deny" && !denied.has(id)) missing.push(`deny ${id}`);
      if (spec.action === "ask" && !asked.has(id)) missing.push(`ask ${id}`);
    }
    assert.deepEqual(missing, []);
  });

  it("prints the summary line", () => {
    const blocked = block.filter(({ v }) => v.action === "deny").length;
    const asked = ask.filter(({ v }) => v.action !== "allow").length;
    const allowed = allow.filter(({ v }) => v.action === "allow").length;
    console.log(
      `security corpus: must-block ${blocked}/${block.length} blocked, must-ask ${asked}/${ask.length} asked, must-allow ${allowed}/${allow.length} allowed`,
    );
    assert.equal(blocked + asked + allowed, block.length + ask.length + allow.length);
  });
});
