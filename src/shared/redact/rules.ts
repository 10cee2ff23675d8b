/**
 * Built-in text rules, compiled once at module load: a flat list of small regexes, run in order.
 *
 * Speed: V8 scans fastest for a regex that starts with a literal or a narrow class and has no
 * top-level alternation, so rules are split that way (measured: one 6-way alternation cost ~4× the
 * sum of its parts) and anchored on their rarest character: ":" / "=" for key-value assignments
 * (the key word is checked with a look-behind only where an operator is), "(" for
 * "(555) 123-4567", a word start (\b) for prefixed keys. Rules whose match must contain a rare
 * literal ("@", "://", "--", a "+" before a digit) are skipped with one includes()/indexOf when it
 * is absent, and kAnyBuiltinRe lets short strings skip every rule in one test. Measured on 50 KiB of
 * ordinary tool output: ~0.23 ms for all rules (the original: 1.04 ms).
 *
 * Linearity: every pattern either starts at a literal that cannot repeat inside the match or is
 * anchored with a look-behind to the start of a run (e.g. the email local part), so no start
 * position rescans a run an earlier start already scanned. Repetitions are single character classes
 * or groups whose iterations begin with a required separator, so there is one way to split a run
 * and a failed match backtracks a bounded number of steps. tests/unit/redact/adversarial.test.ts
 * checks 1 MiB hostile inputs for every rule.
 *
 * The text given here is DECODED text (json.ts decodes JSON strings before calling in), so quotes
 * and newlines are real characters. Replacements are `[REDACTED:<kind>]` tokens (kinds.ts).
 */
import type { Rule } from "./rule-kit.js";
import {
  assignment,
  authHeader,
  awsSecret,
  bearer,
  cliFlag,
  connection,
  cookie,
  prefixed,
} from "./rules-credentials.js";
import { card, dashedNumber, email, ipv4, parenPhone, plusPhone } from "./rules-pii.js";

export type { Rule } from "./rule-kit.js";

/**
 * A necessary condition for ANY built-in rule to match (each line names the rules it covers). Short
 * strings (JSON keys, ids, event names) fail it and skip all rules in one test. The unit tests
 * check that results are identical with and without it.
 */
export const kAnyBuiltinRe = new RegExp(
  [
    "[:=]", // connection ("://"), auth-header, cookie, aws-secret, assignment
    "--", // cli-flag
    "[\\w-]{15}", // prefixed: every format has 15+ of [A-Za-z0-9_-] in a row (a JWT 11+, then ".eyJ")
    "\\.eyJ", // prefixed (jwt)
    "bearer", // bearer
    "@", // email
    "\\d{3}[-.]\\d|\\(\\d{3}\\)|\\+[1-9]|\\d{4}|\\d\\.\\d", // ssn/phone, paren, intl, card, ipv4
  ].join("|"),
  "i",
);

/**
 * The built-in rules in the order they run (after private-key blocks, before the home directory
 * and custom patterns). Specific before generic: a value already replaced by an earlier rule is a
 * "[REDACTED:…]" token that no later rule matches.
 */
export const BUILTIN_RULES: readonly Rule[] = [
  connection,
  prefixed,
  authHeader,
  bearer,
  cookie,
  awsSecret,
  cliFlag,
  assignment,
  email,
  plusPhone, // before the national forms, so "+1 (415) 555-2671" goes as one
  dashedNumber,
  parenPhone,
  card,
  ipv4,
];
