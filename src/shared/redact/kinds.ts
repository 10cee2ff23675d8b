/** Every kind that can appear in a replacement token `[REDACTED:<kind>]`. */
export const REDACTION_KINDS = [
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
  "key",
  "custom",
  "depth",
  "truncated",
  "unverified",
] as const;

export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** The replacement token. Only [A-Za-z0-9:_-] inside the brackets, so it is safe inside any JSON string. */
export function token(kind: RedactionKind): string {
  return `[REDACTED:${kind}]`;
}
