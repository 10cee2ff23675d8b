/**
 * Private-key blocks, found with indexOf rather than one big regex so that the cost stays linear:
 * many "-----BEGIN … PRIVATE KEY-----" headers without an END must not make each header rescan
 * the rest of the text (the original's pattern went quadratic there).
 */
import { token } from "./kinds.js";

const kBegin = "-----BEGIN ";
const kEnd = "-----END ";
// "-----BEGIN RSA PRIVATE KEY-----", "… OPENSSH PRIVATE KEY-----", "… ENCRYPTED PRIVATE KEY-----",
// "-----BEGIN PRIVATE KEY-----", "-----BEGIN PGP PRIVATE KEY BLOCK-----". At most 3 words before.
const kHeaderRe = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/y;
// The END line: the label is at most a few words.
const kEndLineRe = /-----END [A-Z0-9 ]{0,60}-----/y;
// An RSA 16384-bit key is ~12 KiB of PEM; an END further away than this belongs to something else.
const kMaxBlockChars = 64 * 1024;
// Without an END (truncated output): consume the rest of the block line by line. A line break is a
// real newline or a literal "\n" (a key inside JSON text). A body line is base64 or a header line
// such as "Proc-Type: 4,ENCRYPTED" / "DEK-Info: …"; a blank line is crossed only right after a
// header (encrypted keys have one there), so prose after a truncated key is mostly left alone.
const kFirstLineRe = /[ \t]*[A-Za-z0-9+/=]*(?:[ \t]+[A-Za-z0-9+/=]+)*/y;
const kBodyLineRe =
  /(?:\r?\n|\\r\\n|\\n)[ \t]*(?:[A-Z][A-Za-z-]{1,20}:[^\r\n\\]*(?:(?:\r?\n|\\r\\n|\\n)(?=\r?\n|\\r\\n|\\n))?|[A-Za-z0-9+/=]+)/y;
const kToken = token("private-key");

/** Redact every private-key block; `text` is returned unchanged (same string) when none is found. */
export function redactPrivateKeys(text: string): string {
  let from = text.indexOf(kBegin);
  if (from < 0) return text;
  let out = "";
  let copied = 0;
  // Cached result of the last END search: position of the next END at or after `endSearchFrom`,
  // or -1 when there is none. Every header before that END reuses it, so the whole scan is linear.
  let nextEnd = -2;
  while (from >= 0) {
    kHeaderRe.lastIndex = from;
    if (!kHeaderRe.test(text)) {
      from = text.indexOf(kBegin, from + kBegin.length);
      continue;
    }
    const bodyStart = kHeaderRe.lastIndex;
    if (nextEnd !== -1 && nextEnd < bodyStart) nextEnd = text.indexOf(kEnd, bodyStart);
    let stop: number;
    if (nextEnd >= 0 && nextEnd - bodyStart <= kMaxBlockChars) {
      kEndLineRe.lastIndex = nextEnd;
      stop = kEndLineRe.test(text) ? kEndLineRe.lastIndex : nextEnd + kEnd.length;
    } else {
      stop = consumeBody(text, bodyStart);
    }
    out += text.slice(copied, from) + kToken;
    copied = stop;
    from = text.indexOf(kBegin, stop);
  }
  return out + text.slice(copied);
}

function consumeBody(text: string, at: number): number {
  kFirstLineRe.lastIndex = at;
  kFirstLineRe.test(text);
  let pos = kFirstLineRe.lastIndex;
  for (;;) {
    kBodyLineRe.lastIndex = pos;
    if (!kBodyLineRe.test(text) || kBodyLineRe.lastIndex === pos) return pos;
    pos = kBodyLineRe.lastIndex;
  }
}
