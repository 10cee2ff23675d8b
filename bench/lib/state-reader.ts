/**
 * A separate process that reads a state file every few milliseconds and counts reads that do not
 * parse (torn or half-renamed files), like a CLI or a resuming host reading while the plugin saves.
 *   node state-reader.js <path> <naive|ours> <periodMs>
 * Runs until stdin closes, then prints {"reads":N,"failures":M} on stdout.
 */
import { readFile } from "node:fs/promises";
import { splitStateFile } from "../../src/shared/state/file-format.js";

const [path, format, period] = process.argv.slice(2);
if (!path || (format !== "naive" && format !== "ours"))
  throw new Error("usage: state-reader <path> <naive|ours> <periodMs>");
const periodMs = Number(period) || 5;

function parses(text: string): boolean {
  if (format === "naive") {
    JSON.parse(text);
    return true;
  }
  const f = splitStateFile(text);
  if (!f) return false;
  JSON.parse(f.body);
  return true;
}

let stopped = false;
let reads = 0;
let failures = 0;
process.stdin.on("end", () => (stopped = true));
process.stdin.on("close", () => (stopped = true));
process.stdin.resume();
process.stdout.write("ready\n");
while (!stopped) {
  try {
    const text = await readFile(path, "utf8");
    reads++;
    try {
      if (!parses(text)) failures++;
    } catch {
      failures++;
    }
  } catch {
    // missing between renames: retried, not counted
  }
  await new Promise((r) => setTimeout(r, periodMs));
}
process.stdout.write(`${JSON.stringify({ reads, failures })}\n`);
process.exit(0);
