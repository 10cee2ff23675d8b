// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, where ${…} is shell syntax.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  cacheKeyFor,
  evaluateCommand,
  evaluatePath,
  evaluateToolCall,
  type SecurityVerdict,
} from "../../../src/shared/security/index.js";
import { policy } from "./helpers.js";

/**
 * Hostile input must finish fast and never throw. The time bound is a generous safety net (the
 * machine is noisy): quadratic work on these inputs would take seconds to minutes.
 */
const LIMIT_MS = 500;
const KIB = 1024;
const p = policy();

function timed(fn: () => SecurityVerdict): { v: SecurityVerdict; ms: number } {
  const t0 = process.hrtime.bigint();
  const v = fn();
  return { v, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function validVerdict(v: SecurityVerdict): void {
  assert.ok(v.action === "allow" || v.action === "ask" || v.action === "deny");
  assert.ok(v.reason.length > 0 && v.reason.length <= 200 && !/[\n\r]/.test(v.reason));
  assert.ok(v.subject.length <= 200 && !/[\n\r]/.test(v.subject));
}

describe("adversarial inputs", () => {
  const cases: [string, () => string, "deny" | null][] = [
    ["100 KiB of quotes, backslashes and $(", () => `'"\\$(`.repeat((100 * KIB) / 5), "deny"],
    [
      "60 KiB of quotes, backslashes and $( (under the length cap)",
      () => `'"\\$(`.repeat((60 * KIB) / 5),
      null,
    ],
    ["60 KiB of unbalanced double quotes", () => `"a`.repeat(30 * KIB), null],
    ["60 KiB of backslash-newline", () => "\\\n".repeat(30 * KIB), null],
    ["$( nested 1000 levels", () => `${"$(".repeat(1000)}rm -rf /${")".repeat(1000)}`, "deny"],
    ["backticks nested 1000 levels", () => `${"`echo ".repeat(1000)}x`, null],
    ["braces {a,b} 60 KiB", () => "echo " + "{a,b}".repeat(12 * KIB), null],
    ["${ 60 KiB without closing", () => "echo " + "${".repeat(30 * KIB), null],
    [
      "50 KiB base64 piped to sh",
      () => `echo ${Buffer.from("A".repeat(37 * KIB)).toString("base64")} | base64 -d | sh`,
      null,
    ],
    [
      "50 KiB random base64 with decoder hints",
      () => `echo ${Buffer.alloc(37 * KIB, 7).toString("base64")} | base64 -d | bash`,
      null,
    ],
    [
      "nested base64 layers",
      () => {
        let cmd = "rm -rf /";
        for (let i = 0; i < 6; i++) cmd = `echo ${Buffer.from(cmd).toString("base64")} | base64 -d | sh`;
        return cmd;
      },
      "deny",
    ],
    ["4000 pipes", () => "a|".repeat(4000), null],
    ["8000 simple commands", () => "true;".repeat(8000), "deny"],
    ["60 KiB of '()' fork-bomb look-alikes", () => "f(){ f|f& };".repeat(5 * KIB), "deny"],
    ["60 KiB heredoc body", () => `cat <<EOF\n${"$(x) `y` ${z}\n".repeat(4 * KIB)}EOF`, null],
    ["60 KiB %xx and \\x escapes", () => "%25%2572\\x72\\u0072".repeat(3 * KIB), null],
    ["60 KiB homoglyphs", () => "rм ".repeat(20 * KIB), null],
    ["60 KiB inline python", () => `python3 -c "${"os.system('ls'); ".repeat(3 * KIB)}"`, null],
  ];
  for (const [name, make, expected] of cases) {
    it(`${name}: fast, no throw${expected ? `, ${expected}` : ""}`, () => {
      const input = make();
      const { v, ms } = timed(() => evaluateCommand(p, input));
      validVerdict(v);
      if (expected) assert.equal(v.action, expected, v.reason);
      assert.ok(ms < LIMIT_MS, `${name}: ${ms.toFixed(1)} ms`);
    });
  }

  it("reports the byte count of a command that is too long", () => {
    const v = evaluateCommand(p, `echo ${"é".repeat(40 * KIB)}`);
    assert.equal(v.rule, "command-too-long");
    assert.match(v.reason, /81925 bytes > 65536/);
  });

  it("long paths and patches finish fast", () => {
    const longPath = `${"../".repeat(20 * KIB)}etc/shadow`;
    const a = timed(() => evaluatePath(p, longPath, "read"));
    assert.equal(a.v.rule, "system-secrets");
    assert.ok(a.ms < LIMIT_MS);
    const patchText = "*** Update File: src/x.ts\n".repeat(20 * KIB);
    const b = timed(() => evaluateToolCall(p, "patch", { patchText }));
    assert.equal(b.v.action, "allow");
    assert.ok(b.ms < LIMIT_MS);
  });
});

describe("never throws (property-based)", () => {
  const shellish = fc.string({
    unit: fc.constantFrom(..."rm -f/~$(){}[]'\"`\\|&;<>*?!#=%x0\n\tм".split("")),
    maxLength: 200,
  });
  it("evaluateCommand on arbitrary text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), shellish), (s) => {
        validVerdict(evaluateCommand(p, s));
      }),
      { numRuns: 400 },
    );
  });
  it("evaluatePath and evaluateToolCall on arbitrary values", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.anything(),
        fc.constantFrom("bash", "read", "write", "patch", "glob", "grep", "multiedit", "list", "zzz"),
        (s, args, tool) => {
          validVerdict(evaluatePath(p, s, "write"));
          validVerdict(evaluateToolCall(p, tool, args));
          const key = cacheKeyFor(tool, args);
          assert.ok(key === null || typeof key === "string");
        },
      ),
      { numRuns: 300 },
    );
  });
  it("non-string input does not throw", () => {
    validVerdict(evaluateCommand(p, undefined as unknown as string));
    validVerdict(evaluatePath(p, { toString: null } as unknown as string, "read"));
  });
});
