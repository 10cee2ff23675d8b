import assert from "node:assert/strict";
import { test } from "node:test";
import { compileRedactor, REDACTION_KINDS, redactText } from "../../../src/shared/redact/index.js";
import { luhnValid } from "../../../src/shared/redact/luhn.js";
import { corpusRedactor, type RedactSample, readJsonl } from "./helpers.js";

const r = compileRedactor({}).redactor;
const red = (s: string): string => redactText(r, s);

test("replacement tokens only use [A-Za-z0-9:_-] inside the brackets", () => {
  assert.ok(REDACTION_KINDS.length >= 15);
  for (const k of REDACTION_KINDS) assert.match(`REDACTED:${k}`, /^[A-Za-z0-9:_-]+$/);
});

test("emails, including ones next to punctuation", () => {
  assert.equal(red("mail <ann.lee+ci@example.co.uk>, thanks"), "mail <[REDACTED:email]>, thanks");
  assert.equal(red("a@b.co"), "[REDACTED:email]");
  // Not emails: retina assets, package specs, scoped packages, URL userinfo, git remotes, bare hosts.
  for (const s of [
    "icon@2x.png",
    "lodash@4.17.21",
    "@types/node",
    "ssh://git@host.example.com/r",
    "git@github.com:o/r.git",
    "root@localhost",
  ]) {
    assert.equal(red(s), s);
  }
});

test("prefixed API keys need the whole prefix at a token start", () => {
  const key = "sk-proj-4fGh7Jk9Lm2Np5Qr8St1Vw3Xy6Za0Bc";
  assert.equal(red(`OPENAI_KEY ${key}.`), "OPENAI_KEY [REDACTED:api-key].");
  assert.equal(red(`task-${key.slice(3)}`), `task-${key.slice(3)}`);
  assert.equal(red("risk-assessment-for-production-2024"), "risk-assessment-for-production-2024");
  // Generic prefixes need letters and digits in the body.
  assert.equal(red("api_requesthandlerfunctionname"), "api_requesthandlerfunctionname");
  assert.equal(red("api_9f8e7d6c5b4a39281726354"), "[REDACTED:api-key]");
});

