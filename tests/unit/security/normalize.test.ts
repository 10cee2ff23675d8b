import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeBackslashEscapes,
  decodeBase64Text,
  decodeTextEscapes,
  deobfuscate,
  foldUnicode,
  urlDecode,
} from "../../../src/shared/security/normalize.js";

describe("foldUnicode", () => {
  it("maps Cyrillic and Greek lookalikes to Latin", () => {
    assert.equal(foldUnicode("rм -rf /"), "rm -rf /");
    assert.equal(foldUnicode("сurl"), "curl");
    assert.equal(foldUnicode("ѕudo"), "sudo");
    assert.equal(foldUnicode("ΡΟΟΤ"), "POOT");
  });
  it("folds fullwidth forms (NFKC) and removes zero-width characters", () => {
    assert.equal(foldUnicode("ｒｍ －ｒｆ ／"), "rm -rf /");
    assert.equal(foldUnicode("r\u200bm\u200d -rf\ufeff /"), "rm -rf /");
    assert.equal(foldUnicode("rm\u00a0-rf"), "rm -rf");
  });
  it("returns ASCII input unchanged (same string)", () => {
    const s = "npm test && git status";
    assert.equal(foldUnicode(s), s);
  });
});

describe("urlDecode", () => {
  it("decodes %xx runs as UTF-8", () => {
    assert.equal(urlDecode("rm%20-rf%20%2F"), "rm -rf /");
    assert.equal(urlDecode("%D0%BC"), "м");
  });
  it("undoes double and triple encoding, then stops", () => {
    assert.equal(urlDecode("%2572m"), "rm");
    assert.equal(urlDecode("%252572"), "r");
    // A fourth layer stays encoded: the pass count is bounded.
    assert.equal(urlDecode("%25252572"), "%72");
  });
  it("leaves invalid or partial escapes alone and never throws", () => {
    assert.equal(urlDecode("100% done %zz %4"), "100% done %zz %4");
    assert.equal(urlDecode("%ff%fe"), "\ufffd\ufffd");
  });
});

describe("decodeTextEscapes", () => {
  it("decodes \\xNN, \\uNNNN, \\u{N}, \\UNNNNNNNN and 3-digit octal", () => {
    assert.equal(decodeTextEscapes("\\x72m"), "rm");
    assert.equal(decodeTextEscapes("\\u0072m"), "rm");
    assert.equal(decodeTextEscapes("\\u{72}m"), "rm");
    assert.equal(decodeTextEscapes("\\U00000072m"), "rm");
    assert.equal(decodeTextEscapes("\\162m"), "rm");
  });
  it("keeps sed back-references and other backslashes", () => {
    assert.equal(decodeTextEscapes("s/\\(a\\)/\\1/"), "s/\\(a\\)/\\1/");
  });
});

describe("deobfuscate", () => {
  it("combines folding, URL and escape decoding", () => {
    assert.equal(deobfuscate("\\x72м%20-rf /"), "rm -rf /");
  });
  it("folds homoglyphs produced by escapes", () => {
    assert.equal(deobfuscate("r\\u043c -rf /"), "rm -rf /");
  });
  it("returns plain ASCII without % or \\ as the same string", () => {
    const s = "git push origin feature";
    assert.equal(deobfuscate(s), s);
  });
});

describe("decodeBackslashEscapes ($'…', echo -e, printf)", () => {
  it("decodes the bash escape set", () => {
    assert.equal(decodeBackslashEscapes("\\x72\\x6d"), "rm");
    assert.equal(decodeBackslashEscapes("\\162\\155"), "rm");
    assert.equal(decodeBackslashEscapes("a\\tb\\nc"), "a\tb\nc");
    assert.equal(decodeBackslashEscapes("\\u0072"), "r");
    assert.equal(decodeBackslashEscapes("it\\'s"), "it's");
  });
  it("keeps unknown escapes and a trailing backslash", () => {
    assert.equal(decodeBackslashEscapes("\\q\\"), "\\q\\");
    assert.equal(decodeBackslashEscapes("\\xZZ"), "\\xZZ");
  });
});

describe("decodeBase64Text", () => {
  it("decodes text payloads (standard and URL-safe, with or without padding)", () => {
    assert.equal(decodeBase64Text("cm0gLXJmIH4="), "rm -rf ~");
    assert.equal(decodeBase64Text("cm0gLXJmIH4"), "rm -rf ~");
    assert.equal(decodeBase64Text(Buffer.from("ls ~/?a>b").toString("base64url")), "ls ~/?a>b");
  });
  it("rejects binary and non-base64 input", () => {
    assert.equal(decodeBase64Text(Buffer.from([0, 1, 2, 3, 255, 254]).toString("base64")), null);
    assert.equal(decodeBase64Text("not base64!"), null);
    assert.equal(decodeBase64Text("ab"), null);
  });
});
