/**
 * Hostile input at the plugin level: config values of every wrong type, malformed and unknown events,
 * garbage hook payloads (fast-check properties), tool outputs that are binary, lone surrogates,
 * 100 MiB or one 50 MiB line, session ids that try to escape the data dir, adversarial text for every
 * built-in matcher (a combined worst-time report), and catastrophic user patterns.
 *
 * Per-rule adversarial inputs live with their rules: tests/unit/redact/adversarial.test.ts,
 * tests/unit/scan/adversarial.test.ts, tests/unit/security/adversarial.test.ts,
 * tests/unit/todos/adversarial.test.ts. The report test below runs one shared set through all of
 * them together and prints the worst time seen.
 */

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { FN_HOOKS } from "../../src/main/hooks/table.js";
import { type Atreides, createAtreides } from "../../src/main/plugin.js";
import { configSchema, DEFAULT_CONFIG } from "../../src/shared/config/schema.js";
import { compileRedactor, redactJsonLine, redactText } from "../../src/shared/redact/index.js";
import { DEFAULT_SCAN_OPTIONS, sanitizeForPrompt, scanToolOutput } from "../../src/shared/scan/index.js";
import { compileSecurityPolicy, evaluateToolCall } from "../../src/shared/security/index.js";
import { decodeStateFileText } from "../../src/shared/state/persisted.js";
import { DEFAULT_THINK_TRIGGERS, detectThinkLevel } from "../../src/shared/think/index.js";
import { normalizeTodos, parseChecklist } from "../../src/shared/todos/index.js";
import { classifyCommand, classifyIntent } from "../../src/shared/workflow/index.js";
import {
  allText,
  bash,
  ev,
  type Host,
  makeHost,
  readLogRecords,
  systemPrompt,
  until,
  walk,
} from "./helpers.js";

// A regression that hangs (a call on a dead worker, a stuck pipeline) fails instead of stalling the suite.
const kTestTimeoutMs = 120_000;
const KiB = 1024;
const MiB = 1024 * KiB;
// Safety bounds, not benchmarks: a hook records and returns (well under 100 ms when healthy).
const kHookBoundMs = 250;
// A linear matcher needs a few ms for 50 KiB; a quadratic one takes seconds.
const kMatcherBoundMs = 1_500;

async function timed(p: Promise<unknown> | undefined): Promise<number> {
  const t0 = performance.now();
  await p;
  return performance.now() - t0;
}

function callHook(
  a: Atreides,
  name: (typeof FN_HOOKS)[number],
  input: unknown,
  output: unknown,
): Promise<void> {
  return (a.hooks[name] as (i: unknown, o: unknown) => Promise<void>)(input, output);
}

// ---- config -------------------------------------------------------------------------------------

/** Every key path of the config (objects and leaves), plus the optional keys without defaults. */
function configPaths(v: unknown, prefix: string[] = []): string[][] {
  const out: string[][] = prefix.length ? [prefix] : [];
  if (v && typeof v === "object" && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) out.push(...configPaths(x, [...prefix, k]));
  return out;
}
const PATHS = [
  ...configPaths(DEFAULT_CONFIG),
  ["logging", "dir"],
  ["persistence", "dir"],
  ["$schema"],
  ["nope", "x"],
];
const LEAVES = PATHS.filter((p) => {
  const d = getAt(DEFAULT_CONFIG, p);
  return d === undefined || typeof d !== "object" || Array.isArray(d);
});