test("GitHub tokens, JWTs and AWS key ids get their own kinds", () => {
  assert.equal(red(`x ghp_${"aB3".repeat(12)} y`), "x [REDACTED:github-token] y");
  assert.equal(
    red("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
    "[REDACTED:jwt]",
  );
  assert.equal(red("AKIAIOSFODNN7EXAMPLE"), "[REDACTED:aws-key-id]");
  assert.equal(red("XAKIAIOSFODNN7EXAMPLE"), "XAKIAIOSFODNN7EXAMPLE");
});

test("AWS secret keys only next to their name; bare 40-char words (git SHAs) stay", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  assert.equal(red(`aws_secret_access_key = ${secret}`), "aws_secret_access_key = [REDACTED:aws-secret]");
  assert.equal(red(`"SecretAccessKey": "${secret}"`), '"SecretAccessKey": "[REDACTED:aws-secret]"');
  assert.equal(red(secret.replace(/\//g, "x")), secret.replace(/\//g, "x"));
  const sha = "3f786850e387550fdab836ed7e6dc881de23001b";
  assert.equal(red(`commit ${sha}`), `commit ${sha}`);
});

test("private-key blocks: with END, without END, and inside JSON text with literal \\n", () => {
  const body = "MIIEowIBAAKCAQEAx4Yk\nQ2bFz9Tq0w==";
  assert.equal(
    red(`a\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\nb`),
    "a\n[REDACTED:private-key]\nb",
  );
  // No END (truncated output): the base64 lines go, the prose after a blank line stays.
  assert.equal(
    red(`-----BEGIN PRIVATE KEY-----\n${body}\n\nnext step`),
    "[REDACTED:private-key]\n\nnext step",
  );
  // JSON text (e.g. `cat creds.json`): escaped newlines, with and without END; the closing quote survives.
  const escaped = body.replace(/\n/g, "\\n");
  assert.equal(
    red(`{"private_key": "-----BEGIN PRIVATE KEY-----\\n${escaped}\\n-----END PRIVATE KEY-----\\n"}`),
    '{"private_key": "[REDACTED:private-key]\\n"}',
  );
  assert.equal(red(`"-----BEGIN PRIVATE KEY-----\\n${escaped}"`), '"[REDACTED:private-key]"');
  // Public material is not a secret.
  assert.equal(
    red("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
  );
});

test("key-value secrets in env, YAML, JSON, URL and CLI forms", () => {
  assert.equal(red("DB_PASSWORD=hunter2!x"), "DB_PASSWORD=[REDACTED:secret]");
  assert.equal(red("password: hunter2"), "password: [REDACTED:secret]");
  assert.equal(red('"client_secret": "s3cr3t-value"'), '"client_secret": "[REDACTED:secret]"');
  assert.equal(red("?access_token=abcdef123456&page=2"), "?access_token=[REDACTED:secret]&page=2");
  assert.equal(red("psql --password s3cr3tpw -h db"), "psql --password [REDACTED:secret] -h db");
  assert.equal(red("--db-password='p@ss word'"), "--db-password='[REDACTED:secret]'");
  assert.equal(red("GITHUB_TOKEN=abcdef0123456789"), "GITHUB_TOKEN=[REDACTED:secret]");
});

test("key words without a value, counts, types and code references stay", () => {
  for (const s of [
    "the password field",
    "tokens: 1234",
    "maxTokens: 4096",
    "tokenCount=3",
    "password: string;",
    "const token = getToken();",
    "password: opts.password,",
    "if (password == confirm)",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder, not a template
    "password=${DB_PASSWORD}",
    "Enter your password:\nnext line",
    "PWD=/workspace/app",
    "secret: true",
  ]) {
    assert.equal(red(s), s);
  }
});

test("connection strings keep user and host, lose the password", () => {
  assert.equal(
    red("postgres://app:pa:ss@w0rd@db.example.com:5432/app"),
    "postgres://app:[REDACTED:connection-password]@db.example.com:5432/app",
  );
  assert.equal(red("redis://:s3cret@cache:6379"), "redis://:[REDACTED:connection-password]@cache:6379");
  assert.equal(red("http://localhost:8080/a@b"), "http://localhost:8080/a@b");
});

test("Authorization, Bearer and Cookie headers", () => {
  assert.equal(red("Authorization: Bearer abc.def-ghi"), "Authorization: Bearer [REDACTED:auth-header]");
  assert.equal(red("authorization: Basic YWRtaW46cGFzcw=="), "authorization: Basic [REDACTED:auth-header]");
  assert.equal(red("use Bearer 0123456789abcdefXYZ now"), "use Bearer [REDACTED:auth-header] now");
  assert.equal(red("Cookie: sid=abc; theme=dark\nnext"), "Cookie: [REDACTED:cookie]\nnext");
  for (const s of ["Authorization header missing", "Bearer token expired", "cookie banner shown"])
    assert.equal(red(s), s);
});

test("card numbers: Luhn-valid only, with separators, never epoch milliseconds", () => {
  assert.equal(luhnValid("4111111111111111"), true);
  assert.equal(luhnValid("4111111111111112"), false);
  assert.equal(red("4111 1111 1111 1111"), "[REDACTED:card]");
  assert.equal(red("4111-1111-1111-1111"), "[REDACTED:card]");
  assert.equal(red("378282246310005"), "[REDACTED:card]");
  assert.equal(red("4111111111111112"), "4111111111111112");
  assert.equal(red("time 1732000000000 and 1732000000000000"), "time 1732000000000 and 1732000000000000");
  // Inside hex strings or longer digit runs: not a card.
  assert.equal(red("a4111111111111111b"), "a4111111111111111b");
  assert.equal(red("41111111111111111111111"), "41111111111111111111111");
});

test("SSNs exclude never-issued areas", () => {
  assert.equal(red("ssn 123-45-6789"), "ssn [REDACTED:ssn]");
  for (const s of [
    "000-12-3456",
    "666-12-3456",
    "912-12-3456",
    "123-00-4567",
    "123-45-0000",
    "2024-01-1234",
  ]) {
    assert.equal(red(s), s);
  }
});

test("phone numbers need a + country code or typical separators", () => {
  for (const s of [
    "(555) 123-4567",
    "555-123-4567",
    "555.123.4567",
    "+44 20 7946 0958",
    "+1 (415) 555-2671",
    "+12025550123",
  ]) {
    assert.equal(red(`call ${s}.`), "call [REDACTED:phone].");
  }
  for (const s of [
    "1700000000",
    "5551234567",
    "+1 more",
    "@@ -1,5 +1,7 @@",
    "1e+10",
    "ISBN 978-3-16-148410-0",
  ]) {
    assert.equal(red(s), s);
  }
});

test("IPv4: real dotted quads, not versions, not longer dotted numbers, not loopback", () => {
  assert.equal(red("from 192.168.1.20:22"), "from [REDACTED:ipv4]:22");
  for (const s of [
    "version 1.2.3.4",
    "v1.2.3.4",
    "Version: 10.0.19041.1",
    '"version": "2.0.1.3"',
    "1.2.3.4.5",
    "oid 1.3.6.1.4.1",
    "256.1.1.1",
    "01.02.03.04",
    "127.0.0.1",
    "0.0.0.0",
    "1.2.3",
  ]) {
    assert.equal(red(s), s);
  }
});

test("home directory becomes ~ only at path boundaries", () => {
  const h = compileRedactor({ homeDir: "/home/j.d+oe/" }).redactor;
  assert.equal(redactText(h, "cd /home/j.d+oe/src && ls /home/j.d+oe"), "cd ~/src && ls ~");
  assert.equal(redactText(h, "PATH=/home/j.d+oe/bin:/usr/bin"), "PATH=~/bin:/usr/bin");
  for (const s of ["/home/j.d+oe2/x", "/data/home/j.d+oe/x", "/home/jxd+oe/x", "/home/j.d+oe.bak"]) {
    assert.equal(redactText(h, s), s);
  }
  // The escaped home is compiled once into a RegExp on the redactor.
  assert.ok(h.home instanceof RegExp);
});

test("Windows home directories match any case and either separator", () => {
  const w = compileRedactor({ homeDir: "C:\\Users\\Ann" }).redactor;
  assert.equal(redactText(w, "at C:\\Users\\Ann\\proj\\x.ts"), "at ~\\proj\\x.ts");
  assert.equal(redactText(w, "at c:/users/ann/proj"), "at ~/proj");
  assert.equal(redactText(w, '{"p":"C:\\\\Users\\\\Ann\\\\x"}'), '{"p":"~\\\\x"}');
  assert.equal(redactText(w, "C:\\Users\\Anna\\x"), "C:\\Users\\Anna\\x");
});

test("a missing or too-short home directory is ignored", () => {
  for (const homeDir of [undefined, "", "/", "C:\\"]) {
    const x = compileRedactor({ homeDir }).redactor;
    assert.equal(x.home, null);
    assert.equal(redactText(x, "/home/a/b"), "/home/a/b");
  }
});

test("redaction is idempotent on the corpus", () => {
  const c = corpusRedactor();
  for (const s of readJsonl<RedactSample>("must-redact.jsonl")) {
    const once = redactText(c, s.text);
    assert.equal(redactText(c, once), once, s.text);
  }
});

test("pino record fields stay as they are", () => {
  const line =
    '{"level":30,"time":1732000000000,"msg":"tool.after","sessionID":"ses_01HZX3K4M5N6P7Q8R9S0T1","event":"tool.after","pid":4242}';
  assert.equal(red(line), line);
});
