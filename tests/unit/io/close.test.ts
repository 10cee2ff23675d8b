import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { IoService } from "../../../src/shared/io/io-service.js";
import { FaultFs } from "./fault-fs.js";
import { batch, type Dirs, lines, makeDirs, options, readSessionLog } from "./helpers.js";

describe("io lifecycle", () => {
  let d: Dirs;
  beforeEach(async () => {
    d = await makeDirs();
  });
  afterEach(async () => {
    await d.cleanup();
  });

  test("submit before init and after close is rejected with a clear error", async () => {
    const io = new IoService();
    await assert.rejects(io.submit(batch(1, [])), /init must be called/);
    await io.init(options(d));
    await io.close(100);
    await assert.rejects(
      io.submit(batch(2, [{ sessionID: "s", lines: lines("s", 0, 1) }])),
      /service is closed/,
    );
    await assert.rejects(io.init(options(d)), /closed/);
  });

  test("close flushes pending records, is idempotent, and closes every file", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const ack = io.submit(batch(1, [{ sessionID: "c", lines: lines("c", 0, 5) }]));
    const [s1, s2] = await Promise.all([io.close(1000), io.close(1000)]);
    assert.equal(s1, s2);
    assert.equal((await ack).accepted, 5);
    assert.equal(s1.recordsWritten, 5);
    assert.equal((await readSessionLog(d.logDir, "c")).length, 5);
    assert.equal(fs.calls.open, fs.calls.close);
    assert.equal((await io.flush()).recordsWritten, 5, "flush after close returns stats");
  });

  test("close on a stalled disk returns at its deadline and releases every ack", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const release = fs.stall();
    const first = io.submit(batch(1, [{ sessionID: "z", lines: lines("z", 0, 2) }]));
    await new Promise((r) => setTimeout(r, 10));
    const second = io.submit(batch(2, [{ sessionID: "z", lines: lines("z", 2, 3) }]));
    const st = await io.close(100);
    assert.deepEqual(await second, { seq: 2, accepted: 0, dropped: 3 });
    assert.equal(st.dropReasons["close-deadline"], 3);
    release();
    // The write in flight at close still completes and settles its ack.
    assert.equal((await first).accepted, 2);
  });

  test("init twice is a programming error", async () => {
    const io = new IoService();
    await io.init(options(d));
    await assert.rejects(io.init(options(d)), /twice/);
    await io.close(100);
  });
});
