import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import type { IoAck } from "../../../src/shared/contracts/io-api.js";
import { IoService } from "../../../src/shared/io/io-service.js";
import { isCompleteStateFile } from "../../../src/shared/io/state-store.js";
import { encodeStateFile, STATE_HEADER_MAX_BYTES } from "../../../src/shared/state/file-format.js";
import { FaultFs } from "./fault-fs.js";
import { batch, type Dirs, makeDirs, options } from "./helpers.js";

function stateText(id: string, n: number, pad = 0): string {
  const body = JSON.stringify({
    n,
    todos: Array.from({ length: n }, (_, i) => `todo ${i}`),
    pad: "p".repeat(pad),
  });
  return encodeStateFile(id, body, 1_700_000_000_000 + n, 1);
}

describe("io state", () => {
  let d: Dirs;
  beforeEach(async () => {
    d = await makeDirs();
  });
  afterEach(async () => {
    await d.cleanup();
  });

  test("200 rapid saves of one session never overlap and the last one wins", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const acks: Promise<IoAck>[] = [];
    for (let n = 1; n <= 200; n++)
      acks.push(io.submit(batch(n, [], [{ sessionID: "ses_A", text: stateText("ses_A", n) }])));
    await Promise.all(acks);
    const last = stateText("ses_A", 200);
    assert.equal(await io.loadState("ses_A"), last);
    assert.equal(await readFile(join(d.stateDir, "ses_A.state.json"), "utf8"), last);
    const st = await io.stats();
    assert.equal(st.maxConcurrentSavesPerSession, 1);
    assert.equal(fs.maxSavesInFlightPerStem, 1);
    assert.ok(st.stateSavesCoalesced > 0, "rapid saves must coalesce");
    assert.equal(st.stateSaves + st.stateSavesCoalesced, 200);
    assert.deepEqual(await readdir(d.stateDir), ["ses_A.state.json"], "no temp files left");
    await io.close(1000);
  });

  test("saves of different sessions run side by side, each file complete", async () => {
    const io = new IoService();
    await io.init(options(d));
    const acks: Promise<IoAck>[] = [];
    for (let n = 1; n <= 30; n++) {
      const states = ["a", "b", "c", "d", "e"].map((id) => ({ sessionID: id, text: stateText(id, n) }));
      acks.push(io.submit(batch(n, [], states)));
    }
    await Promise.all(acks);
    for (const id of ["a", "b", "c", "d", "e"]) {
      const text = await readFile(join(d.stateDir, `${id}.state.json`), "utf8");
      assert.ok(isCompleteStateFile(text));
      assert.equal(text, stateText(id, 30));
    }
    await io.close(1000);
  });

  test("temp files are unique, hidden, in the state dir; fsync when asked", async () => {
    const fs = new FaultFs();
    const renames: string[] = [];
    const rename = fs.rename.bind(fs);
    fs.rename = async (from, to) => {
      renames.push(from);
      await rename(from, to);
    };
    const io = new IoService(fs);
    await io.init(options(d, { fsync: true }));
    for (let n = 1; n <= 3; n++) await io.submit(batch(n, [], [{ sessionID: "u", text: stateText("u", n) }]));
    assert.equal(new Set(renames).size, 3);
    for (const r of renames) {
      assert.ok(r.startsWith(d.stateDir));
      assert.match(r, /\/\.u\.\d+-[0-9a-f]+\.\d+\.tmp$/);
    }
    assert.equal(fs.calls.sync, 3);
    await io.close(1000);
  });

  test("readStateMeta reads only the header bytes, never the body", async () => {
    const fs = new FaultFs();
    const io = new IoService(fs);
    await io.init(options(d));
    const text = stateText("big", 10, 200_000);
    await io.submit(batch(1, [], [{ sessionID: "big", text }]));
    const meta = await io.readStateMeta("big");
    assert.deepEqual(meta, {
      sessionID: "big",
      savedAt: 1_700_000_000_010,
      version: 1,
      bytes: Buffer.byteLength(text.slice(text.indexOf("\n") + 1)) - 1,
    });
    assert.ok(fs.calls.bytesRead <= STATE_HEADER_MAX_BYTES, `read ${fs.calls.bytesRead} bytes`);
    assert.equal(fs.calls.readFile, 0);
    assert.equal(await io.readStateMeta("missing"), null);
    await io.close(1000);
  });

  test("loadState: missing, torn, or garbage files read as null", async () => {
    const io = new IoService();
    await io.init(options(d));
    assert.equal(await io.loadState("none"), null);
    const full = stateText("torn", 50);
    await writeFile(join(d.stateDir, "torn.state.json"), full.slice(0, full.length - 40));
    assert.equal(await io.loadState("torn"), null);
    await writeFile(join(d.stateDir, "junk.state.json"), "not a state file\n{}\n");
    assert.equal(await io.loadState("junk"), null);
    await writeFile(join(d.stateDir, "ok.state.json"), stateText("ok", 3));
    assert.equal(await io.loadState("ok"), stateText("ok", 3));
    assert.equal((await io.readStateMeta("ok"))?.savedAt, 1_700_000_000_003);
    await io.close(1000);
  });

  test("deleteStates removes the file, after and instead of a pending save", async () => {
    const io = new IoService();
    await io.init(options(d));
    await io.submit(batch(1, [], [{ sessionID: "gone", text: stateText("gone", 1) }]));
    assert.deepEqual(await readdir(d.stateDir), ["gone.state.json"]);
    const p1 = io.submit(batch(2, [], [{ sessionID: "gone", text: stateText("gone", 2) }]));
    const p2 = io.submit(batch(3, [], [], ["gone", "never-existed"]));
    await Promise.all([p1, p2]);
    assert.deepEqual(await readdir(d.stateDir), []);
    assert.equal(await io.loadState("gone"), null);
    await io.close(1000);
  });
});
