/**
 * Scenario 9, feature cost: main-thread µs per call of single features, so a regression shows up
 * where it happens. Ours runs with poolSize 0 (inline), the naive column runs the baseline's
 * equivalent function where one exists.
 *  - security: ours through tool.execute.before (all default features; the guard dominates), naive
 *    through its guard; verdict-cache hit (a repeated command) and miss (a new command each call);
 *  - system.transform with an unchanged view (the byte-identical cached block);
 *  - error scan of a clean output, inline: ours scans a head+tail window, naive all 25 regexes
 *    over the whole text;
 *  - log record: serialise and redact one record;
 *  - adversarial redaction: a long run of "._-" characters (the original's email pattern is
 *    quadratic on it, so the naive input is capped at 16 KiB; ours gets 50 KiB).
 */
import { homedir } from "node:os";
import { scanToolOutput } from "../../src/shared/scan/index.js";
import { detectError } from "../baselines/naive-errors.js";
import { filterPii, filterPiiFromObject } from "../baselines/naive-pii.js";
import { NaiveGuard } from "../baselines/naive-security.js";
import { parseArgs, progress } from "../lib/cli.js";
import { bashPayloads } from "../lib/host.js";
import { loopStarted, nextTurn } from "../lib/measure.js";
import { openSession, withSubject } from "../lib/plan.js";
import { COLUMNS, emit, info, newResult } from "../lib/report.js";
import { KiB, median, sig } from "../lib/stats.js";
import { toolOutput } from "../lib/text.js";

const args = parseArgs();
const started = performance.now();
const N = args.quick ? 300 : 20_000;
const ROUNDS = 5;
const ADV_NAIVE = args.quick ? 4 * KiB : 16 * KiB;
const ADV_OURS = 50 * KiB;

// Yield to the event loop this often, so deferred work (flushes, batches) runs inside the timing
// and buffers never fill up as they would in a loop that never yields.
const YIELD_EVERY = 256;

async function perCall(n: number, fn: (i: number) => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const p = fn(r * n + i);
      if (p instanceof Promise) await p;
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await nextTurn();
    }
    rounds.push(((performance.now() - t0) * 1000) / n);
  }
  return median(rounds);
}

await loopStarted();
const result = newResult("feature-cost", "main-thread µs per call of single features", args, [
  COLUMNS.naive,
  COLUMNS.inline,
]);
const row = (metric: string, naive: number | null, ours: number | null, unit = "µs/call") =>
  result.rows.push(info(metric, unit, { naive, inline: ours }));

// ---- naive side (pure functions)
const guard = new NaiveGuard();
const naiveHit = await perCall(N, () => guard.check("bash", { command: "git status" }));
const naiveMiss = await perCall(N, (i) => guard.check("bash", { command: `ls -la src/dir_${i}` }));
const out2 = toolOutput(2 * KiB, "ascii");
const out2u = toolOutput(2 * KiB, "unicode");
const out50 = toolOutput(50 * KiB, "ascii");
const naiveScan2 = await perCall(N, () => detectError({ output: out2 }, 0));
const naiveScan2u = await perCall(N, () => detectError({ output: out2u }, 0));
const naiveScan50 = await perCall(Math.ceil(N / 20), () => detectError({ output: out50 }, 0));
const recordData = {
  tool: "bash",
  callID: "call_01JABCDEF",
  command: "git log --oneline -5 && curl -s https://api.example.com/v1/status",
  exit: 0,
  outputChars: 2048,
  title: "git log --oneline -5",
};
const naiveRecord = await perCall(N, () =>
  JSON.stringify({
    timestamp: new Date().toISOString(),
    level: "debug",
    sessionId: "ses_x",
    event: "tool.after",
    data: filterPiiFromObject(recordData),
  }),
);
const adversarialNaive = "._-".repeat(Math.ceil(ADV_NAIVE / 3)).slice(0, ADV_NAIVE);
const adversarialOurs = "._-".repeat(Math.ceil(ADV_OURS / 3)).slice(0, ADV_OURS);
const naiveAdv = await perCall(args.quick ? 1 : 2, () => filterPii(adversarialNaive));
progress(`naive: adversarial ${ADV_NAIVE / KiB} KiB ${sig(naiveAdv / 1000)} ms`);

