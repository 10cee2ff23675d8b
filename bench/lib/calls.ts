/**
 * Driving tool calls the way OpenCode does: `tool.execute.before` awaited, then
 * `tool.execute.after` awaited, one call after another within a session.
 */
import { bashPayloads, type ToolCall } from "./host.js";
import type { Subject } from "./subjects.js";

/** One bash call through both hooks; returns the host-visible latency in µs (both hooks, awaited). */
export async function toolCall(subject: Subject, call: ToolCall): Promise<number> {
  const p = bashPayloads(call);
  const t0 = performance.now();
  await subject.before(p.beforeInput, p.beforeOutput);
  await subject.after(p.afterInput, p.afterOutput);
  return (performance.now() - t0) * 1000;
}
