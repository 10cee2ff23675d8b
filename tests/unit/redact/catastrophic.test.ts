import assert from "node:assert/strict";
import { test } from "node:test";
import { isCatastrophicPattern } from "../../../src/shared/redact/index.js";

const kCatastrophic = [
  "(a+)+",
  "(a+)*b",
  "(a|a)*",
  "(a|ab)*c",
  "(.*)*",
  "(.+)+x",
  "(\\w+\\s?)*",
  "(\\w+\\s?)*$",
  "(x+x+)+y",
  "(\\w|\\d)+",
  "(?:a*)*",
  "([a-z]+)*$",
  "(\\d+[,.]?)+",
  "(?<n>a+)+",
  "(a{1,20}){2,}",
  "((ab)*)+",
  "(a)\\1*",
  "(a)\\1+",
  "((a)\\2)+",
  "(?<x>a)\\k<x>+",
  "\\w*\\w*\\w*",
  ".*.*.*=",
  "(?i)(A|a)+",
  "(?:[a-z0-9]+[-.]?)+@",
];

const kSafe = [
  "ACME-[0-9]{6}",
  "[A-Z]{3}-\\d{4}",
  "\\bsecret-[a-f0-9]{32}\\b",
  "(?:[a-z]+\\.)+com",
  "(?:foo|bar)+",
  "(ab)+",
  "(a|b)*",
  "\\d{3}-\\d{2}-\\d{4}",
  "internal-ticket-\\d+",
  "(?i)internal-ticket-\\d+",
  "employee_id=\\d{5,8}",
  "[\\w\\s]+",
  "(?:\\d{1,3}\\.){3}\\d{1,3}",
  "x(a+)?y",
  "(a+b)+",
  "(a+b+)*c",
  "[(]+[)]",
  "\\(+\\)",
  "(?=a+)b",
];

test("isCatastrophicPattern flags nested and overlapping repeats", () => {
  for (const p of kCatastrophic) assert.equal(isCatastrophicPattern(p), true, p);
});

test("isCatastrophicPattern accepts unambiguous patterns", () => {
  for (const p of kSafe) assert.equal(isCatastrophicPattern(p), false, p);
});

test("isCatastrophicPattern is fast on long and malformed sources", () => {
  const long = `${"(a|b)".repeat(2000)}${"[x-y]".repeat(2000)}`;
  const t0 = performance.now();
  assert.equal(isCatastrophicPattern(long), false);
  for (const bad of ["(", ")", "[", "\\", "a{", "(?<", "[\\", "a{1,", "(?", "\\k<"])
    isCatastrophicPattern(bad);
  // Nesting deeper than the parser's stack is reported as catastrophic rather than throwing.
  assert.equal(isCatastrophicPattern(`${"(".repeat(100_000)}a${")".repeat(100_000)}`), true);
  assert.equal(isCatastrophicPattern(`${"(".repeat(50)}a${")".repeat(50)}`), false);
  // A generous safety bound, not a benchmark.
  assert.ok(performance.now() - t0 < 2000);
});
