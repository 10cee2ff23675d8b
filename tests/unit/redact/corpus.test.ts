import assert from "node:assert/strict";
import { test } from "node:test";
import { redactJsonLine, redactText, redactValue } from "../../../src/shared/redact/index.js";
import {
  corpusRedactor,
  type KeepSample,
  type RedactSample,
  readJsonl,
  withoutPrefilters,
} from "./helpers.js";

const r = corpusRedactor();
const mustRedact = readJsonl<RedactSample>("must-redact.jsonl");
const mustKeep = readJsonl<KeepSample>("must-keep.jsonl");

// Every category the corpus must cover, with a floor per category so none is a token sample.
const kCategories = [
  "email",
  "api-key",
  "github-token",
  "jwt",
  "aws-key-id",
  "aws-secret",
  "private-key",
  "secret",
  "connection-password",
  "auth-header",
  "cookie",
  "card",
  "ssn",
  "phone",
  "ipv4",
  "home",
  "custom",
];
const kMinSamples = 150;
const kMinRecall = 0.98;
const kMaxFalsePositiveRate = 0.01;

test("corpora are large enough and cover every category", () => {
  assert.ok(mustRedact.length >= kMinSamples, `must-redact has ${mustRedact.length} samples`);
  assert.ok(mustKeep.length >= kMinSamples, `must-keep has ${mustKeep.length} samples`);
  for (const kind of kCategories) {
    const n = mustRedact.filter((s) => s.kind === kind).length;
    assert.ok(n >= 3, `category ${kind} has only ${n} samples`);
  }
  for (const s of mustRedact) assert.ok(s.text.includes(s.secret), `sample secret not in text: ${s.text}`);
});

test("redaction corpus: recall and false positives", () => {
  const missed: string[] = [];
  for (const s of mustRedact) {
    if (redactText(r, s.text).includes(s.secret)) missed.push(`${s.kind}: ${s.text}`);
  }
  const changed: string[] = [];
  for (const s of mustKeep) {
    const out = redactText(r, s.text);
    if (out !== s.text) changed.push(`${s.kind}: ${s.text} => ${out}`);
  }
  const n = mustRedact.length;
  const m = mustKeep.length;
  const recall = (n - missed.length) / n;
  const fpRate = changed.length / m;
  console.log(
    `redaction corpus: recall ${(recall * 100).toFixed(1)}% (${n - missed.length}/${n}), false positives ${(fpRate * 100).toFixed(1)}% (${changed.length}/${m})`,
  );
  assert.ok(recall >= kMinRecall, `missed:\n${missed.join("\n")}`);
  assert.ok(fpRate <= kMaxFalsePositiveRate, `over-redacted:\n${changed.join("\n")}`);
});

test("every must-redact sample wrapped in a JSON line: secret gone, line still parses", () => {
  for (const s of mustRedact) {
    const line = JSON.stringify({ msg: "x", data: { out: s.text } });
    const out = redactJsonLine(r, line);
    const parsed = JSON.parse(out) as { msg: string; data: { out: string } };
    assert.equal(parsed.msg, "x");
    assert.ok(!out.includes(s.secret), `${s.kind}: secret survived in ${out}`);
    assert.ok(
      !parsed.data.out.includes(s.secret),
      `${s.kind}: secret survived after decoding: ${parsed.data.out}`,
    );
    // The decoded value is what redactText gives for the text itself.
    assert.equal(parsed.data.out, redactText(r, s.text));
  }
});

test("must-keep samples survive redactJsonLine and redactValue unchanged", () => {
  for (const s of mustKeep) {
    const line = JSON.stringify({ level: 30, msg: s.text, data: { out: s.text, list: [s.text] } });
    assert.equal(redactJsonLine(r, line), line, s.text);
    const value = { out: s.text, nested: { list: [s.text] } };
    assert.deepEqual(redactValue(r, value), value, s.text);
  }
});

test("every must-redact sample through redactValue", () => {
  for (const s of mustRedact) {
    const out = redactValue(r, { data: { out: s.text, list: [s.text] } });
    assert.ok(!JSON.stringify(out).includes(JSON.stringify(s.secret).slice(1, -1)), `${s.kind}: ${s.text}`);
  }
});

test("prefilters never change a result (corpora, with and without JSON wrapping)", () => {
  const raw = withoutPrefilters(r);
  for (const s of [...mustRedact, ...mustKeep]) {
    assert.equal(redactText(r, s.text), redactText(raw, s.text), s.text);
    const line = JSON.stringify({ msg: s.text });
    assert.equal(redactJsonLine(r, line), redactJsonLine(raw, line), s.text);
  }
});
