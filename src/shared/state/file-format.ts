/**
 * State file format: two lines of JSON.
 *   line 1: header {"atreides":"state","v":1,"sessionID":"…","savedAt":1732…,"bytes":N}
 *   line 2: the SessionState body (N bytes of UTF-8)
 * The header lets `atreides state` and resume read the metadata from the first few hundred bytes
 * without parsing the body. JSON rather than msgpack: the state is small (KiBs), JSON costs the same
 * to write (see bench/scenarios/codec), it can be redacted as text, and users can read it.
 */
export const STATE_FILE_KIND = "atreides-state";
export const STATE_FILE_EXT = ".state.json";
// The header is small; reading this many bytes always includes it in full.
export const STATE_HEADER_MAX_BYTES = 512;

export interface StateHeader {
  kind: typeof STATE_FILE_KIND;
  v: number;
  sessionID: string;
  savedAt: number;
  bytes: number;
}

export function encodeStateFile(
  sessionID: string,
  bodyJson: string,
  savedAt: number,
  version: number,
): string {
  const header: StateHeader = {
    kind: STATE_FILE_KIND,
    v: version,
    sessionID: sessionID.slice(0, 200),
    savedAt,
    bytes: Buffer.byteLength(bodyJson),
  };
  return `${JSON.stringify(header)}\n${bodyJson}\n`;
}

/** Parse the header from the first bytes of a state file; null if it is not one. */
export function decodeStateHeader(head: string): StateHeader | null {
  const nl = head.indexOf("\n");
  if (nl <= 0) return null;
  try {
    const h = JSON.parse(head.slice(0, nl)) as Partial<StateHeader>;
    if (h.kind !== STATE_FILE_KIND || typeof h.sessionID !== "string" || typeof h.savedAt !== "number")
      return null;
    return {
      kind: STATE_FILE_KIND,
      v: Number(h.v) || 0,
      sessionID: h.sessionID,
      savedAt: h.savedAt,
      bytes: Number(h.bytes) || 0,
    };
  } catch {
    return null;
  }
}

/** Split a whole state file into header and body text; null if malformed. */
export function splitStateFile(text: string): { header: StateHeader; body: string } | null {
  const header = decodeStateHeader(text);
  if (!header) return null;
  const nl = text.indexOf("\n");
  const body = text.slice(nl + 1).trimEnd();
  return body ? { header, body } : null;
}
