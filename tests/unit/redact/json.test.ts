import assert from "node:assert/strict";
import { test } from "node:test";
import { compileRedactor, redactJsonLine, redactValue } from "../../../src/shared/redact/index.js";

const r = compileRedactor({ homeDir: "/home/jdoe" }).redactor;
const line = (v: unknown): string => JSON.stringify(v);
const roundTrip = (v: unknown): unknown => JSON.parse(redactJsonLine(r, line(v)));

test("sensitive keys: whole value replaced, whole-key match only", () => {
  const out = roundTrip({
    apiKey: "x",
    api_key: "abc",
    "X-API-Key": "k",
    password: 1234,
    credentials: { user: "a", pass: "b" },
    cookie: ["a=1", "b=2"],
    Authorization: "Bearer x",
    aws_secret_access_key: "s",
    author: "Ann",
    tokenCount: 5,
    tokens: { input: 1234, output: 56 },
    maxTokens: 4096,
    authorId: 42,
  });
  assert.deepEqual(out, {
    apiKey: "[REDACTED:key]",
    api_key: "[REDACTED:key]",
    "X-API-Key": "[REDACTED:key]",
    password: "[REDACTED:key]",
    credentials: "[REDACTED:key]",
    cookie: "[REDACTED:key]",
    Authorization: "[REDACTED:key]",
    aws_secret_access_key: "[REDACTED:key]",
    author: "Ann",
    tokenCount: 5,
    tokens: { input: 1234, output: 56 },
    maxTokens: 4096,
    authorId: 42,
  });
});

test("empty, null and boolean values under sensitive keys say nothing and are kept", () => {
  assert.deepEqual(roundTrip({ password: "", token: null, secret: false }), {
    password: "",
    token: null,
    secret: false,
  });
});

test("an exact apiKey example from the brief", () => {
  assert.equal(redactJsonLine(r, '{"apiKey":"x"}'), '{"apiKey":"[REDACTED:key]"}');
});

test("values next to JSON escapes are found and the line stays valid", () => {
  const text = 'line1\nann@example.com\tpassword=hunter2x\n"quoted 4111 1111 1111 1111"\\\\ end\u2028';
  const out = redactJsonLine(r, line({ msg: "x", data: { out: text } }));
  const parsed = JSON.parse(out) as { data: { out: string } };
  assert.equal(
    parsed.data.out,
    'line1\n[REDACTED:email]\tpassword=[REDACTED:secret]\n"quoted [REDACTED:card]"\\\\ end\u2028',
  );
});