// ---- ours (inline subject + shared functions)
const ours = await withSubject("inline", "features", async (s, temp) => {
  await openSession(s, "ses_feat");
  const h = s.ours!.hooks as Record<string, (i: unknown, o: unknown) => Promise<void>>;
  let callSeq = 0;
  const before = (command: string) => {
    const p = bashPayloads({ sessionID: "ses_feat", callID: `c${++callSeq}`, command, output: "", exit: 0 });
    return h["tool.execute.before"]!(p.beforeInput, p.beforeOutput);
  };
  await before("git status");
  const hit = await perCall(N, () => before("git status"));
  const miss = await perCall(N, (i) => before(`ls -la src/dir_${i}`));
  const transform = h["experimental.chat.system.transform"];
  let transformUs: number | null = null;
  if (transform) {
    const call = () =>
      transform(
        { sessionID: "ses_feat", model: {} },
        { system: ["You are OpenCode, the best coding agent."] },
      );
    await call();
    transformUs = await perCall(N, call);
  }
  const rt = s.ours!.runtime!;
  const logUs = await perCall(N, () => rt.log.write("ses_feat", "info", "tool.after", "bash ok", recordData));
  await s.settle();
  const redact = await import("../../src/shared/redact/index.js");
  const { redactor } = redact.compileRedactor({ homeDir: temp.env.HOME ?? homedir(), customPatterns: [] });
  const line = JSON.stringify({
    level: 30,
    time: Date.now(),
    msg: "bash ok",
    sessionID: "ses_feat",
    event: "tool.after",
    data: recordData,
  });
  const redactUs = await perCall(N, () => redact.redactJsonLine(redactor, line));
  const advUs = await perCall(args.quick ? 2 : 20, () => redact.redactText(redactor, adversarialOurs));
  return { hit, miss, transformUs, logUs, redactUs, advUs };
});
const scan = (text: string) => scanToolOutput({ tool: "bash", output: text, exitCode: 0 });
const oursScan2 = await perCall(N, () => scan(out2));
const oursScan2u = await perCall(N, () => scan(out2u));
const oursScan50 = await perCall(Math.ceil(N / 20), () => scan(out50));

row("security check, verdict cache hit (ours: whole tool.execute.before hook)", naiveHit, ours?.hit ?? null);
row("security check, cache miss (a new command each call)", naiveMiss, ours?.miss ?? null);
row("system.transform, unchanged view (cached block)", null, ours?.transformUs ?? null);
row("error scan inline, 2 KiB clean ASCII", naiveScan2, oursScan2);
row("error scan inline, 2 KiB clean non-ASCII", naiveScan2u, oursScan2u);
row("error scan inline, 50 KiB clean ASCII", naiveScan50, oursScan50);
row(
  "log record: serialise (ours: pino into the flush window; naive: PII filter + JSON)",
  naiveRecord,
  ours?.logUs ?? null,
);
row("log record: redact one serialised record (ours)", null, ours?.redactUs ?? null);
row(
  `adversarial "._-" run: naive ${ADV_NAIVE / KiB} KiB (capped), ours ${ADV_OURS / KiB} KiB`,
  naiveAdv / 1000,
  ours ? ours.advUs / 1000 : null,
  "ms",
);
result.notes.push(
  "naive security and scan rows call the baseline's functions directly; ours' security rows go through the whole tool.execute.before hook (all default features), so they include the hook composition.",
  `naive's email pattern is quadratic on a run without "@": its adversarial input is capped at ${ADV_NAIVE / KiB} KiB (4× the length costs ~16× the time).`,
);
emit(result, args, started);
