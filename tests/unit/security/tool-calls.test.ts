import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { patchPaths } from "../../../src/shared/security/extract.js";
import { cacheKeyFor, evaluateToolCall } from "../../../src/shared/security/index.js";
import { policy } from "./helpers.js";

const p = policy();

describe("tool routing", () => {
  it("judges bash commands and their workdir", () => {
    assert.equal(evaluateToolCall(p, "bash", { command: "rm -rf /", description: "x" }).action, "deny");
    assert.equal(
      evaluateToolCall(p, "bash", { command: "ls", workdir: "/home/tester/project" }).action,
      "allow",
    );
    // Relative paths resolve in the workdir: a harmless-looking cat becomes a key read.
    const v = evaluateToolCall(p, "bash", { command: "cat id_rsa", workdir: "~/.ssh" });
    assert.equal(v.rule, "ssh-private-key");
    // rm -rf * in the home directory.
    assert.equal(
      evaluateToolCall(p, "bash", { command: "rm -rf *", workdir: "/home/tester" }).rule,
      "rm-home",
    );
  });
  it("judges every path-like argument, not only the first", () => {
    const v = evaluateToolCall(p, "multiedit", {
      filePath: "src/a.ts",
      edits: [
        { filePath: "src/a.ts", oldString: "a", newString: "b" },
        { filePath: "/etc/sudoers", oldString: "", newString: "x" },
      ],
    });
    assert.equal(v.action, "deny");
    assert.equal(v.subject, "/etc/sudoers");
  });
  it("never judges a grep pattern as a path", () => {
    assert.equal(evaluateToolCall(p, "grep", { pattern: "~/.ssh/id_rsa" }).action, "allow");
    assert.equal(evaluateToolCall(p, "grep", { pattern: "../../etc/shadow", path: "src" }).action, "allow");
    assert.equal(evaluateToolCall(p, "grep", { pattern: "x", path: "~/.ssh" }).action, "deny");
    assert.equal(
      evaluateToolCall(p, "grep", { pattern: "x", path: "/home/tester", include: "id_rsa" }).action,
      "deny",
    );
  });
  it("judges glob patterns only for sensitive targets", () => {
    assert.equal(evaluateToolCall(p, "glob", { pattern: "**/*.{ts,tsx}" }).action, "allow");
    assert.equal(evaluateToolCall(p, "glob", { pattern: "**/.ssh/**", path: "/home/tester" }).action, "deny");
    assert.equal(evaluateToolCall(p, "glob", { pattern: "*", path: "~/.aws" }).action, "deny");
  });
  it("judges read, write, edit and list", () => {
    assert.equal(evaluateToolCall(p, "read", { filePath: "~/.aws/credentials" }).action, "deny");
    assert.equal(evaluateToolCall(p, "write", { filePath: "src/x.ts", content: "rm -rf /" }).action, "allow");
    assert.equal(
      evaluateToolCall(p, "edit", { filePath: "/etc/passwd", oldString: "a", newString: "b" }).action,
      "deny",
    );
    assert.equal(evaluateToolCall(p, "list", { path: "/home/tester/.ssh" }).action, "allow");
  });
  it("allows unknown tools and malformed arguments with an empty subject", () => {
    const v = evaluateToolCall(p, "webfetch", { url: "file:///home/tester/.ssh/id_rsa" });
    assert.deepEqual([v.action, v.subject], ["allow", ""]);
    assert.equal(evaluateToolCall(p, "read", null).action, "allow");
    assert.equal(evaluateToolCall(p, "bash", { command: 42 }).action, "allow");
  });
});

describe("patch paths", () => {
  it("extracts apply_patch headers, moves and unified/git diff headers", () => {
    const text = [
      "*** Begin Patch",
      "*** Add File: src/new.ts",
      "*** Update File: src/a.ts",
      "*** Move to: src/b.ts",
      "*** Delete File: old.ts",
      "*** End Patch",
      "diff --git a/x.ts b/y.ts",
      "rename from x.ts",
      "rename to y.ts",
      "--- a/x.ts",
      "+++ b/y.ts",
      "--- /dev/null",
      "+++ b/z.ts",
      "+a line starting with +++ is content only when not a header",
    ].join("\n");
    assert.deepEqual(patchPaths(text), [
      "src/new.ts",
      "src/a.ts",
      "src/b.ts",
      "old.ts",
      "x.ts",
      "y.ts",
      "z.ts",
    ]);
  });
  it("judges a patch that touches a secret anywhere in it", () => {
    const patchText = "*** Begin Patch\n*** Update File: src/a.ts\n*** Update File: .env\n*** End Patch";
    assert.equal(evaluateToolCall(p, "apply_patch", { patchText }).rule, "dotenv-file");
  });
});

describe("cacheKeyFor", () => {
  it("is stable and covers exactly the judged fields", () => {
    const a = cacheKeyFor("write", { filePath: "src/x.ts", content: "one" });
    const b = cacheKeyFor("write", { filePath: "src/x.ts", content: "two" });
    assert.equal(a, b);
    assert.notEqual(a, cacheKeyFor("read", { filePath: "src/x.ts" }));
    assert.notEqual(
      cacheKeyFor("bash", { command: "ls", workdir: "/a" }),
      cacheKeyFor("bash", { command: "ls", workdir: "/b" }),
    );
    assert.equal(
      cacheKeyFor("bash", { command: "ls", description: "a" }),
      cacheKeyFor("bash", { command: "ls", description: "b" }),
    );
    assert.equal(
      cacheKeyFor("grep", { pattern: "a", path: "src" }),
      cacheKeyFor("grep", { pattern: "b", path: "src" }),
    );
  });
  it("is null for unknown tools and when nothing is judged", () => {
    assert.equal(cacheKeyFor("webfetch", { url: "x" }), null);
    assert.equal(cacheKeyFor("read", {}), null);
    assert.equal(cacheKeyFor("grep", { pattern: "x" }), null);
  });
  it("does not mix up two commands that differ only after a separator", () => {
    assert.notEqual(
      cacheKeyFor("bash", { command: "a\u0000b" }),
      cacheKeyFor("bash", { command: "a", workdir: "b" }),
    );
  });
});