test("a PEM key inside a JSON string (escaped newlines on the wire) is removed whole", () => {
  const pem =
    "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yBx\nAwEHoUQDQgAE8kz==\n-----END EC PRIVATE KEY-----\n";
  const out = redactJsonLine(r, line({ data: { key_file: pem } }));
  assert.ok(out.includes("\\n"), "the wire form really has escaped newlines");
  assert.deepEqual(JSON.parse(out), { data: { key_file: "[REDACTED:private-key]\n" } });
  // Without END: to the end of the base64 lines.
  const cut = redactJsonLine(
    r,
    line({ out: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\nAASCBKcwggSjAgEAAoIBAQC7" }),
  );
  assert.deepEqual(JSON.parse(cut), { out: "[REDACTED:private-key]" });
});

test("double-encoded JSON inside a string is handled too", () => {
  const inner = JSON.stringify({ password: "hunter2x", email: "ann@example.com" });
  const out = JSON.parse(redactJsonLine(r, line({ out: inner }))) as { out: string };
  assert.equal(out.out, '{"password":"[REDACTED:secret]","email":"[REDACTED:email]"}');
});

test("version keys keep dotted quads; other keys do not", () => {
  assert.deepEqual(roundTrip({ version: "1.2.3.4", buildVersion: "10.0.19041.1", ip: "1.2.3.4" }), {
    version: "1.2.3.4",
    buildVersion: "10.0.19041.1",
    ip: "[REDACTED:ipv4]",
  });
});

test("pino frames, numbers and ordinary values are byte-identical", () => {
  const l =
    '{"level":30,"time":1732000000000,"pid":4242,"msg":"tool.after","sessionID":"ses_01HZX3K4M5N6P7Q8R9S0T1","event":"tool.after","data":{"tool":"bash","exitCode":0,"ratio":1.5e-7,"ok":true,"none":null,"sha":"3f786850e387550fdab836ed7e6dc881de23001b","esc":"a\\u00e9\\/b"}}';
  assert.equal(redactJsonLine(r, l), l);
});

test("card numbers written as bare JSON numbers become strings", () => {
  assert.deepEqual(roundTrip({ n: 4111111111111111, t: 1732000000000, m: 4111111111111112 }), {
    n: "[REDACTED:card]",
    t: 1732000000000,
    m: 4111111111111112,
  });
});

test("pretty-printed JSON (state files) with home paths", () => {
  const state = JSON.stringify(
    { cwd: "/home/jdoe/app", todos: [{ text: "email ann@example.com" }], token: "t0ps3cret" },
    null,
    2,
  );
  const out = redactJsonLine(r, state);
  assert.deepEqual(JSON.parse(out), {
    cwd: "~/app",
    todos: [{ text: "email [REDACTED:email]" }],
    token: "[REDACTED:key]",
  });
});

test("keys are redacted as text too, and the line stays valid", () => {
  assert.deepEqual(roundTrip({ "ann@example.com": 1 }), { "[REDACTED:email]": 1 });
});

test("malformed input: never throws, no secret survives", () => {
  for (const bad of [
    '{"msg":"ann@example.com',
    '{"msg":"a\\qb ann@example.com"}',
    "ann@example.com",
    '{"password":',
    '{"password":"unterminated',
    '{"credentials":{"a":"b"',
    "",
    '"',
    '\\"',
  ]) {
    const out = redactJsonLine(r, bad);
    assert.ok(!out.includes("ann@example.com"), out);
    assert.ok(!out.includes("unterminated"), out);
  }
});

test("redactValue: deep copy, no mutation, sensitive keys, strings redacted", () => {
  const input = Object.freeze({
    password: "x",
    nested: Object.freeze({ list: Object.freeze(["ann@example.com", 4111111111111111, 7]), author: "Ann" }),
    when: new Date(0),
  });
  const out = redactValue(r, input) as Record<string, unknown>;
  assert.deepEqual(out, {
    password: "[REDACTED:key]",
    nested: { list: ["[REDACTED:email]", "[REDACTED:card]", 7], author: "Ann" },
    when: "1970-01-01T00:00:00.000Z",
  });
  assert.notEqual(out.nested, input.nested);
  assert.equal(input.nested.list[0], "ann@example.com");
});

test("redactValue: depth cap, array cap, cycles, errors, __proto__ keys", () => {
  let deep: unknown = "ann@example.com";
  for (let i = 0; i < 20; i++) deep = { d: deep };
  const s = JSON.stringify(redactValue(r, deep));
  assert.ok(s.includes("[REDACTED:depth]") && !s.includes("ann@example.com"));

  const big = Array.from({ length: 5000 }, (_, i) => i);
  const capped = redactValue(r, big) as unknown[];
  assert.equal(capped.length, 1001);
  assert.equal(capped[1000], "[REDACTED:truncated]");

  const cyclic: Record<string, unknown> = { a: "ann@example.com" };
  cyclic.self = cyclic;
  assert.ok(JSON.stringify(redactValue(r, cyclic)).includes("[REDACTED:depth]"));

  const err = redactValue(r, new Error("failed for ann@example.com")) as { message: string };
  assert.equal(err.message, "failed for [REDACTED:email]");

  const proto = JSON.parse('{"__proto__":{"polluted":"ann@example.com"}}') as unknown;
  const out = redactValue(r, proto) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.keys(out), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("pino frame ids (sessionID, callID, event) pass through; anything else under those keys is redacted", () => {
  const { redactor } = compileRedactor({ homeDir: "/home/tester" });
  const line = JSON.stringify({
    sessionID: "ses_df398859fffeJaBbwhnLX3fPqe",
    callID: "call_1_0",
    event: "tool.after",
  });
  assert.equal(redactJsonLine(redactor, line), line);
  const leaky = JSON.stringify({
    sessionID: "token=sk_live_51HxQ2aBcDeFgHiJkLmNoPqRsTuV",
    event: "mail jane.doe@example.com",
  });
  const out = redactJsonLine(redactor, leaky);
  assert.ok(!out.includes("sk_live_51HxQ2aBcDeFgHiJkLmNoPqRsTuV"));
  assert.ok(!out.includes("jane.doe@example.com"));
});
