import assert from "node:assert/strict";
import { test } from "node:test";
import { compileRedactor, redactJsonLine, redactText } from "../../../src/shared/redact/index.js";

test("valid custom patterns are applied to every occurrence (flag g)", () => {
  const { redactor, issues } = compileRedactor({ customPatterns: ["ACME-[0-9]{6}"] });
  assert.deepEqual(issues, []);
  assert.equal(
    redactText(redactor, "ACME-123456 and ACME-654321, not ACME-12"),
    "[REDACTED:custom] and [REDACTED:custom], not ACME-12",
  );
});

test("a leading (?i) makes a custom pattern case-insensitive", () => {
  const { redactor, issues } = compileRedactor({ customPatterns: ["(?i)project-x"] });
  assert.deepEqual(issues, []);
  assert.equal(redactText(redactor, "Project-X and PROJECT-x"), "[REDACTED:custom] and [REDACTED:custom]");
});

test("unicode property escapes compile in unicode mode", () => {
  const { redactor, issues } = compileRedactor({ customPatterns: ["Kunde:\\s\\p{Lu}\\p{Ll}+"] });
  assert.deepEqual(issues, []);
  assert.equal(redactText(redactor, "Kunde: Öztürk bestellt"), "[REDACTED:custom] bestellt");
});

test("custom matches inside JSON lines keep the line valid", () => {
  const { redactor } = compileRedactor({ customPatterns: ['secret"quote', "x\\ny"] });
  const line = JSON.stringify({ msg: 'a secret"quote and x\ny' });
  const out = redactJsonLine(redactor, line);
  assert.deepEqual(JSON.parse(out), { msg: "a [REDACTED:custom] and [REDACTED:custom]" });
});

test("an invalid pattern becomes a ConfigIssue naming source, path, value and fix", () => {
  const { redactor, issues } = compileRedactor({
    customPatterns: ["ok-[0-9]+", "(unclosed"],
    source: ".opencode/atreides.jsonc",
  });
  assert.equal(issues.length, 1);
  const i = issues[0]!;
  assert.equal(i.source, ".opencode/atreides.jsonc");
  assert.equal(i.path, "logging.redact.customPatterns[1]");
  assert.equal(i.received, '"(unclosed"');
  assert.equal(i.expected, "a valid JavaScript regular expression");
  assert.match(i.fix, /syntax/i);
  // The valid pattern still applies.
  assert.equal(redactText(redactor, "ok-42 (unclosed"), "[REDACTED:custom] (unclosed");
});

test('the source defaults to "config"', () => {
  const { issues } = compileRedactor({ customPatterns: ["["] });
  assert.equal(issues[0]?.source, "config");
  assert.equal(issues[0]?.path, "logging.redact.customPatterns[0]");
});

test("catastrophic patterns are rejected with a rewrite suggestion", () => {
  const patterns = ["(a+)+", "(a|a)*", "(.*)*", "(\\w+\\s?)*"];
  const { redactor, issues } = compileRedactor({ customPatterns: patterns });
  assert.equal(issues.length, patterns.length);
  issues.forEach((i, k) => {
    assert.equal(i.path, `logging.redact.customPatterns[${k}]`);
    assert.equal(i.expected, "a regular expression without catastrophic backtracking");
    assert.match(i.fix, /character class/);
  });
  assert.equal(redactor.custom.length, 0);
  // Rejected patterns are not applied.
  assert.equal(redactText(redactor, "aaaa"), "aaaa");
});

test("patterns that match the empty string and non-strings are rejected", () => {
  const { redactor, issues } = compileRedactor({ customPatterns: ["x*", "", 42 as unknown as string] });
  assert.equal(issues.length, 3);
  assert.equal(issues[0]!.expected, "a regular expression that cannot match the empty string");
  assert.equal(issues[1]!.expected, "a valid JavaScript regular expression");
  assert.equal(issues[2]!.received, "42");
  assert.equal(redactor.custom.length, 0);
});

test("a custom pattern with zero-width matches never inserts tokens", () => {
  // \b matches the empty string only at word boundaries, so the empty-string check passes it.
  const { redactor, issues } = compileRedactor({ customPatterns: ["\\b(?=x)"] });
  assert.equal(issues.length, 0);
  assert.equal(redactText(redactor, "a x b"), "a x b");
});

test("custom patterns are compiled once: the same Redactor holds the same RegExp objects", () => {
  const { redactor } = compileRedactor({ customPatterns: ["ACME-[0-9]{6}"] });
  const before = redactor.custom[0];
  redactText(redactor, "ACME-123456");
  redactText(redactor, "ACME-654321");
  assert.equal(redactor.custom[0], before);
  assert.equal(before?.flags, "g");
});
