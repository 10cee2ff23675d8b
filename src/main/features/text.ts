/** Text of a user message's parts (chat.message output), bounded. */
export function userText(parts: unknown, max = 16 * 1024): string {
  if (!Array.isArray(parts)) return "";
  let out = "";
  for (const p of parts as { type?: unknown; text?: unknown; synthetic?: unknown }[]) {
    if (p?.type === "text" && typeof p.text === "string" && p.synthetic !== true) {
      // Cut each part before joining: slicing a long flat text is cheap, flattening a joined one is not.
      const room = max - out.length - (out ? 1 : 0);
      out += (out ? "\n" : "") + (p.text.length > room ? p.text.slice(0, room) : p.text);
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** Marks the prompts Atreides itself sends (continuations), so they are not mistaken for the user. */
export const CONTINUATION_MARKER = "[Atreides: todo continuation]";
