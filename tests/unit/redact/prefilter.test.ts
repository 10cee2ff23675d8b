/**
 * The prefilters (kAnyBuiltinRe, per-rule gates, minLength) only skip work: a differential test
 * over seeded random texts built from secret-ish fragments checks that they never change a result.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { redactJsonLine, redactText } from "../../../src/shared/redact/index.js";
import { corpusRedactor, type RedactSample, readJsonl, withoutPrefilters } from "./helpers.js";

const kFragments = [
  " ",
  "\n",
  "\t",
  ":",
  "=",
  "://",
  "@",
  "-",
  "--",
  "_",
  ".",
  "+",
  "(",
  ")",
  "/",
  '"',
  "'",
  ",",
  ";",
  "a",
  "Z",
  "9",
  "123",
  "4111",
  "555",
  "45",
  "6789",
  "1.2",
  "eyJ",
  "eyJhbGciOiJIUzI1NiJ9",
  ".eyJzdWIiOiIxIn0",
  "sk-",
  "ghp_",
  "AKIA",
  "xoxb-",
  "AIza",
  "password",
  "token",
  "Bearer",
  "Authorization",
  "cookie",
  "secret",
  "aws_secret_access_key",
  "api_key",
  "pwd",
  "--password",
  "user",
  "example.com",
  "host",
  "/home/jdoe",
  "-----BEGIN PRIVATE KEY-----",
  "MIIEvQIBADANBgkqhkiG9w0BAQEF",
  "-----END PRIVATE KEY-----",
  "ACME-123456",
  "abcdefghijklmnop",
  "A1b2C3d4E5f6G7h8",
  "version",
  "v",
  "é",
  "✔",
];

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

test("prefilters never change a result on random fragment soup", () => {
  const r = corpusRedactor();
  const raw = withoutPrefilters(r);
  const next = rng(42);
  for (let i = 0; i < 4000; i++) {
    const n = 1 + Math.floor(next() * 24);
    let s = "";
    for (let k = 0; k < n; k++) s += kFragments[Math.floor(next() * kFragments.length)];
    assert.equal(redactText(r, s), redactText(raw, s), JSON.stringify(s));
    const line = JSON.stringify({ k: s });
    assert.equal(redactJsonLine(r, line), redactJsonLine(raw, line), line);
  }
});

test("prefilters never change a result on corpus secrets cut at every length", () => {
  const r = corpusRedactor();
  const raw = withoutPrefilters(r);
  for (const s of readJsonl<RedactSample>("must-redact.jsonl")) {
    for (let len = 1; len <= s.text.length; len += Math.max(1, Math.floor(s.text.length / 12))) {
      const cut = s.text.slice(0, len);
      assert.equal(redactText(r, cut), redactText(raw, cut), JSON.stringify(cut));
    }
  }
});
