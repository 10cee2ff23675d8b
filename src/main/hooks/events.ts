/**
 * Events arrive as {id, type, properties} (OpenCode 1.18 sends v2 shapes); session events carry
 * properties.sessionID. Anything else is ignored and counted, never trusted.
 */
import type { ParsedEvent } from "./types.js";

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
// Host ids are short; anything longer is not an id we want as a map key.
const kMaxIdLength = 256;

export function parseEvent(raw: unknown): ParsedEvent | null {
  if (!isObj(raw) || typeof raw.type !== "string" || raw.type.length > 128) return null;
  const properties = isObj(raw.properties) ? raw.properties : {};
  return { type: raw.type, sessionID: sessionIdOf(properties), properties };
}

function sessionIdOf(p: Record<string, unknown>): string | null {
  const direct = p.sessionID;
  if (typeof direct === "string") return validId(direct);
  const info = p.info;
  if (isObj(info) && typeof info.sessionID === "string") return validId(info.sessionID);
  const part = p.part;
  if (isObj(part) && typeof part.sessionID === "string") return validId(part.sessionID);
  return null;
}

export function validId(id: unknown): string | null {
  return typeof id === "string" && id.length > 0 && id.length <= kMaxIdLength ? id : null;
}