function getAt(root: unknown, path: readonly string[]): unknown {
  let cur = root;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function nest(path: readonly string[], value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (const k of [...path].reverse()) out = { [k]: out };
  return out as Record<string, unknown>;
}

describe("hostile config", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "atreides-hostile-cfg-"));
    env = { HOME: join(root, "home"), XDG_DATA_HOME: join(root, "data"), XDG_CONFIG_HOME: join(root, "cfg") };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const input = () => ({ client: {}, directory: join(root, "proj"), worktree: join(root, "proj") }) as never;

  async function check(options: unknown, leaf: string[] | null): Promise<void> {
    let a: Atreides | undefined;
    assert.doesNotThrow(() => {
      a = createAtreides(input(), options, { env });
    });
    try {
      assert.ok(Array.isArray(a!.issues));
      for (const i of a!.issues)
        for (const k of ["source", "path", "received", "expected", "fix"] as const)
          assert.equal(typeof i[k], "string");
      const valid = configSchema.safeParse(options ?? {}).success;
      if (!valid)
        assert.ok(a!.issues.length > 0, `no issue reported for ${JSON.stringify(options)?.slice(0, 200)}`);
      const rt = a!.runtime;
      if (rt) {
        assert.ok(configSchema.safeParse(rt.cfg).success, "the resolved config is valid");
        // A wrong scalar falls back to its default (a list keeps its valid items, so not checked here).
        const dflt = leaf ? getAt(DEFAULT_CONFIG, leaf) : undefined;
        if (leaf && !valid && dflt !== undefined && !Array.isArray(dflt))
          assert.deepEqual(getAt(rt.cfg, leaf), getAt(DEFAULT_CONFIG, leaf), leaf.join("."));
      }
    } finally {
      await a?.hooks.dispose?.();
    }
  }

  test("fixed: every leaf set to every wrong type", { timeout: kTestTimeoutMs }, async () => {
    const wrong: unknown[] = [
      null,
      true,
      -1,
      1.5,
      2 ** 53,
      "",
      "x".repeat(2_000),
      [],
      [1, "a"],
      {},
      { a: 1 },
    ];
    for (const leaf of LEAVES) for (const v of wrong) await check(nest(leaf, v), leaf);
  });

  test(
    "property: fc.anything() at a random key path never throws, is reported, and leaves a valid config",
    { timeout: kTestTimeoutMs },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...PATHS), fc.anything(), async (path, value) => {
          await check(nest(path, value), LEAVES.includes(path) ? path : null);
        }),
        { numRuns: 300 },
      );
    },
  );

  test("property: the options argument itself is anything", { timeout: kTestTimeoutMs }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (options) => check(options, null)),
      { numRuns: 100 },
    );
  });
});

// ---- events and hook payloads ---------------------------------------------------------------------

const EVENT_TYPES = [
  "session.created",
  "session.updated",
  "session.deleted",
  "session.idle",
  "session.error",
  "session.compacted",
  "session.status",
  "todo.updated",
  "message.updated",
  "message.part.updated",
  "message.removed",
  "file.edited",
  "permission.updated",
  "no.such.event",
];

describe("hostile events and hook payloads", () => {
  let h: Host;
  before(() => {
    h = makeHost("atreides-hostile-ev-", { offload: { poolSize: 0 } });
  });
  after(() => h.cleanup());

  test(
    "property: anything as the event never rejects; malformed ones are counted",
    { timeout: kTestTimeoutMs },
    async () => {
      const before = h.rt.counters.eventsMalformed;
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (raw) => {
          await h.a.hooks.event!({ event: raw as never });
        }),
        { numRuns: 300 },
      );
      assert.ok(h.rt.counters.eventsMalformed > before);
      await h.a.hooks.event!(undefined as never);
      await h.a.hooks.event!(null as never);
    },
  );

  test(
    "property: known and unknown event types with anything as properties",
    { timeout: kTestTimeoutMs },
    async () => {
      const props = fc.oneof(
        fc.anything(),
        fc.record(
          {
            sessionID: fc.oneof(fc.constantFrom("ses_ev1", "ses_ev2"), fc.anything()),
            info: fc.anything(),
            part: fc.oneof(
              fc.anything(),
              fc.record({
                type: fc.constant("tool"),
                callID: fc.anything(),
                tool: fc.anything(),
                state: fc.anything(),
              }),
            ),
            todos: fc.anything(),
            error: fc.anything(),
          },
          { requiredKeys: [] },
        ),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...EVENT_TYPES), props, async (type, properties) => {
          await ev(h, type, properties);
        }),
        { numRuns: 400 },
      );
      // The plugin is still working afterwards.
      await bash(h, "ses_ev1", "c_after", "mark-after-events");
      const system = await systemPrompt(h, "ses_ev1");
      assert.equal(system.length, 2);
    },
  );

  test(
    "property: anything as any hook's input and output never throws (only the security block may)",
    { timeout: kTestTimeoutMs },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...FN_HOOKS),
          fc.anything(),
          fc.anything(),
          async (name, input, output) => {
            try {
              await callHook(h.a, name, input, output);
            } catch (err) {
              assert.equal(name, "tool.execute.before", `${name} threw ${String(err)}`);
              assert.equal((err as Error).name, "AtreidesBlock");
            }
          },
        ),
        { numRuns: 500 },
      );
      const system = await systemPrompt(h, "ses_ev2");
      assert.equal(system.length, 2, "the session goes on");
    },
  );
});

