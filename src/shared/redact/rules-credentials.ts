/**
 * Credential rules: connection-string passwords, prefixed API keys / GitHub tokens / AWS key ids /
 * JWTs, Authorization / Bearer / Cookie headers, AWS secret keys in context, CLI flags and
 * key-value assignments. See rules.ts for the design notes shared by all rules.
 */
import { type RedactionKind, token } from "./kinds.js";
import { offsetOf, regexRule, wholeOf } from "./rule-kit.js";

// ---------------------------------------------------------------------------------------------
// Connection strings: scheme://user:password@host. Only the password is replaced. Anchored at the
// literal "://"; the user part stops at ":" and the password part may contain ":" and "@"
// (unencoded passwords do) but not "/" or whitespace, so it backtracks to the LAST "@" of that
// segment and never runs into the next URL.

const kConnToken = token("connection-password");
export const connection = regexRule(
  "connection-password",
  "://",
  /:\/\/([^\s:@/?#"'<>\\]*):([^\s/?#"'<>\\]*)@(?=[A-Za-z0-9[])/g,
  (m, user, pass) => (pass ? `://${user as string}:${kConnToken}@` : m),
);

// ---------------------------------------------------------------------------------------------
// Prefixed credentials: vendor API keys, GitHub tokens, AWS access key ids, JWTs. One regex whose
// alternatives are factored by first letter (V8 rejects a word start in a few comparisons) and
// which only starts at the beginning of a token-ish run: "\b(?<!-)" (a word boundary not after
// "-") is much cheaper for V8 than a look-behind over the whole class. Measured: 4 separate
// regexes cost ~1.5× this one.

const kB = "[A-Za-z0-9]";
const kPrefixedAlternatives = [
  // OpenAI / Anthropic / OpenRouter (sk-…), Stripe, Square, Supabase, generic "secret_", Shopify
  `s(?:k-(?:ant-|proj-|svcacct-|or-v1-)?[A-Za-z0-9_-]{20,}|k_(?:live|test)_${kB}{16,}|q0(?:atp|csp)-[A-Za-z0-9_-]{22,}|bp_[a-f0-9]{40}|ecret_${kB}{20,}|hp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})`,
  `p(?:k_(?:live|test)_${kB}{16,}|ypi-[A-Za-z0-9_-]{50,}|plx-${kB}{40,})`, // Stripe, PyPI, Perplexity
  `r(?:k_(?:live|test)_${kB}{16,}|8_${kB}{30,})`, // Stripe restricted, Replicate
  `whsec_${kB}{24,}`, // Stripe webhook secret
  `x(?:ox[abposr]-[A-Za-z0-9-]{10,}|app-\\d-[A-Za-z0-9-]{10,}|ai-${kB}{60,})`, // Slack, xAI
  "ya29\\.[A-Za-z0-9_-]{20,}", // Google OAuth access token
  // GitHub (ghp_ gho_ ghu_ ghs_ ghr_, github_pat_), GitLab, Groq
  `g(?:h[pousr]_${kB}{36,}|ithub_pat_[A-Za-z0-9_]{22,}|lpat-[A-Za-z0-9_-]{20,}|l(?:dt|rt|ptt|soat|oas)-[A-Za-z0-9_-]{20,}|sk_${kB}{40,})`,
  `npm_${kB}{36}`,
  `h(?:f_${kB}{30,}|ooks\\.slack\\.com/services/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{16,})`, // Hugging Face, Slack webhook URL
  `key[-_]${kB}{20,}`, // Mailgun "key-…", generic "key_…"
  // DigitalOcean, Databricks, Discord webhook URL
  "d(?:op_v1_[a-f0-9]{64}|api[a-f0-9]{32}|iscord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{20,})",
  `lin_api_${kB}{40}`, // Linear
  `a(?:pi|uth)_${kB}{20,}`, // generic prefixes (the original's)
  `token_${kB}{20,}`,
  `bearer_${kB}{20,}`,
  // JWT: header and payload are base64url JSON objects, so both start with "eyJ".
  "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*",
  // AWS access key ids (a 4-letter type prefix + 16 base32 characters); Google API key and OAuth client secret.
  // (also age encryption secret keys)
  "A(?:(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|SCA)[A-Z0-9]{16}|Iza[A-Za-z0-9_-]{35}|GE-SECRET-KEY-1[0-9A-Z]{58})",
  "GOCSPX-[A-Za-z0-9_-]{20,}",
  "S(?:G\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}|K[0-9a-f]{32})", // SendGrid, Twilio
  "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", // Postman
];
// Generic prefixes also start ordinary identifiers; a real key body has letters AND digits.
const kGenericPrefixRe = /^(?:sk-|key[-_]|(?:api|auth|secret|token|bearer)_)/;
const kGithubRe = /^gh[pousr]_|^github_pat_/;
const kAwsRe = /^A(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|SCA)/;
const kHasDigitRe = /\d/;
const kHasLetterRe = /[A-Za-z]/;
const kJwtToken = token("jwt");
const kGithubToken = token("github-token");
const kAwsIdToken = token("aws-key-id");
const kApiKeyToken = token("api-key");
export const prefixed = regexRule(
  "prefixed",
  null,
  new RegExp(`\\b(?<!-)(?:${kPrefixedAlternatives.join("|")})(?![A-Za-z0-9_-])`, "g"),
  (m) => {
    if (m.startsWith("eyJ")) return kJwtToken;
    if (kGithubRe.test(m)) return kGithubToken;
    if (m.length === 20 && kAwsRe.test(m)) return kAwsIdToken;
    const body = m.replace(kGenericPrefixRe, "");
    if (body !== m && !(kHasDigitRe.test(body) && kHasLetterRe.test(body))) return m;
    return kApiKeyToken;
  },
);

// ---------------------------------------------------------------------------------------------
// Key-value secrets (case-insensitive). Values may be quoted ("…" or '…'); then only the inside
// is replaced. Unquoted values stop at whitespace, quotes, separators used in URLs/CLI/code and
// brackets.

const kUnquoted = "[^\\s\"'`,;&|<>(){}\\[\\]\\\\]+";
const kQuoted = "\"[^\"\\r\\n]*\"|'[^'\\r\\n]*'";

/** Replace the value part (after `prefixLen` chars of the match), keeping quotes around it. */
function replaceValue(m: string, prefixLen: number, kind: RedactionKind): string {
  const v = m.slice(prefixLen);
  const q = v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v[0] : "";
  return `${m.slice(0, prefixLen)}${q}${token(kind)}${q}`;
}

// Authorization header: keep a known scheme, replace the rest of the value (up to the end of the
// line or a quote), so multi-part credentials (AWS4-HMAC-SHA256 … Signature=…) go whole; Digest
// parameters are quoted, so a Digest value goes to the end of the line.
export const authHeader = regexRule(
  "auth-header",
  null,
  /((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token|bot|apikey|negotiate|ntlm|sso-key)[ \t]+)?)(?:digest[ \t][^\r\n]*|[^\s"'\\][^\r\n"'\\]*)/gi,
  (m, p) => replaceValue(m, (p as string).length, "auth-header"),
);

// A bare "Bearer <token>" (curl output, docs); short words after "bearer" are prose.
export const bearer = regexRule("bearer", null, /(\bbearer[ \t]+)[A-Za-z0-9._~+/-]{16,}=*/gi, (m, p) =>
  replaceValue(m, (p as string).length, "auth-header"),
);

// Cookie / Set-Cookie header: the whole value up to the end of the line or a quote.
export const cookie = regexRule(
  "cookie",
  null,
  /((?<![a-z0-9])(?:set-)?cookie["']?[ \t]*:[ \t]*["']?)[^\r\n"']+/gi,
  (m, p) => replaceValue(m, (p as string).length, "cookie"),
);

// AWS secret access key, only next to its name: a bare 40-char base64 word may be a git SHA-1.
export const awsSecret = regexRule(
  "aws-secret",
  null,
  /((?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)["']?[ \t]*[:=][ \t]*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
  (m, p) => replaceValue(m, (p as string).length, "aws-secret"),
);

// CLI flags: --password x, --db-password=x, --api-key "x". Values never start with "-".
export const cliFlag = regexRule(
  "cli-flag",
  "--",
  new RegExp(
    `(--(?:[a-z0-9]+-)*(?:password|passwd|pass|token|secret|api-key|apikey|access-key|private-key)(?:[ \\t]+|=))(?:${kQuoted}|[^\\s"'\\\\-][^\\s"'\\\\]*)`,
    "gi",
  ),
  (m, p, ...rest) => assignmentReplace(m, (p as string).length, p as string, wholeOf(rest), offsetOf(rest)),
);

// Assignments: password=x, DB_PASSWORD=x, "api_key": "x", client_secret: x, ?access_token=x.
// Anchored on the operator (":" and "=" are far rarer than letters); a look-behind checks that a
// key word ends right before it, so "tokens: 12", "tokenCount=3" and "passwords" never match,
// while FOO_SECRET, clientSecret and access_token do. "==" is a comparison, not an assignment.
// The first look-behind only checks the last letter of every key word (d, e, t, n, y): most ":"
// and "=" in JSON and code fail there before the word alternation is tried.
const kAssignWords =
  "(?:password|passwd|passphrase|pwd|secret[_-]?key|secret|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key|token)";
export const assignment = regexRule(
  "assignment",
  null,
  new RegExp(
    `((?:=>|:=|[:=])(?<=[detny]["']?[ \\t]*(?:=>|:=|[:=]))(?<=${kAssignWords}["']?[ \\t]*(?:=>|:=|[:=]))(?!=)[ \\t]*)(?:${kQuoted}|${kUnquoted})`,
    "gi",
  ),
  (m, p, ...rest) => {
    const offset = offsetOf(rest);
    const whole = wholeOf(rest);
    // The key word sits right before the operator; a short look back finds it.
    const before = whole.slice(Math.max(0, offset - kKeyLookback), offset);
    return assignmentReplace(m, (p as string).length, before + (p as string), whole, offset);
  },
);

// Long enough for "passphrase" plus a quote and a few spaces.
const kKeyLookback = 16;
const kPasswordKeyRe =
  /(?:pass(?:word|wd|phrase)?|pwd)["']?[ \t]*(?:[:=]|=>|:=)?[ \t]*$|^--(?:[a-z0-9]+-)*pass/i;
const kPwdKeyRe = /pwd["']?[ \t]*(?:[:=]|=>|:=)[ \t]*$/i;
// Values that are placeholders, types or masks rather than secrets.
const kNotASecretRe =
  /^(?:string|number|boolean|bool|str|int|integer|any|unknown|object|null|undefined|none|nil|true|false|required|optional|yes|no|on|off|empty|redacted|hidden|secret|password|token|\*+|x+|\.{3}|…)$/i;
const kPlaceholderRe = /^(?:\$|%|\{\{|<.*>$|\[REDACTED)/;
const kPathRe = /^(?:[/~.]|[A-Za-z]:[\\/])/;
// Code: `password: opts.password` is a reference, not a value.
const kCodeRefRe =
  /^(?:this|self|process|os|config|cfg|options|opts|req|request|res|env|args|argv|params|props|ctx|context|settings|creds|credentials|auth|user|input|body|data|values|form|secrets|import\.meta)\.[A-Za-z_$][\w$.]*$/;
// Minimum value lengths: passwords can be short; tokens, keys and secrets are long.
const kMinPasswordChars = 3;
const kMinTokenChars = 6;

function assignmentReplace(m: string, prefixLen: number, key: string, whole: string, offset: number): string {
  const v = m.slice(prefixLen);
  const quoted = v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0];
  const value = quoted ? v.slice(1, -1) : v;
  const isPassword = kPasswordKeyRe.test(key);
  if (value.length < (isPassword ? kMinPasswordChars : kMinTokenChars)) return m;
  if (kNotASecretRe.test(value) || kPlaceholderRe.test(value)) return m;
  if (kPwdKeyRe.test(key) && kPathRe.test(value)) return m; // PWD=/home/…
  if (!quoted) {
    if (whole.charCodeAt(offset + m.length) === 40 /* "(" */) return m; // a call: token = getToken()
    if (kCodeRefRe.test(value)) return m;
  }
  return replaceValue(m, prefixLen, "secret");
}
