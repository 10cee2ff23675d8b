import assert from "node:assert/strict";
import { readdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { IoService } from "../../../src/shared/io/io-service.js";
import { FaultFs } from "./fault-fs.js";
import { batch, type Dirs, lines, makeDirs, options } from "./helpers.js";

const DAY = 86_400_000;
const NOW = Date.now();

/** `n` files named by `name(i)`, file i being `size` bytes and i½ hours old (index order = age order, newest first). */
async function makeFiles(dir: string, n: number, name: (i: number) => string, size = 100): Promise<void> {
  const body = "x".repeat(size);
  for (let i = 0; i < n; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, async (_, k) => {
        const p = join(dir, name(i + k));
        await writeFile(p, body);
        const t = (NOW - (i + k) * 3_600_000 - 1_800_000) / 1000;
        await utimes(p, t, t);
      }),
    );
  }
}

/**
 * The service's timers are unref'd (they must never keep a host alive); a test waiting on them holds
 * the event loop open itself.
 */
async function settle(p: Promise<void>): Promise<void> {
  const keepAlive = setInterval(() => {}, 1000);
  try {
    await p;
  } finally {
    clearInterval(keepAlive);
  }
}

async function runRetention(d: Dirs, over: Parameters<typeof options>[1], fs = new FaultFs()) {
  const io = new IoService(fs);
  await io.init(options(d, { retentionDelayMs: 0, ...over }));
  await settle(io.whenRetentionDone());
  const st = await io.stats();
  await io.close(1000);
  return { st, fs };
}

describe("io retention", () => {
  let d: Dirs;
  beforeEach(async () => {
    d = await makeDirs();
    const io = new IoService();
    await io.init(options(d));
    await io.close(100);
  });
  afterEach(async () => {
    await d.cleanup();
  });

  test("by count: 2000 logs, maxFiles 500 → the 500 newest remain; foreign files untouched", async () => {
    await makeFiles(d.logDir, 2000, (i) => (i % 2 ? `s${i}.jsonl` : `s${i}.3.jsonl`));
    await writeFile(join(d.logDir, "notes.txt"), "mine");
    await writeFile(join(d.logDir, "a.jsonl.bak"), "mine");
    await writeFile(join(d.logDir, "a.b.jsonl"), "mine");
    const { st, fs } = await runRetention(d, {
      logRetention: { maxFiles: 500, maxTotalBytes: 1e12, maxAgeDays: 0 },
    });
    assert.equal(st.retentionDeleted, 1500);
    const left = new Set(await readdir(d.logDir));
    assert.equal(left.size, 503);
    for (let i = 0; i < 500; i++)
      assert.ok(left.has(i % 2 ? `s${i}.jsonl` : `s${i}.3.jsonl`), `newest ${i} kept`);
    for (const f of ["notes.txt", "a.jsonl.bak", "a.b.jsonl"]) assert.ok(left.has(f));
    assert.ok(fs.maxStatsInFlight <= 64, `stat concurrency ${fs.maxStatsInFlight}`);
  });

  test("by total size, and state files separately from logs", async () => {
    await makeFiles(d.stateDir, 300, (i) => `st${i}.state.json`, 1000);
    await makeFiles(d.logDir, 50, (i) => `l${i}.jsonl`, 1000);
    const { st } = await runRetention(d, {
      stateRetention: { maxFiles: 10_000, maxTotalBytes: 100_000, maxAgeDays: 0 },
      logRetention: { maxFiles: 10_000, maxTotalBytes: 1e12, maxAgeDays: 0 },
    });
    assert.equal(st.retentionDeleted, 200);
    const left = await readdir(d.stateDir);
    assert.equal(left.length, 100);
    assert.ok(left.every((n) => Number(n.slice(2, -".state.json".length)) < 100));
    assert.equal((await readdir(d.logDir)).length, 50);
  });

  test("by age, and stray temp files over an hour old", async () => {
    await makeFiles(d.logDir, 96, (i) => `age${i}.jsonl`); // ½ to 95½ hours old
    await makeFiles(d.stateDir, 3, (i) => `.s${i}.123-abc.${i}.tmp`); // ½, 1½, 2½ hours old
    const { st } = await runRetention(d, {
      logRetention: { maxFiles: 10_000, maxTotalBytes: 1e12, maxAgeDays: 2 },
    });
    const left = await readdir(d.logDir);
    assert.equal(left.length, 48, "up to 47½ hours old remain");
    assert.deepEqual(await readdir(d.stateDir), [".s0.123-abc.0.tmp"]);
    assert.equal(st.retentionDeleted, 48 + 2);
  });

  test("init returns before retention runs, doing only mkdir", async () => {
    await makeFiles(d.logDir, 2000, (i) => `r${i}.jsonl`, 10);
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(
      options(d, {
        retentionDelayMs: 50,
        logRetention: { maxFiles: 10, maxTotalBytes: 1e12, maxAgeDays: 0 },
      }),
    );
    const { mkdirp, ...others } = fs.calls;
    assert.equal(mkdirp, 2);
    assert.ok(
      Object.values(others).every((n) => n === 0),
      `init did more than mkdir: ${JSON.stringify(others)}`,
    );
    assert.equal((await readdir(d.logDir)).length, 2000);
    assert.equal((await io.stats()).retentionDeleted, 0);
    await settle(io.whenRetentionDone());
    assert.equal((await io.stats()).retentionDeleted, 1990);
    await io.close(1000);
  });

  test("never deletes a log file that is open for writing", async () => {
    await makeFiles(d.logDir, 20, (i) => `old${i}.jsonl`);
    const io = new IoService();
    await io.init(
      options(d, {
        retentionDelayMs: 100,
        logRetention: { maxFiles: 1, maxTotalBytes: 1e12, maxAgeDays: 1 },
      }),
    );
    await io.submit(batch(1, [{ sessionID: "live", lines: lines("live", 0, 2) }]));
    const ancient = (NOW - 30 * DAY) / 1000;
    await utimes(join(d.logDir, "live.jsonl"), ancient, ancient);
    await settle(io.whenRetentionDone());
    assert.deepEqual(await readdir(d.logDir), ["live.jsonl"]);
    await io.submit(batch(2, [{ sessionID: "live", lines: lines("live", 2, 1) }]));
    await io.close(1000);
  });

  test("close during a pending retention pass cancels it", async () => {
    await makeFiles(d.logDir, 10, (i) => `c${i}.jsonl`);
    const io = new IoService();
    await io.init(
      options(d, {
        retentionDelayMs: 10_000,
        logRetention: { maxFiles: 1, maxTotalBytes: 1e12, maxAgeDays: 0 },
      }),
    );
    await io.close(100);
    await io.whenRetentionDone();
    assert.equal((await readdir(d.logDir)).length, 10);
  });
});