// ---- tool outputs ----------------------------------------------------------------------------------

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

describe("hostile tool outputs", () => {
  let h: Host;
  before(async () => {
    h = makeHost("atreides-hostile-out-", { offload: { poolSize: 1 }, logging: { flushIntervalMs: 20 } });
    await ev(h, "session.created", { sessionID: "ses_out", info: { id: "ses_out" } });
    await bash(h, "ses_out", "warm", "mark-warm"); // first-call costs out of the measurements
  });
  after(() => h.cleanup());

  test(
    "binary output (random bytes as latin1): logs stay JSONL, the prompt gets no control characters",
    { timeout: kTestTimeoutMs },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 4 * KiB }),
          fc.integer({ min: 0, max: 2 }),
          async (bytes, exit) => {
            const out = Buffer.from(bytes).toString("latin1");
            await h.a.hooks["tool.execute.after"]!(
              {
                tool: "bash",
                sessionID: "ses_out",
                callID: "bin",
                args: { command: `cat blob ${out.slice(0, 40)}` },
              } as never,
              { title: out.slice(0, 30), output: out, metadata: { exit } },
            );
          },
        ),
        { numRuns: 100 },
      );
      await h.a.hooks["tool.execute.after"]!(
        { tool: "bash", sessionID: "ses_out", callID: "bin2", args: { command: "cat blob" } } as never,
        {
          title: "",
          output: `Error: \u0000\u001b[31mboom\u0007\u0008 ${"\u00ff".repeat(100)}`,
          metadata: { exit: 1 },
        },
      );
      const system = await systemPrompt(h, "ses_out");
      assert.ok(!CONTROL.test(system[1]!), "no control characters reach the system prompt");
      await h.rt.pipeline.flushNow();
      await h.rt.io.flush();
      assert.ok(readLogRecords(join(h.dataDir, "logs")).length > 0);
      for (const f of walk(join(h.dataDir, "logs")))
        for (const line of readFileSync(f, "utf8").split("\n").filter(Boolean)) JSON.parse(line);
    },
  );

  test(
    "lone surrogates in outputs, commands and titles: every file written is valid UTF-8 JSON",
    { timeout: kTestTimeoutMs },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (s) => {
          await h.a.hooks["tool.execute.after"]!(
            { tool: "bash", sessionID: "ses_out", callID: "sur", args: { command: `echo ${s}` } } as never,
            { title: s, output: s, metadata: { exit: 1 } },
          );
        }),
        { numRuns: 100 },
      );
      await h.a.hooks["tool.execute.after"]!(
        {
          tool: "bash",
          sessionID: "ses_out",
          callID: "sur2",
          args: { command: "echo \ud800 \udfff x\ud83d" },
        } as never,
        { title: "\udc00", output: "Error: \ud800", metadata: { exit: 1 } },
      );
      await h.rt.pipeline.flushNow();
      await h.rt.io.flush();
      for (const f of walk(h.dataDir)) {
        const bytes = readFileSync(f);
        assert.ok(Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes), `${f} is valid UTF-8`);
        if (f.endsWith(".jsonl"))
          for (const line of bytes.toString("utf8").split("\n").filter(Boolean)) JSON.parse(line);
      }
    },
  );

  test(
    "100 MiB outputs (two in one tick) and one 50 MiB line: hooks return fast, memory stays bounded",
    { timeout: kTestTimeoutMs },
    async (t) => {
      // Built by concatenation, as a host builds output: reading such a string's content anywhere in a
      // hook would first flatten all of it.
      const chunk = `${"lorem ipsum dolor sit amet ".repeat(40)}\n`;
      const big = `${chunk.repeat(Math.ceil((100 * MiB) / chunk.length))}npm ERR! code ELIFECYCLE\n`;
      const line = `${"a".repeat(50 * MiB)} Error: the end`;
      const rss0 = process.memoryUsage().rss;
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const hookMs: number[] = [];
      const calls = [
        timed(
          h.a.hooks["tool.execute.after"]!(
            { tool: "bash", sessionID: "ses_out", callID: "big1", args: { command: "cat big" } } as never,
            { title: "big", output: big, metadata: { exit: 1 } },
          ),
        ),
        timed(
          h.a.hooks["tool.execute.after"]!(
            { tool: "mcp_fetch", sessionID: "ses_out", callID: "big2", args: {} } as never,
            { title: "big", output: big, metadata: {} },
          ),
        ),
      ];
      hookMs.push(...(await Promise.all(calls)));
      hookMs.push(
        await timed(
          h.a.hooks["tool.execute.after"]!(
            { tool: "bash", sessionID: "ses_out", callID: "line", args: { command: "cat line" } } as never,
            { title: "line", output: line, metadata: { exit: 2 } },
          ),
        ),
      );
      hookMs.push(
        await timed(
          h.a.hooks["chat.message"]!(
            { sessionID: "ses_out" } as never,
            { message: {}, parts: [{ type: "text", text: line }] } as never,
          ),
        ),
      );
      hookMs.push(
        await timed(
          h.a.hooks["experimental.text.complete"]!({ sessionID: "ses_out" } as never, { text: line }),
        ),
      );
      await h.rt.barrier.wait("ses_out", 10_000);
      await h.rt.pipeline.flushNow();
      loop.disable();
      const grownMiB = (process.memoryUsage().rss - rss0) / MiB;
      t.diagnostic(
        `hooks ${hookMs.map((m) => m.toFixed(1)).join(" / ")} ms; max event-loop delay ${(loop.max / 1e6).toFixed(0)} ms; RSS +${grownMiB.toFixed(0)} MiB`,
      );
      for (const ms of hookMs) assert.ok(ms < kHookBoundMs, `a hook took ${ms} ms`);
      // The outputs themselves are the caller's; only windows (16 KiB each) may be copied. Shipping
      // whole outputs to the pool costs several hundred MiB here.
      assert.ok(grownMiB < 200, `RSS grew ${grownMiB.toFixed(0)} MiB`);
      assert.ok(
        h.rt.registry.get("ses_out")!.state.strikes > 0,
        "the window was scanned (error in the tail)",
      );
      const system = await systemPrompt(h, "ses_out");
      assert.ok(Buffer.byteLength(system[1]!) < 8 * KiB, "the system block stays bounded");
    },
  );
});

