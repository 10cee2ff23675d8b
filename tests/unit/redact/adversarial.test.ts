/**
 * Hostile inputs for every built-in rule: runs of the characters each pattern repeats over, many
 * starts without an end, long digit and base64 runs, one 1 MiB line. A quadratic pattern takes
 * seconds at 50 KiB and minutes at 1 MiB (the original's email pattern: 1.9 s / 50 KiB), so the
 * generous bounds below catch it while staying far above normal run-to-run noise.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileRedactor, overRedact, redactJsonLine, redactText } from "../../../src/shared/redact/index.js";
import { redactPrivateKeys } from "../../../src/shared/redact/pem.js";

const KiB = 1024;
const MiB = 1024 * KiB;
// Generous safety bounds (the machine is shared and noisy); linear code needs a few ms per MiB.
const kBoundMs = { [50 * KiB]: 500, [MiB]: 1500 };

// Units repeated to the target size, per rule (names as in rules.ts), plus shared ones.
const kHostile: Record<string, string[]> = {
  "private-key": [
    "-----BEGIN RSA PRIVATE KEY-----\n",
    "-----BEGIN PRIVATE KEY-----",
    "-----BEGIN ",
    "-----BEGIN PRIVATE KEY-----\\nMIIE\\n",
    "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END ",
    "DEK-Info: x\n\n",
  ],
  "connection-password": ["://", "://a:", "://a:b@", "a:b@", "://:@"],
  prefixed: [
    "sk-",
    "sk-a",
    "eyJ",
    "eyJa.",
    "eyJhbGciOiJIUzI1NiJ9.",
    "AKIA",
    "ghp_",
    "SG.",
    "a_",
    "A",
    "Ab1+/",
    "x-",
  ],
  "auth-header": ["Authorization: ", "authorization", "Authorization: Bearer "],
  bearer: ["bearer ", "Bearer a"],
  cookie: ["cookie:", "Set-Cookie: a"],
  "aws-secret": ["aws_secret_access_key=", "secret_access_key", "SecretAccessKey: a"],
  "cli-flag": ["--password ", "--a-", "--", '--token="'],
  assignment: ["password=", "password:", "token: '", 'password="', "=", ":=", "=>", "::::", "secret ="],
  email: ["a.-", ".-", "-", ".", "@", "a@", "a.@", "a@b.", "x@a.", "a@b.c", "a@b-"],
  "phone-intl": ["+1 ", "+", "+1", "+1 (1) ", "+1-"],
  "ssn-phone": ["555-", "123-45-", "1-", "12-", "1.", "555.123."],
  "phone-paren": ["(555) ", "(", "(555)555-"],
  card: ["1", "4", "1 ", "4111 ", "4111-1111-", "4 "],
  ipv4: ["1.", "192.168.", "1.2.3.", "255."],
  home: ["/home/jdoe", "/home/jdoe/", "/home/jdoe2"],
};
const kShared = ['"', "\\", "\\n", "\n", " ", "é", "✔", "'\""];

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function pseudoRandom(size: number): string {
  const chars = "abcXYZ019 .-@:=/+_\"'\n()#";
  let x = 12345;
  let s = "";
  while (s.length < size) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += chars[x % chars.length];
  }
  return s;
}

const r = compileRedactor({ homeDir: "/home/jdoe" }).redactor;

test("every built-in rule has hostile inputs", () => {
  for (const rule of r.rules) assert.ok(kHostile[rule.name], `no hostile inputs for rule ${rule.name}`);
});

test("hostile 50 KiB and 1 MiB inputs finish within the bound for every rule", () => {
  let worst = { ms: 0, what: "" };
  const time = (what: string, size: number, fn: () => unknown): void => {
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    if (ms > worst.ms) worst = { ms, what };
    assert.ok(ms < kBoundMs[size]!, `${what} took ${ms.toFixed(0)} ms`);
  };
  const runAll = (name: string, unit: string, input: string, size: number): void => {
    const what = `${name} ${JSON.stringify(unit.slice(0, 24))} ×${size / KiB} KiB`;
    const rule = r.rules.find((x) => x.name === name);
    if (rule) time(`rule ${what}`, size, () => rule.apply(input));
    time(`redactText ${what}`, size, () => redactText(r, input));
    time(`redactJsonLine ${what}`, size, () =>
      redactJsonLine(r, JSON.stringify({ msg: "x", data: { out: input } })),
    );
  };
  for (const size of [50 * KiB, MiB]) {
    for (const [name, units] of Object.entries(kHostile)) {
      for (const unit of units) runAll(name, unit, fill(unit, size), size);
    }
    for (const unit of kShared) runAll("shared", unit, fill(unit, size), size);
    const mixed = pseudoRandom(size);
    runAll("random", "mixed", mixed, size);
    for (const rule of r.rules)
      time(`rule ${rule.name} on mixed ×${size / KiB} KiB`, size, () => rule.apply(mixed));
    time(`private keys on BEGINs ×${size / KiB} KiB`, size, () =>
      redactPrivateKeys(fill("-----BEGIN OPENSSH PRIVATE KEY-----", size)),
    );
    time(`overRedact ×${size / KiB} KiB`, size, () => overRedact(mixed));
  }
  console.log(`redaction adversarial: worst ${worst.ms.toFixed(1)} ms (${worst.what})`);
});

test("hostile inputs are still redacted correctly", () => {
  // Many BEGINs without END: every header goes, nothing quadratic.
  const begins = fill("-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n", 50 * KiB);
  assert.ok(!redactText(r, begins).includes("MIIEow"));
  // A real email after a long run of dots and dashes is still found.
  const tail = `${fill(".-", 50 * KiB)} ann@example.com`;
  assert.ok(redactText(r, tail).endsWith(" [REDACTED:email]"));
  // A 1 MiB JSON line with secrets at both ends.
  const big = JSON.stringify({ msg: `password=hunter2x ${fill("lorem ipsum ", MiB)} ann@example.com` });
  const out = JSON.parse(redactJsonLine(r, big)) as { msg: string };
  assert.ok(out.msg.startsWith("password=[REDACTED:secret] ") && out.msg.endsWith(" [REDACTED:email]"));
});
