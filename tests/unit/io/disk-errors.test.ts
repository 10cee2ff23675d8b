import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { afterEach, beforeEach, describe, test } from "node:test";
import type { IoAck } from "../../../src/shared/contracts/io-api.js";
import { IoService } from "../../../src/shared/io/io-service.js";
import { FaultFs } from "./fault-fs.js";
import { batch, type Dirs, lines, makeDirs, options, readSessionLog } from "./helpers.js";

describe("io disk errors", () => {
  let d: Dirs;
  beforeEach(async () => {
    d = await makeDirs();
  });
  afterEach(async () => {
    await d.cleanup();
  });

  test("ENOSPC: submit acks (buffered), nothing throws, records land once the disk recovers", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    fs.writeError = "ENOSPC";
    const ack = await io.submit(batch(1, [{ sessionID: "full", lines: lines("full", 0, 10) }]));
    assert.deepEqual(ack, { seq: 1, accepted: 10, dropped: 0 });
    // A session that is failing acks new records at once: they are held for the retry.
    const ack2 = await io.submit(batch(2, [{ sessionID: "full", lines: lines("full", 10, 5) }]));
    assert.equal(ack2.accepted, 5);
    let st = await io.flush();
    assert.match(st.lastError ?? "", /ENOSPC/);
    assert.ok(st.bufferedBytes >= 1500, `buffered ${st.bufferedBytes}`);
    assert.equal(st.recordsWritten, 0);
    fs.writeError = null;
    st = await io.flush();
    assert.equal(st.bufferedBytes, 0);
    assert.equal(st.recordsWritten, 15);
    assert.deepEqual(
      (await readSessionLog(d.logDir, "full")).map((r) => r.i),
      Array.from({ length: 15 }, (_, i) => i),
    );
    await io.close(1000);
  });

  test("the retry timer writes held records without an explicit flush", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    fs.writeError = "EIO";
    await io.submit(batch(1, [{ sessionID: "t", lines: lines("t", 0, 4) }]));
    fs.writeError = null;
    for (let i = 0; i < 100 && (await io.stats()).recordsWritten < 4; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal((await io.stats()).recordsWritten, 4);
    await io.close(1000);
  });

  test("EACCES on open is a disk error: held, counted as disk-error on overflow, retried", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d, { maxBufferedBytes: 2048 }));
    fs.openError = "EACCES";
    const acks: IoAck[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      acks.push(await io.submit(batch(seq, [{ sessionID: "acc", lines: lines("acc", seq * 10, 10) }])));
    }
    const accepted = acks.reduce((n, a) => n + a.accepted, 0);
    const dropped = acks.reduce((n, a) => n + a.dropped, 0);
    assert.equal(accepted + dropped, 50);
    assert.equal(accepted, 20, "2048 bytes hold two batches of 1000");
    let st = await io.flush();
    assert.equal(st.dropReasons["disk-error"], 30);
    assert.ok(st.bufferedBytes <= 2048);
    assert.match(st.lastError ?? "", /EACCES/);
    fs.openError = null;
    st = await io.flush();
    assert.equal(st.recordsWritten, 20);
    assert.equal((await readSessionLog(d.logDir, "acc")).length, 20);
    await io.close(1000);
  });

  test("ENOSPC overflow drops are counted as disk-full and memory stays bounded", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    const max = 8 * 1024;
    await io.init(options(d, { maxBufferedBytes: max }));
    fs.writeError = "ENOSPC";
    let accepted = 0;
    for (let seq = 1; seq <= 40; seq++) {
      const a = await io.submit(batch(seq, [{ sessionID: `s${seq % 3}`, lines: lines("x", seq, 5) }]));
      accepted += a.accepted;
      assert.ok((await io.stats()).bufferedBytes <= max);
    }
    const st = await io.flush();
    assert.equal(st.dropReasons["disk-full"], 200 - accepted);
    assert.equal(st.recordsDropped, 200 - accepted);
    await assert.doesNotReject(io.close(200));
  });

  test("a short write followed by ENOSPC leaves no torn or duplicated line after recovery", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    fs.shortWriteBytes = 150; // one and a half records
    // The short write succeeds; the writer's next writev (for the rest) fails.
    const origOpen = fs.open.bind(fs);
    fs.open = async (p, f, m) => {
      const h = await origOpen(p, f, m);
      const w = h.writev;
      let calls = 0;
      h.writev = async (b) => {
        calls++;
        if (calls === 2) fs.writeError = "ENOSPC";
        return w(b);
      };
      return h;
    };
    await io.submit(batch(1, [{ sessionID: "short", lines: lines("short", 0, 4) }]));
    let st = await io.stats();
    assert.equal(st.recordsWritten, 1);
    assert.equal(st.bytesWritten, 150);
    fs.writeError = null;
    st = await io.flush();
    assert.equal(st.recordsWritten, 4);
    assert.deepEqual(
      (await readSessionLog(d.logDir, "short")).map((r) => r.i),
      [0, 1, 2, 3],
    );
    await io.close(1000);
  });

  test("slow disk: one write in flight per file, bounded buffer, overflow dropped and counted", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    const max = 16 * 1024;
    await io.init(options(d, { maxBufferedBytes: max }));
    const release = fs.stall();
    const acks: Promise<IoAck>[] = [];
    let peak = 0;
    for (let seq = 1; seq <= 200; seq++) {
      acks.push(io.submit(batch(seq, [{ sessionID: `slow${seq % 2}`, lines: lines("slow", seq, 5) }])));
      if (seq % 10 === 0) {
        await new Promise((r) => setImmediate(r));
        peak = Math.max(peak, (await io.stats()).bufferedBytes);
      }
    }
    assert.ok(peak <= max, `buffered ${peak} > ${max}`);
    release();
    const all = await Promise.all(acks);
    const accepted = all.reduce((n, a) => n + a.accepted, 0);
    const dropped = all.reduce((n, a) => n + a.dropped, 0);
    assert.equal(accepted + dropped, 1000);
    assert.ok(dropped > 0, "the stalled disk must overflow the 16 KiB buffer");
    const st = await io.flush();
    assert.equal(st.dropReasons["buffer-full"], dropped);
    assert.equal(st.recordsWritten, accepted);
    assert.equal(fs.maxWritesInFlightPerFile, 1);
    const written =
      (await readSessionLog(d.logDir, "slow0")).length + (await readSessionLog(d.logDir, "slow1")).length;
    assert.equal(written, accepted);
    await io.close(1000);
  });

  test("close with a dead disk returns within its deadline, counts what it could not write, never throws", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    fs.writeError = "EROFS";
    await io.submit(batch(1, [{ sessionID: "ro", lines: lines("ro", 0, 7) }]));
    const st = await io.close(300);
    assert.equal(st.dropReasons["close-deadline"], 7);
    assert.equal(st.bufferedBytes, 0);
    assert.equal((await readSessionLog(d.logDir, "ro")).length, 0);
  });

  test("state saves on a failing disk: ack, no temp files left, read-your-writes, written on recovery", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    fs.writeError = "ENOSPC";
    const text = `{"kind":"atreides-state","v":1,"sessionID":"st","savedAt":1,"bytes":7}\n{"a":1}\n`;
    const ack = await io.submit(batch(1, [], [{ sessionID: "st", text }]));
    assert.deepEqual(ack, { seq: 1, accepted: 0, dropped: 0 });
    assert.deepEqual(
      (await readdir(d.stateDir)).filter((n) => n.endsWith(".tmp")),
      [],
    );
    assert.equal(await io.loadState("st"), text);
    assert.match((await io.stats()).lastError ?? "", /state save.*ENOSPC/);
    fs.writeError = null;
    await io.flush();
    assert.deepEqual(await readdir(d.stateDir), ["st.state.json"]);
    await io.close(1000);
    const fresh = new IoService();
    await fresh.init(options(d));
    assert.equal(await fresh.loadState("st"), text);
    await fresh.close(100);
  });
});