// ---- session ids --------------------------------------------------------------------------------------

describe("hostile session ids", () => {
  test(
    "ids with ../, /, NUL, 10 KiB names: nothing is written outside data/atreides/{logs,state}",
    { timeout: kTestTimeoutMs },
    async () => {
      const h = makeHost("atreides-hostile-ids-", {
        offload: { poolSize: 1 },
        persistence: { debounceMs: 0 },
      });
      const ids = [
        "../../escape",
        "../",
        "..",
        ".",
        "/",
        "/etc/passwd",
        "a/../../b",
        "..\\..\\win",
        "nul\u0000byte",
        "\u0000",
        "x".repeat(200),
        "y".repeat(10 * KiB),
        "ses_ok",
        "ses_ok ",
        "CON",
        "🙂/../🙂",
        "~",
        "$HOME",
        "a\nb",
      ];
      try {
        for (const [i, sid] of ids.entries()) {
          await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
          await bash(h, sid, `c${i}`, `mark-id${i}`);
          await h.a.hooks["chat.message"]!(
            { sessionID: sid } as never,
            { message: {}, parts: [{ type: "text", text: "think" }] } as never,
          );
          await ev(h, "todo.updated", {
            sessionID: sid,
            todos: [{ id: "1", content: "t", status: "pending" }],
          });
        }
        await h.rt.pipeline.flushNow();
        await h.a.hooks.dispose!();
        const allowed = [join(h.dataDir, "logs"), join(h.dataDir, "state")];
        const files = walk(h.root);
        assert.ok(files.length > 0);
        for (const f of files) {
          const inside = allowed.some((d) => {
            const rel = relative(d, f);
            return rel !== "" && !rel.startsWith("..") && !rel.includes(sep);
          });
          assert.ok(inside, `${relative(h.root, f)} is outside the data dir`);
          assert.ok(!f.includes("\u0000"));
        }
        // Distinct ids never share a file: one state file per accepted id (ids over 256 chars are ignored).
        const states = files.filter((f) => f.endsWith(".state.json"));
        assert.equal(states.length, ids.filter((id) => id.length <= 256).length);
      } finally {
        await h.cleanup();
      }
    },
  );
});

// ---- built-in matchers: combined worst-time report --------------------------------------------------------

