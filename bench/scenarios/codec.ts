/**
 * Scenario 8, codec: JSON vs msgpackr for a session state of 13 KiB and of 1 MiB (as JSON):
 * encode and decode time on the host thread and encoded size. Informs the state-file format.
 * msgpackr is measured as the project configures it (useRecords off) and with records (shared
 * structures), its fastest mode for repeated shapes.
 */
import { Packr } from "msgpackr";
import { createSessionState, type SessionState } from "../../src/shared/state/session-state.js";
import { parseArgs, progress } from "../lib/cli.js";
import { loopStarted } from "../lib/measure.js";
import { type Column, emit, info, newResult } from "../lib/report.js";
import { KiB, MiB, median, sig } from "../lib/stats.js";

const args = parseArgs();
const started = performance.now();
const ROUNDS = 5;

function state(targetBytes: number): SessionState {
  const s = createSessionState("ses_codec_01JABCDEFGHJKMNPQRSTVWXYZ", 1_732_000_000_000);
  s.phase = "implementation";
  for (let i = 0; i < 50; i++)
    s.toolHistory.push({
      tool: i % 3 ? "bash" : "edit",
      ok: i % 9 !== 0,
      at: 1_732_000_000_000 + i * 1000,
      ms: (i * 37) % 900,
    });
  for (let i = 0; i < 20; i++)
    s.phaseHistory.push({ from: "exploration", to: "implementation", at: 1_732_000_000_000 + i, by: "edit" });
  s.stats = { toolCalls: 500, toolErrors: 12, byTool: { bash: 300, edit: 150, read: 50 } };
  const todos = s.todos as unknown as { content: string; status: string; priority: string }[];
  // Size grows by each todo's JSON plus a comma; one stringify of the base, none per todo.
  let size = JSON.stringify(s).length;
  for (let i = 0; size < targetBytes; i++) {
    const t = {
      content: `Step ${i}: update src/feature_${i % 40}/handler.ts so the parser accepts nested lists and add a test`,
      status: i % 3 === 0 ? "completed" : i % 3 === 1 ? "in_progress" : "pending",
      priority: i % 2 ? "high" : "medium",
    };
    todos.push(t);
    size += JSON.stringify(t).length + 1;
  }
  return s;
}

/** Mean µs per call of `fn` over `n` calls, median of ROUNDS rounds. */
function time(n: number, fn: () => unknown): number {
  const rounds: number[] = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink ^= (fn() as { length?: number })?.length ?? 1;
    rounds.push(((performance.now() - t0) * 1000) / n);
  }
  if (sink === 0.5) progress("unreachable");
  return median(rounds);
}

await loopStarted();
const columns: Column[] = [
  { id: "json", label: "JSON" },
  { id: "msgpackr", label: "msgpackr (project config)" },
  { id: "records", label: "msgpackr + records" },
];
const result = newResult("codec", "session state: JSON vs msgpackr", args, columns);
const plain = new Packr({ useRecords: false, moreTypes: false });
const records = new Packr({ useRecords: true, structures: [] });

for (const [label, bytes, n] of [
  ["13 KiB", 13 * KiB, args.quick ? 200 : 3000],
  ["1 MiB", MiB, args.quick ? 5 : 60],
] as const) {
  const s = state(bytes);
  const json = JSON.stringify(s);
  const packed = plain.pack(s);
  const rec = records.pack(s);
  // Round-trip sanity: every codec gives back the same document.
  const same = JSON.stringify(plain.unpack(packed)) === json && JSON.stringify(records.unpack(rec)) === json;
  result.rows.push(
    info(`${label} encode`, "µs", {
      json: time(n, () => JSON.stringify(s)),
      msgpackr: time(n, () => plain.pack(s)),
      records: time(n, () => records.pack(s)),
    }),
    info(`${label} decode`, "µs", {
      json: time(n, () => JSON.parse(json)),
      msgpackr: time(n, () => plain.unpack(packed)),
      records: time(n, () => records.unpack(rec)),
    }),
    info(`${label} size`, "KiB", {
      json: Buffer.byteLength(json) / KiB,
      msgpackr: packed.length / KiB,
      records: rec.length / KiB,
    }),
    info(`${label} round trip identical`, "", {
      json: "yes",
      msgpackr: same ? "yes" : "NO",
      records: same ? "yes" : "NO",
    }),
  );
  progress(`${label}: json ${sig(Buffer.byteLength(json) / KiB)} KiB`);
}
const small = state(13 * KiB);
result.rows.push(
  info("structuredClone 13 KiB (reference: posting the object to a worker)", "µs", {
    json: time(args.quick ? 200 : 3000, () => structuredClone(small)),
    msgpackr: null,
    records: null,
  }),
);
result.notes.push(
  "Decision input, not a target: the state file must be redactable as text and readable by `atreides state` and by users, which favours JSON unless msgpackr is clearly cheaper at the sizes states really have (KiBs; persisted lists are capped).",
  "Records mode needs the same structure table on both sides (or stored in the file), which a standalone state file reader would not have.",
);
emit(result, args, started);
