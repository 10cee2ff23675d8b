import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type Intent,
  MAX_GUIDANCE_CHARS,
  PHASES,
  phaseGuidance,
} from "../../../src/shared/workflow/index.js";

const INTENTS: readonly Intent[] = [
  "feature",
  "bugfix",
  "refactor",
  "exploration",
  "documentation",
  "test",
  "config",
  "unknown",
];

describe("phaseGuidance", () => {
  it("is empty for idle", () => {
    assert.equal(phaseGuidance("idle", "bugfix"), "");
  });
  it("is short, deterministic and names the phase for every working phase and intent", () => {
    for (const phase of PHASES) {
      if (phase === "idle") continue;
      for (const intent of INTENTS) {
        const text = phaseGuidance(phase, intent);
        assert.ok(text.length > 0 && text.length <= MAX_GUIDANCE_CHARS, `${phase}/${intent}: ${text.length}`);
        assert.ok(text.includes(`Phase: ${phase}.`));
        assert.equal(text, phaseGuidance(phase, intent));
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/);
      }
    }
  });
  it("adds an intent line only for a known intent", () => {
    assert.match(phaseGuidance("implementation", "bugfix"), /root cause/);
    assert.ok(
      phaseGuidance("implementation", "unknown").length < phaseGuidance("implementation", "bugfix").length,
    );
  });
});
