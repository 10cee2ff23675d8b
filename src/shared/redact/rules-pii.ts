/**
 * Personal-data rules: emails, phone numbers, US SSNs, card numbers, IPv4 addresses. See rules.ts
 * for the design notes shared by all rules.
 */
import { token } from "./kinds.js";
import { luhnValid } from "./luhn.js";
import { fixed, offsetOf, type Rule, regexRule, wholeOf } from "./rule-kit.js";

// ---------------------------------------------------------------------------------------------
// Emails. The look-behind makes the local part start only at the beginning of a run of local-part
// characters, so a long run of dots/dashes without "@" is scanned once, not once per position
// (that was the original's 1.9 s per 50 KiB). Domain labels are separated by a required ".".
// "scheme://user@host" is URL userinfo (an account name), not an email.

// Retina asset names ("icon@2x.png") and the git service user ("git@github.com:org/repo") are not PII.
const kNotEmailRe = /^(?:[^@]*@\d+(?:\.\d+)?x\.|git@)/;
const kEmailToken = token("email");
// The domain after "@": labels separated by a required "." and a letters-only TLD.
const kDomainRe =
  /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

function isLocalChar(c: number): boolean {
  // [A-Za-z0-9._%+-]
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  );
}

/**
 * Found from each "@" (indexOf) rather than by a regex that would try every position: the local
 * part is scanned backwards to the start of its run (never past the previous "@" or the previous
 * match), the domain forwards with a sticky regex. Each character is scanned a bounded number of
 * times, so a long run of dots/dashes costs one pass (the original's pattern took 1.9 s per 50 KiB).
 */
function redactEmails(t: string): string {
  let at = t.indexOf("@");
  let out = "";
  let copied = 0;
  let floor = 0;
  while (at >= 0) {
    let s = at;
    while (s > floor && isLocalChar(t.charCodeAt(s - 1))) s--;
    // "scheme://user@host" is URL userinfo (an account name), not an email.
    if (s < at && !(s >= 3 && t.startsWith("://", s - 3))) {
      kDomainRe.lastIndex = at + 1;
      if (kDomainRe.test(t)) {
        const end = kDomainRe.lastIndex;
        if (!kNotEmailRe.test(t.slice(s, end))) {
          out += t.slice(copied, s) + kEmailToken;
          copied = end;
        }
        floor = end;
        at = t.indexOf("@", end);
        continue;
      }
    }
    floor = at + 1;
    at = t.indexOf("@", at + 1);
  }
  return copied === 0 ? t : out + t.slice(copied);
}

export const email: Rule = { name: "email", gate: "@", apply: redactEmails };

// ---------------------------------------------------------------------------------------------
// Numbers. Look-arounds keep every rule off the middle of longer numbers, hex strings, UUIDs,
// versions and dotted numbers.

// North-American phones "555-123-4567", "555.123.4567", "1-800-555-1234" and US SSNs
// "ddd-dd-dddd" (area 000, 666, 900–999, group 00 and serial 0000 are never issued) share a shape.
const kSsnShapeRe = /^\d{3}-\d{2}-\d{4}$/;
export const dashedNumber = regexRule(
  "ssn-phone",
  null,
  /(?<![\w.+-])(?:(?:1[ .-])?\d{3}(?:-\d{3}-|\.\d{3}\.)|(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000))\d{4}(?![\w-]|\.\d)/g,
  (m) => token(kSsnShapeRe.test(m) ? "ssn" : "phone"),
);

// "(555) 123-4567", "(212)555-0147".
export const parenPhone = fixed(
  "phone-paren",
  "(",
  /\((?<![\w(]\()\d{3}\)[ ]?\d{3}[ .-]\d{4}(?![\w-]|\.\d)/g,
  "phone",
);

// International: "+", country code, then groups that each begin with a separator or a
// parenthesised area code; or "+" and 8–15 digits. E.164: 8–15 digits in all, checked below.
const kMinPhoneDigits = 8;
const kMaxPhoneDigits = 15;
const kNonDigitRe = /\D/g;
// Gate: a "+" followed by a digit 1–9, found with indexOf (memchr-fast); a regex that starts
// with a single literal character is scanned character by character (measured ~6× slower).
function hasPlusDigit(t: string): boolean {
  for (let i = t.indexOf("+"); i >= 0; i = t.indexOf("+", i + 1)) {
    const c = t.charCodeAt(i + 1);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}
export const plusPhone = regexRule(
  "phone-intl",
  hasPlusDigit,
  /\+(?<![\w+]\+)[1-9](?:\d{0,2}(?:[ .-]?\(\d{1,4}\)|[ .-]\d{1,8}){1,5}|\d{7,14})(?![\w+]|[ .-]?\d)/g,
  (m) => {
    const n = m.replace(kNonDigitRe, "").length;
    return n >= kMinPhoneDigits && n <= kMaxPhoneDigits ? token("phone") : m;
  },
);

// Cards: 13–19 digits, optional single space/dash separators, first digit 2–6 (Visa, Mastercard,
// Amex, Discover, JCB, Diners, UnionPay; epoch-ms timestamps start with 1 until 2033). Luhn-checked.
// Not after a path or name separator ("backup-2024…", "/4111…/").
// No card brand starts with 20, 21, 28 or 29 (Mastercard's 2-series is 2221–2720), while compact
// timestamps do ("20240115103000"), as do many build numbers.
const kNoCardPrefixRe = /^2[0189]/;
export const card = regexRule(
  "card",
  null,
  /[2-6](?<![\w.+/-][2-6]|\d[ -][2-6])\d{3}(?:[ -]?\d){9,15}(?![\w.]|[ -]\d)/g,
  (m) => (!kNoCardPrefixRe.test(m) && luhnValid(m.replace(kNonDigitRe, "")) ? token("card") : m),
);

// IPv4: four real octets, not part of a longer dotted number or word, not a version.
const kOctet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
// How far back to look for a version word before a dotted quad ("Version: 10.0.19041.1").
const kVersionLookback = 32;
const kVersionBeforeRe =
  /(?:\bv|\bver|\bversion|\bbuild|\brelease|\brev|\brevision|\bfirmware|\bos)\.?["']?\s*[:=]?\s*["']?\s*$/i;
// Loopback and the unspecified address are not personal data and are everywhere in tool output.
const kKeepIpRe = /^(?:127\.|0\.0\.0\.0$)/;
export const ipv4 = regexRule(
  "ipv4",
  null,
  new RegExp(`(?<![\\w.]|\\d\\.)${kOctet}(?:\\.${kOctet}){3}(?![\\w]|\\.\\d)`, "g"),
  (m, ...rest) => {
    if (kKeepIpRe.test(m)) return m;
    const offset = offsetOf(rest);
    const before = wholeOf(rest).slice(Math.max(0, offset - kVersionLookback), offset);
    return kVersionBeforeRe.test(before) ? m : token("ipv4");
  },
);

/** Card numbers written as bare JSON numbers (outside strings) in redactJsonLine. */
export const kBareCardRe = /(?<![\d.eE+-])[2-6]\d{12,18}(?![\d.eE])/g;
export function redactBareCard(m: string): string {
  return luhnValid(m) ? `"${token("card")}"` : m;
}
