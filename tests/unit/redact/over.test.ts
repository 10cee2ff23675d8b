import assert from "node:assert/strict";
import { test } from "node:test";
import { overRedact } from "../../../src/shared/redact/index.js";
import { type RedactSample, readJsonl } from "./helpers.js";

test("overRedact replaces every run of 8+ token characters and keeps short words", () => {
  assert.equal(overRedact("ok: ab cdefgh 1234567 12345678"), "ok: ab cdefgh 1234567 [REDACTED:unverified]");
  assert.equal(overRedact("user@example.com"), "[REDACTED:unverified]");
  assert.equal(overRedact(""), "");
});

test("overRedact leaves no run of 8+ token characters in any corpus sample", () => {
  const run = /[A-Za-z0-9+/=_.@:-]{8,}/;
  for (const s of readJsonl<RedactSample>("must-redact.jsonl")) {
    const out = overRedact(s.text).replaceAll("[REDACTED:unverified]", "");
    assert.ok(!run.test(out), `${s.kind}: ${out}`);
    if (/^[A-Za-z0-9+/=_.@:-]{8,}$/.test(s.secret)) assert.ok(!out.includes(s.secret));
  }
});
