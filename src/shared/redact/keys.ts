/**
 * Sensitive object keys. A key matches on its WHOLE name after lower-casing and removing "-" and
 * "_", so "apiKey", "api_key", "X-API-Key" all match while "author", "tokenCount", "tokens",
 * "maxTokens" and "authorId" do not (the original matched substrings and hit all of those).
 */
const kSensitiveFolded: ReadonlySet<string> = new Set([
  // The fixed list (folded forms).
  "apikey", // apiKey, api_key, apikey
  "xapikey", // x-api-key
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "secret",
  "clientsecret",
  "password",
  "passwd",
  "pwd",
  "authorization",
  "cookie",
  "setcookie",
  "privatekey", // private_key, privateKey
  "credentials",
  "sessiontoken",
  "awssecretaccesskey",
  // Same secrets under other spellings that real SDK payloads use.
  "secretaccesskey", // AWS SDK: "SecretAccessKey"
  "proxyauthorization",
  "passphrase",
]);

// Longer keys are never on the list; skip folding them.
const kMaxKeyLength = 40;
const kFoldRe = /[-_]/g;

export function isSensitiveKey(key: string): boolean {
  if (key.length > kMaxKeyLength || key.length < 3) return false;
  return kSensitiveFolded.has(key.toLowerCase().replace(kFoldRe, ""));
}

// Keys whose string values are versions or build numbers: dotted quads under them are not IPs.
const kVersionKeyRe = /version|^v(?:er)?$|build|release|revision/i;

export function isVersionKey(key: string | null): boolean {
  return key !== null && key.length <= kMaxKeyLength && kVersionKeyRe.test(key);
}
