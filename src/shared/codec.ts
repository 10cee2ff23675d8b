/**
 * The one msgpackr configuration for bytes that cross threads. Strings are packed as UTF-8 by the
 * (native when available) encoder, so a batch of two-byte strings becomes one transferable buffer.
 */
import { Packr } from "msgpackr";

// Records off: task payloads are small batches of heterogeneous objects; structures would need both
// sides to share and persist a structure table for little gain at these sizes.
const packr = new Packr({ useRecords: false, moreTypes: false });

/** Pack into a buffer that owns its memory (safe to transfer: not a view into a shared pool). */
export function packOwned(value: unknown): Uint8Array {
  const view = packr.pack(value);
  const owned = new Uint8Array(view.byteLength);
  owned.set(view);
  return owned;
}

export function unpack<T>(bytes: Uint8Array): T {
  return packr.unpack(bytes) as T;
}