describe("adversarial text through every built-in matcher", () => {
  test("50 KiB hostile inputs: each bounded, worst time reported", { timeout: kTestTimeoutMs }, (t) => {
    const units = [
      "a",
      " ",
      "\t",
      "0",
      "1 ",
      "a@",
      "a.",
      "@a.",
      "AKIA",
      "ghp_",
      "sk_live_",
      "xoxb-",
      "eyJ",
      "eyJa.",
      "-----BEGIN ",
      "password=",
      "token: ",
      "://a:",
      "postgres://u:",
      "+1 (",
      "4111 ",
      "1.1.1.",
      "Error: ",
      "error TS",
      "    at ",
      "FAIL ",
      "npm ERR! ",
      "[ ] ",
      "- [",
      "* [x] ",
      "$(",
      "`",
      "'\"",
      "\\",
      "rm -rf ",
      "| sh ",
      "&&",
      ";",
      "../",
      "~/",
      "\u001b[",
      "\ud83d",
      "é",
      "think hard ",
      "ultrathink ",
      "/home/user/",
      "<<EOF\n",
      "${",
      "eval ",
      "\n",
    ];
    const inputs = units.map((u) => ({
      name: JSON.stringify(u),
      text: u.repeat(Math.ceil((50 * KiB) / u.length)),
    }));
    inputs.push({ name: "PEM without END", text: `-----BEGIN PRIVATE KEY-----\n${"A".repeat(50 * KiB)}` });
    const { redactor } = compileRedactor({ homeDir: "/home/user", customPatterns: [] });
    const { policy } = compileSecurityPolicy(
      {
        blockedPatterns: [],
        askPatterns: [],
        allowPatterns: [],
        blockedFiles: [],
        homeDir: "/home/user",
        projectDir: "/work/p",
      },
      "test",
    );
    const triggers = {
      think: [...DEFAULT_THINK_TRIGGERS.think],
      hard: [...DEFAULT_THINK_TRIGGERS.hard],
      max: [...DEFAULT_THINK_TRIGGERS.max],
    };
    const fns: Record<string, (s: string) => unknown> = {
      redactText: (s) => redactText(redactor, s),
      redactJsonLine: (s) =>
        redactJsonLine(redactor, JSON.stringify({ level: 30, msg: s.slice(0, 100), data: { s } })),
      scanToolOutput: (s) => scanToolOutput({ tool: "bash", output: s, exitCode: 1 }, DEFAULT_SCAN_OPTIONS),
      sanitizeForPrompt: (s) => sanitizeForPrompt(s, 300),
      securityBash: (s) => evaluateToolCall(policy, "bash", { command: s }),
      securityWrite: (s) => evaluateToolCall(policy, "write", { filePath: s.slice(0, 4 * KiB), content: s }),
      parseChecklist: (s) => parseChecklist(s),
      normalizeTodos: (s) => normalizeTodos([{ content: s, status: "pending" }]),
      detectThinkLevel: (s) => detectThinkLevel(s, { triggers }),
      classifyCommand: (s) => classifyCommand(s),
      classifyIntent: (s) => classifyIntent(s),
    };
    const worst: { fn: string; input: string; ms: number }[] = [];
    for (const [fn, run] of Object.entries(fns)) {
      let w = { fn, input: "", ms: 0 };
      for (const inp of inputs) {
        const t0 = performance.now();
        run(inp.text);
        const ms = performance.now() - t0;
        if (ms > w.ms) w = { fn, input: inp.name, ms };
        assert.ok(ms < kMatcherBoundMs, `${fn} took ${ms.toFixed(0)} ms on ${inp.name} × 50 KiB`);
      }
      worst.push(w);
    }
    worst.sort((a, b) => b.ms - a.ms);
    t.diagnostic(`worst: ${worst[0]!.fn} on ${worst[0]!.input} × 50 KiB: ${worst[0]!.ms.toFixed(1)} ms`);
    t.diagnostic(worst.map((w) => `${w.fn} ${w.ms.toFixed(1)} ms (${w.input})`).join("; "));
  });
});

/** Todos in a saved state file, or -1 when it is missing or does not decode. */
function savedTodos(file: string): number {
  try {
    return decodeStateFileText(readFileSync(file, "utf8"))?.todos.length ?? -1;
  } catch {
    return -1;
  }
}

// ---- catastrophic user patterns ----------------------------------------------------------------------

