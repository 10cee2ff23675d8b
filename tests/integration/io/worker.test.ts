/**
 * The real I/O worker (compiled entry) driven through comlink, as the host does: submit, flush,
 * loadState, readStateMeta, close; then a worker terminated mid-flight and a replacement that gets
 * the unacked batches again: nothing is lost.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import { type Remote, transfer, wrap } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { IoAck, IoApi, IoBatch } from "../../../src/shared/contracts/io-api.js";
import { encodeStateFile } from "../../../src/shared/state/file-format.js";
import { batch, type Dirs, line, makeDirs, options, readSessionLog } from "../../unit/io/helpers.js";

const ENTRY = new URL("../../../src/workers/io/entry.js", import.meta.url);
const SESSIONS = ["ses_w1", "ses_w2", "ses_w3", "ses_w4"];

function start(): { worker: Worker; api: Remote<IoApi> } {
  const worker = new Worker(ENTRY);
  return { worker, api: wrap<IoApi>(nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0])) };
}

function send(api: Remote<IoApi>, b: IoBatch): Promise<IoAck> {
  return b.logs ? api.submit(transfer(b, [b.logs.buffer])) : api.submit(b);
}

/** Batch `seq`: 20 records for each session, each record naming its batch and index. */
function numbered(seq: number): IoBatch {
  return batch(
    seq,
    SESSIONS.map((id) => ({
      sessionID: id,
      lines: Array.from({ length: 20 }, (_, k) => line(id, seq * 1000 + k, 120)),
    })),
  );
}

describe("io worker over comlink", () => {
  let d: Dirs;
  beforeEach(async () => {
    d = await makeDirs("atreides-ioworker-");
  });
  afterEach(async () => {
    await d.cleanup();
  });

  test("init, submit, flush, loadState, readStateMeta, stats, close", async () => {
    const { worker, api } = start();
    try {
      await api.init(options(d));
      const text = encodeStateFile("ses_w1", JSON.stringify({ todos: ["a", "b"] }), 1234, 1);
      const ack = await send(
        api,
        batch(7, [{ sessionID: "ses_w1", lines: [line("ses_w1", 1)] }], [{ sessionID: "ses_w1", text }]),
      );
      assert.deepEqual(ack, { seq: 7, accepted: 1, dropped: 0 });
      const st = await api.flush();
      assert.equal(st.recordsWritten, 1);
      assert.equal(st.logWrites, 1);
      assert.equal(await api.loadState("ses_w1"), text);
      assert.deepEqual(await api.readStateMeta("ses_w1"), {
        sessionID: "ses_w1",
        savedAt: 1234,
        version: 1,
        bytes: Buffer.byteLength(JSON.stringify({ todos: ["a", "b"] })),
      });
      assert.equal(await api.loadState("nobody"), null);
      assert.equal((await api.stats()).stateSaves, 1);
      const closed = await api.close(1000);
      assert.equal(closed.recordsWritten, 1);
      await assert.rejects(send(api, batch(8, [])), /closed/);
      assert.equal((await readSessionLog(d.logDir, "ses_w1")).length, 1);
    } finally {
      await worker.terminate();
    }
  });

  test("a worker terminated mid-flight loses nothing that was not acked", async (t) => {
    const total = 150;
    const first = start();
    await first.api.init(options(d));
    const acked = new Set<number>();
    let killed = false;
    let sent = 0;
    // Send in bursts while acks come back; kill the worker once a few are acked, with more in flight.
    while (sent < total && acked.size < 5) {
      for (let k = 0; k < 5 && sent < total; k++) {
        sent++;
        void send(first.api, numbered(sent)).then((a) => {
          if (!killed) acked.add(a.seq);
        });
      }
      await new Promise((r) => setImmediate(r));
    }
    killed = true; // an ack arriving from here on is treated as lost: the batch is re-sent (at least once)
    await first.worker.terminate();
    const unacked = Array.from({ length: total }, (_, i) => i + 1).filter((s) => !acked.has(s));
    // On a slow machine every batch may be sent before five acks return; what matters is that the
    // worker dies with batches in flight that it never acked.
    assert.ok(unacked.length > 0, "the worker must die with batches unacked");
    t.diagnostic(`killed with ${sent} sent, ${acked.size} acked`);

    const second = start();
    try {
      await second.api.init(options(d));
      const acks = await Promise.all(unacked.map((seq) => send(second.api, numbered(seq))));
      assert.ok(acks.every((a) => a.dropped === 0 && a.accepted === 80));
      await second.api.close(2000);
    } finally {
      await second.worker.terminate();
    }
    for (const id of SESSIONS) {
      const seen = new Set((await readSessionLog(d.logDir, id)).map((r) => r.i as number));
      for (let seq = 1; seq <= total; seq++) {
        for (let k = 0; k < 20; k++)
          assert.ok(seen.has(seq * 1000 + k), `${id}: record ${k} of batch ${seq} lost`);
      }
    }
  });
});
