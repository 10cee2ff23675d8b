import assert from "node:assert/strict";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { IoService } from "../../../src/shared/io/io-service.js";
import { sessionFileStem } from "../../../src/shared/paths.js";
import { FaultFs } from "./fault-fs.js";
import { batch, type Dirs, lines, makeDirs, options, readSessionLog } from "./helpers.js";

describe("io logs", () => {
  let d: Dirs;
  beforeEach(async () => {
    d = await makeDirs();
  });
  afterEach(async () => {
    await d.cleanup();
  });

  test("one write per file per flush: 1000 records across 4 sessions → 4 writes", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const spans = ["s1", "s2", "s3", "s4"].map((id) => ({ sessionID: id, lines: lines(id, 0, 250) }));
    const ack = await io.submit(batch(1, spans));
    assert.deepEqual(ack, { seq: 1, accepted: 1000, dropped: 0 });
    const st = await io.stats();
    assert.equal(st.logWrites, 4);
    assert.equal(fs.calls.writev, 4);
    assert.equal(st.recordsWritten, 1000);
    for (const id of ["s1", "s2", "s3", "s4"]) {
      const recs = await readSessionLog(d.logDir, id);
      assert.deepEqual(
        recs.map((r) => r.i),
        Array.from({ length: 250 }, (_, i) => i),
      );
    }
    await io.close(1000);
  });

  test("the ack waits for the write", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const release = fs.stall();
    let acked = false;
    const ack = io.submit(batch(1, [{ sessionID: "s", lines: lines("s", 0, 3) }])).then((a) => {
      acked = true;
      return a;
    });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(acked, false, "acked before the write completed");
    release();
    assert.equal((await ack).accepted, 3);
    assert.equal((await readSessionLog(d.logDir, "s")).length, 3);
    await io.close(1000);
  });

  test("rotation at maxFileBytes with one fstat, no stat per write", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d, { maxFileBytes: 4096 }));
    let next = 0;
    for (let seq = 1; seq <= 20; seq++) {
      await io.submit(batch(seq, [{ sessionID: "rot", lines: lines("rot", next, 10) }]));
      next += 10;
    }
    const st = await io.stats();
    assert.equal(fs.calls.stat + fs.calls.fstat, 1, "one stat when the file was first opened");
    assert.equal(fs.calls.readdir, 1, "one readdir for the rotation numbering");
    assert.equal(st.logWrites, 20);
    const names = (await readdir(d.logDir)).sort();
    assert.ok(st.rotations >= 4, `rotations: ${st.rotations}`);
    assert.equal(names.length, st.rotations + 1);
    for (const n of names) assert.ok((await stat(join(d.logDir, n))).size <= 4096, `${n} too big`);
    const recs = await readSessionLog(d.logDir, "rot");
    assert.deepEqual(
      recs.map((r) => r.i),
      Array.from({ length: 200 }, (_, i) => i),
    );
    await io.close(1000);
  });

  test("rotation numbering continues after existing rotated files", async () => {
    const io = new IoService();
    await io.init(options(d, { maxFileBytes: 1024 }));
    await io.flush();
    await writeFile(join(d.logDir, "cont.1.jsonl"), "");
    await writeFile(join(d.logDir, "cont.7.jsonl"), "");
    await writeFile(join(d.logDir, "cont.jsonl"), `${"y".repeat(1000)}\n`);
    await io.submit(batch(1, [{ sessionID: "cont", lines: lines("cont", 0, 2) }]));
    const names = (await readdir(d.logDir)).sort();
    assert.deepEqual(names, ["cont.1.jsonl", "cont.7.jsonl", "cont.8.jsonl", "cont.jsonl"]);
    assert.equal((await readFile(join(d.logDir, "cont.8.jsonl"), "utf8")).length, 1001);
    await io.close(1000);
  });

  test("session cap: whole lines up to the cap, one warning record, later records dropped and counted", async () => {
    const io = new IoService();
    await io.init(options(d, { maxSessionBytes: 2000 }));
    const a1 = await io.submit(batch(1, [{ sessionID: "cap", lines: lines("cap", 0, 50) }]));
    assert.equal(a1.accepted, 20);
    assert.equal(a1.dropped, 30);
    const a2 = await io.submit(batch(2, [{ sessionID: "cap", lines: lines("cap", 50, 5) }]));
    assert.deepEqual(a2, { seq: 2, accepted: 0, dropped: 5 });
    const recs = await readSessionLog(d.logDir, "cap");
    assert.equal(recs.length, 21);
    const warnings = recs.filter((r) => r.event === "log.capped");
    assert.equal(warnings.length, 1);
    const w = warnings[0]!;
    assert.equal(w.level, 40);
    assert.equal(typeof w.time, "number");
    assert.equal(w.msg, "session log cap reached; further records dropped");
    assert.equal(recs.at(-1)?.event, "log.capped");
    const st = await io.stats();
    assert.equal(st.dropReasons["session-cap"], 35);
    assert.equal(st.recordsDropped, 35);
    // Another session is unaffected.
    assert.equal(
      (await io.submit(batch(3, [{ sessionID: "other", lines: lines("other", 0, 3) }]))).accepted,
      3,
    );
    await io.close(1000);
  });

  test("session ids become safe file names inside the log dir", async () => {
    const io = new IoService();
    await io.init(options(d));
    const id = "../../etc/passwd";
    await io.submit(batch(1, [{ sessionID: id, lines: lines("x", 0, 1) }]));
    const names = await readdir(d.logDir);
    assert.deepEqual(names, [`${sessionFileStem(id)}.jsonl`]);
    assert.ok(!names[0]!.includes("/"));
    await io.close(1000);
  });

  test("malformed spans are dropped and counted; a missing final newline is repaired", async () => {
    const io = new IoService();
    await io.init(options(d));
    const b = batch(1, [{ sessionID: "m", lines: ['{"a":1}\n', '{"a":2}'] }]);
    b.logIndex.push({ sessionID: "m", start: 5, length: 10_000, records: 4 });
    const ack = await io.submit(b);
    assert.deepEqual(ack, { seq: 1, accepted: 2, dropped: 4 });
    await io.submit(batch(2, [{ sessionID: "m", lines: ['{"a":3}\n'] }]));
    assert.equal(await readFile(join(d.logDir, "m.jsonl"), "utf8"), '{"a":1}\n{"a":2}\n{"a":3}\n');
    assert.equal((await io.stats()).dropReasons["bad-span"], 4);
    await io.close(1000);
  });

  test("a torn last line left by a crash is closed before new records are appended", async () => {
    const io = new IoService();
    await io.init(options(d));
    await io.flush();
    await writeFile(join(d.logDir, "torn.jsonl"), '{"i":0}\n{"i":1,"ms');
    await io.submit(batch(1, [{ sessionID: "torn", lines: ['{"i":2}\n'] }]));
    assert.equal(await readFile(join(d.logDir, "torn.jsonl"), "utf8"), '{"i":0}\n{"i":1,"ms\n{"i":2}\n');
    await io.close(1000);
  });

  test("open log files stay bounded however many sessions write", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const spans = Array.from({ length: 80 }, (_, k) => ({ sessionID: `s${k}`, lines: lines(`s${k}`, 0, 2) }));
    await io.submit(batch(1, spans));
    const open = fs.calls.open - fs.calls.close;
    assert.ok(open <= 32, `open handles: ${open}`);
    await io.close(1000);
    assert.equal(fs.calls.open, fs.calls.close, "close() closes every handle");
  });

  test("a file evicted from the handle cache is reopened without another stat", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    await io.submit(batch(1, [{ sessionID: "first", lines: lines("first", 0, 1) }]));
    const spans = Array.from({ length: 40 }, (_, k) => ({ sessionID: `e${k}`, lines: lines(`e${k}`, 0, 1) }));
    await io.submit(batch(2, spans));
    const before = fs.calls.fstat;
    await io.submit(batch(3, [{ sessionID: "first", lines: lines("first", 1, 1) }]));
    assert.equal(fs.calls.fstat, before);
    assert.equal((await readSessionLog(d.logDir, "first")).length, 2);
    await io.close(1000);
  });
});
