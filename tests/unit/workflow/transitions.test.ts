import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  canTransition,
  nextPhase,
  PHASES,
  type Phase,
  phaseForTool,
  TRANSITIONS,
} from "../../../src/shared/workflow/index.js";

describe("nextPhase: transition table", () => {
  it("fixes the original dead ends", () => {
    assert.equal(nextPhase("intent", "implementation"), "implementation");
    assert.equal(nextPhase("intent", "verification"), "verification");
    assert.equal(nextPhase("intent", "assessment"), "assessment");
    assert.equal(nextPhase("exploration", "verification"), "verification");
  });
  it("lets verification loop back", () => {
    assert.equal(nextPhase("verification", "implementation"), "implementation");
    assert.equal(nextPhase("verification", "exploration"), "exploration");
    assert.equal(nextPhase("verification", "intent"), "intent");
    assert.equal(nextPhase("verification", "idle"), "idle");
  });
  it("refuses moves back to intent or idle from the middle of the work", () => {
    for (const from of ["assessment", "exploration", "implementation"] as const) {
      assert.equal(nextPhase(from, "intent"), from);
      assert.equal(nextPhase(from, "idle"), from);
    }
    assert.equal(nextPhase("intent", "idle"), "intent");
    assert.equal(nextPhase("implementation", "assessment"), "implementation");
  });
  it("keeps the phase for null and for the same phase", () => {
    for (const p of PHASES) {
      assert.equal(nextPhase(p, null), p);
      assert.equal(nextPhase(p, p), p);
      assert.ok(canTransition(p, p));
    }
  });
  it("leaves idle for any working phase, and every working phase has a way forward", () => {
    for (const p of PHASES) if (p !== "idle") assert.equal(nextPhase("idle", p), p);
    for (const p of PHASES) assert.ok(TRANSITIONS[p].length > 0, `${p} is a dead end`);
  });
  it("every phase can reach verification and verification can reach every phase again", () => {
    const reach = (from: Phase): Set<Phase> => {
      const seen = new Set<Phase>([from]);
      const queue = [from];
      while (queue.length > 0) {
        for (const n of TRANSITIONS[queue.shift()!]) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      return seen;
    };
    for (const p of PHASES) assert.ok(reach(p).has("verification"), p);
    assert.equal(reach("verification").size, PHASES.length);
  });
});

describe("phaseForTool", () => {
  it("maps OpenCode's read tools to exploration, except while implementing or verifying", () => {
    for (const tool of ["read", "grep", "glob", "list", "webfetch", "codesearch", "Read"]) {
      assert.equal(phaseForTool(tool, {}, "intent"), "exploration", tool);
      assert.equal(phaseForTool(tool, {}, "implementation"), null, tool);
      assert.equal(phaseForTool(tool, {}, "verification"), null, tool);
    }
  });
  it("maps edit tools to implementation", () => {
    for (const tool of ["edit", "write", "patch", "apply_patch", "multiedit"]) {
      assert.equal(phaseForTool(tool, {}, "exploration"), "implementation", tool);
    }
  });
  it("maps todowrite to assessment only at the start", () => {
    assert.equal(phaseForTool("todowrite", {}, "intent"), "assessment");
    assert.equal(phaseForTool("todowrite", {}, "idle"), "assessment");
    assert.equal(phaseForTool("todowrite", {}, "implementation"), null);
  });
  it("maps task (subagent) to exploration before work starts, else keeps the phase", () => {
    assert.equal(phaseForTool("task", { subagent_type: "explore" }, "intent"), "exploration");
    assert.equal(phaseForTool("task", {}, "assessment"), "exploration");
    assert.equal(phaseForTool("task", {}, "implementation"), null);
  });
  it("maps bash via classifyCommand", () => {
    assert.equal(phaseForTool("bash", { command: "npm test" }, "implementation"), "verification");
    assert.equal(phaseForTool("bash", { command: "tsc --noEmit" }, "exploration"), "verification");
    assert.equal(
      phaseForTool("bash", { command: 'git commit -m "add test"' }, "verification"),
      "implementation",
    );
    assert.equal(phaseForTool("bash", { command: "npm install zod" }, "intent"), "implementation");
    assert.equal(phaseForTool("bash", { command: "git status" }, "intent"), "exploration");
    assert.equal(phaseForTool("bash", { command: "ls" }, "implementation"), null);
    assert.equal(phaseForTool("bash", { command: "cd src" }, "intent"), null);
    assert.equal(phaseForTool("bash", "pytest", "intent"), "verification");
    assert.equal(phaseForTool("bash", { cmd: "cargo test" }, "intent"), "verification");
    assert.equal(phaseForTool("bash", null, "intent"), null);
  });
  it("suggests nothing for unknown tools", () => {
    assert.equal(phaseForTool("question", {}, "intent"), null);
    assert.equal(phaseForTool("mcp_custom", {}, "idle"), null);
  });
  it("an edit right after the first message now reaches implementation", () => {
    const phase = nextPhase("intent", phaseForTool("edit", {}, "intent"));
    assert.equal(phase, "implementation");
  });
});
