/**
 * SIGKILL at random instants while a child process saves state for 5 sessions in a tight loop:
 * after every kill, every state file is complete (header, body of the announced size, body parses)
 * and every log line parses. Temp files may be left behind (retention removes them after an hour).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { isCompleteStateFile } from "../../../src/shared/io/state-store.js";
import { type Dirs, makeDirs } from "../../unit/io/helpers.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/io/state-saver.js", import.meta.url));
const KILLS = 6;

function runUntilReady(d: Dirs, fsync: boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, [FIXTURE, d.stateDir, d.logDir, fsync ? "1" : "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err = (err + c.toString()).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (c: Buffer) => {
      if (c.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`state-saver exited early (${code}): ${err}`)));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

async function checkFiles(d: Dirs): Promise<{ states: number; lines: number }> {
  const names = await readdir(d.stateDir);
  const states = names.filter((n) => n.endsWith(".state.json"));
  for (const n of states) {
    const text = await readFile(join(d.stateDir, n), "utf8");
    assert.ok(isCompleteStateFile(text), `${n} is torn or unparseable (${text.length} chars)`);
  }
  let lines = 0;
  for (const n of await readdir(d.logDir)) {
    const text = await readFile(join(d.logDir, n), "utf8");
    for (const l of text.split("\n")) {
      if (!l) continue;
      assert.doesNotThrow(() => JSON.parse(l), `${n}: torn log line ${JSON.stringify(l.slice(0, 80))}`);
      lines++;
    }
  }
  return { states: states.length, lines };
}

describe("io crash safety", () => {
  let d: Dirs;
  before(async () => {
    d = await makeDirs("atreides-iocrash-");
  });
  after(async () => {
    await d.cleanup();
  });

  test(`SIGKILL ${KILLS}× at random moments never leaves a torn state file`, async () => {
    let lastLines = 0;
    for (let round = 0; round < KILLS; round++) {
      const child = await runUntilReady(d, round % 2 === 1);
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 120)));
      await kill(child);
      const { states, lines } = await checkFiles(d);
      assert.equal(states, 5, `round ${round}: every session has its state file`);
      assert.ok(lines > lastLines, `round ${round}: logs grew`);
      lastLines = lines;
    }
  });
});
