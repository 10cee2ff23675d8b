/**
 * Reports redaction cost on ordinary inputs (no timing assertions: the machine is noisy). The
 * original filter took ~30 µs per 2 KiB and 1.04 ms per 50 KiB (perf-facts.md).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileRedactor, redactJsonLine, redactText } from "../../../src/shared/redact/index.js";

const r = compileRedactor({ homeDir: "/home/jdoe" }).redactor;

const record = {
  level: 30,
  time: 1732000000000,
  msg: "tool.after",
  sessionID: "ses_01HZX3K4M5N6P7Q8R9S0T1",
  event: "tool.after",
  data: {
    tool: "bash",
    callID: "call_abc123",
    args: { command: "npm test -- --reporter=dot", cwd: "/home/jdoe/projects/app" },
    output:
      "> app@1.0.0 test\n> node --test\n\n✔ parses config (1.2ms)\n✔ redacts emails (0.8ms)\nℹ tests 42\nℹ pass 42\nℹ fail 0\nℹ duration_ms 1234.5\n".repeat(
        5,
      ),
  },
};
const kLogLine = JSON.stringify(record).slice(0, 1024);

const kToolLines = [
  "src/shared/redact/rules.ts:42:7 - warning: unused variable 'x'",
  "    at Object.<anonymous> (/app/node_modules/lib/index.js:10:15)",
  "GET /api/users 200 12.345 ms - 1024",
  "2024-01-15T10:30:00.123Z INFO server listening on :8080",
  "✔ test case number 17 passed (3.2ms)",
  "+  const value = computeTotal(items, 42);",
  "commit 3f786850e387550fdab836ed7e6dc881de23001b",
  '{"name":"app","version":"1.2.3","dependencies":{"zod":"^3.23.8"}}',
];
function toolOutput(size: number): string {
  let s = "";
  for (let i = 0; s.length < size; i++) s += `${kToolLines[i % kToolLines.length]}\n`;
  return s.slice(0, size);
}

/** Fastest batch, in µs per call: on a shared, noisy machine the minimum is the stable estimate. */
function measure(fn: () => unknown, perBatch: number): number {
  for (let i = 0; i < perBatch; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let b = 0; b < 9; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / perBatch);
  }
  return best;
}

test("redaction cost on ordinary inputs (reported, not asserted)", () => {
  const tool = toolOutput(50 * 1024);
  const fullLine = JSON.stringify(record);
  // Ordinary inputs come back unchanged except the home directory.
  assert.equal(redactText(r, tool), tool);
  assert.ok(redactJsonLine(r, fullLine).includes('"cwd":"~/projects/app"'));
  const line = measure(() => redactText(r, kLogLine), 2000);
  const json = measure(() => redactJsonLine(r, fullLine), 2000);
  const big = measure(() => redactText(r, tool), 20);
  console.log(
    `redaction perf: redactText 1 KiB log line ${line.toFixed(1)} µs, redactJsonLine ${fullLine.length} B record ${json.toFixed(1)} µs, redactText 50 KiB tool output ${big.toFixed(0)} µs (original: ~15 µs/KiB, 1040 µs/50 KiB)`,
  );
});