describe("catastrophic user patterns", () => {
  test(
    "rejected with an issue or run under the deadline; the host is unaffected",
    { timeout: kTestTimeoutMs },
    async (t) => {
      const h = makeHost("atreides-hostile-pat-", {
        offload: { poolSize: 1, taskTimeoutMs: 300 },
        logging: {
          flushIntervalMs: 20,
          // The first two backtrack exponentially (rejected at load); the third is only polynomial,
          // passes the check, and must not run on the host thread.
          redact: { customPatterns: ["(a+)+$", "(.*a){20}", "[\\s\\S]*x[\\s\\S]*y"] },
        },
        security: { blockedPatterns: ["(x+x+)+y"], allowPatterns: ["(a|a)*b"] },
        persistence: { debounceMs: 0 },
      });
      try {
        const paths = h.a.issues.map((i) => i.path);
        for (const p of [
          "logging.redact.customPatterns[0]",
          "logging.redact.customPatterns[1]",
          "security.blockedPatterns[0]",
          "security.allowPatterns[0]",
        ])
          assert.ok(paths.includes(p), `${p} rejected with an issue (issues: ${paths.join(", ")})`);
        const sid = "ses_pat";
        await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
        // A small state first: saved normally (in the pool, under the deadline).
        await ev(h, "todo.updated", {
          sessionID: sid,
          todos: [{ id: "0", content: "first todo", status: "pending" }],
        });
        const stateFile = join(h.dataDir, "state", `${sid}.state.json`);
        await until(() => savedTodos(stateFile) === 1, 10_000, "the first state save");

        const loop = monitorEventLoopDelay({ resolution: 5 });
        loop.enable();
        const as = "a".repeat(50 * KiB);
        const xs = `${"x".repeat(50 * KiB)}!`;
        const ms: number[] = [];
        for (const cmd of [`echo ${as}`, `echo ${xs}`, `echo ${"a".repeat(400)}`]) {
          ms.push(
            await timed(
              h.a.hooks["tool.execute.before"]!(
                { tool: "bash", sessionID: sid, callID: "p" },
                { args: { command: cmd } },
              ),
            ),
          );
          ms.push(
            await timed(
              h.a.hooks["tool.execute.after"]!(
                { tool: "bash", sessionID: sid, callID: "p", args: { command: cmd } } as never,
                { title: cmd.slice(0, 100), output: cmd, metadata: { exit: 1 } },
              ),
            ),
          );
        }
        ms.push(
          await timed(
            h.a.hooks["chat.message"]!(
              { sessionID: sid } as never,
              { message: {}, parts: [{ type: "text", text: as }] } as never,
            ),
          ),
        );
        // A state body of ~40 KiB with many x and no y: seconds for the polynomial pattern.
        const todos = Array.from({ length: 20 }, (_, i) => ({
          id: String(i),
          content: `${"ax".repeat(900)} ${i}`,
          status: "pending",
        }));
        await ev(h, "todo.updated", { sessionID: sid, todos });
        ms.push(await timed(systemPrompt(h, sid)));
        await until(
          () => h.rt.pool!.counters.timeouts >= 1,
          10_000,
          "the slow redaction to hit the deadline",
        );
        await h.rt.pipeline.flushNow();
        loop.disable();
        const maxDelay = loop.max / 1e6;
        t.diagnostic(
          `hooks ${ms.map((m) => m.toFixed(1)).join(" / ")} ms; max event-loop delay ${maxDelay.toFixed(0)} ms`,
        );
        for (const m of ms) assert.ok(m < kHookBoundMs, `a hook took ${m} ms`);
        assert.ok(maxDelay < 1_000, `the host's event loop was blocked for ${maxDelay.toFixed(0)} ms`);
        // The state that could not be redacted in time is not written: the saved one stays intact.
        await h.rt.io.flush();
        assert.ok(h.rt.pipeline.counters.statesSkipped >= 1);
        assert.equal(
          savedTodos(stateFile),
          1,
          "the previous state file is kept, not replaced by a degraded one",
        );
        assert.ok(!allText(h.dataDir).includes("ax".repeat(900)));
        // Logging goes on.
        await bash(h, sid, "after", "mark-pat-after");
        await h.rt.pipeline.flushNow();
        await h.rt.io.flush();
        assert.ok(
          readLogRecords(join(h.dataDir, "logs")).some((r) => JSON.stringify(r).includes("mark-pat-after")),
        );
      } finally {
        await h.cleanup();
      }
    },
  );
});
