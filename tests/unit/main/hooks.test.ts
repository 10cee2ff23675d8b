// The hook table in-process with poolSize 0: malformed events are ignored and counted, a bug inside
// a feature never throws into the host, and only the deliberate security block does.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type Atreides, createAtreides } from "../../../src/main/plugin.js";

let dir: string;
let a: Atreides;
const toasts: unknown[] = [];
const client = {
  tui: { showToast: async (o: unknown) => void toasts.push(o) },
  app: { log: async () => true },
  session: {},
};
before(() => {
  dir = mkdtempSync(join(tmpdir(), "atreides-hooks-"));
  const env = {
    HOME: join(dir, "home"),
    XDG_DATA_HOME: join(dir, "data"),
    XDG_CONFIG_HOME: join(dir, "cfg"),
  };
  a = createAtreides(
    { directory: join(dir, "proj"), worktree: join(dir, "proj"), client } as never,
    { offload: { poolSize: 0 } },
    { env },
  );
});
after(async () => {
  await a.hooks.dispose?.();
  rmSync(dir, { recursive: true, force: true });
});

const ev = (type: string, properties: unknown) =>
  a.hooks.event!({ event: { id: "e", type, properties } as never });

describe("hooks", () => {
  test("malformed and unknown events are ignored safely and counted", async () => {
    const rt = a.runtime!;
    for (const bad of [null, 5, "x", [], { type: 5 }, { properties: {} }])
      await a.hooks.event!({ event: bad as never });
    assert.equal(rt.counters.eventsMalformed, 6);
    await ev("some.future.event", { sessionID: "ses_a" });
    assert.ok(rt.counters.eventsIgnored >= 1);
    await ev("session.created", { sessionID: 42 });
    assert.equal(rt.registry.has("42"), false);
  });

  test("a destructive command is blocked by a throw naming the reason; a normal one passes", async () => {
    await ev("session.created", { sessionID: "ses_b", info: {} });
    await assert.rejects(
      a.hooks["tool.execute.before"]!(
        { tool: "bash", sessionID: "ses_b", callID: "c1" },
        { args: { command: "rm -rf ~/" } },
      ),
      (err: Error) => err.name === "AtreidesBlock" && /blocked/.test(err.message),
    );
    await a.hooks["tool.execute.before"]!(
      { tool: "bash", sessionID: "ses_b", callID: "c2" },
      { args: { command: "npm test" } },
    );
    const st = a.runtime!.registry.get("ses_b")!.state;
    assert.equal(st.security.blocked, 1);
  });

  test("garbage hook payloads never throw into the host", async () => {
    const h = a.hooks;
    await h["tool.execute.after"]!(
      { tool: "bash", sessionID: "ses_c", callID: "x", args: null },
      { title: "", output: null as never, metadata: null },
    );
    await h["tool.execute.after"]!({} as never, {} as never);
    await h["chat.message"]!({ sessionID: "ses_c" } as never, {
      message: {} as never,
      parts: [{ type: "text", text: null }] as never,
    });
    await h["experimental.chat.system.transform"]!({ sessionID: "ses_c" } as never, {
      system: null as never,
    });
    await h["experimental.session.compacting"]!({ sessionID: "ses_c" }, {} as never);
    await h["chat.params"]!({ sessionID: "ses_c" } as never, undefined as never);
    await h["experimental.text.complete"]!({ sessionID: "ses_c" } as never, { text: 5 as never });
  });

  test("the system block is byte-identical across turns while state is unchanged", async () => {
    await ev("session.created", { sessionID: "ses_d", info: {} });
    const turn = async () => {
      const out = { system: ["base prompt"] };
      await a.hooks["experimental.chat.system.transform"]!({ sessionID: "ses_d", model: {} as never }, out);
      return out.system;
    };
    const t1 = await turn();
    const t2 = await turn();
    assert.equal(t1.length, 2);
    assert.equal(t1[1], t2[1]);
    assert.match(t1[1]!, /atreides/);
  });

  test("session.deleted clears the session from the registry", async () => {
    await ev("session.created", { sessionID: "ses_e", info: {} });
    await a.hooks["tool.execute.before"]!(
      { tool: "bash", sessionID: "ses_e", callID: "k" },
      { args: { command: "ls" } },
    );
    assert.ok(a.runtime!.registry.has("ses_e"));
    await ev("session.deleted", { sessionID: "ses_e", info: {} });
    assert.equal(a.runtime!.registry.has("ses_e"), false);
  });
});

test("features.sessionLog and features.notifications off: nothing logged, no toast", async () => {
  const d = mkdtempSync(join(tmpdir(), "atreides-off-"));
  const sent: unknown[] = [];
  const c = {
    tui: { showToast: async (o: unknown) => void sent.push(o) },
    app: { log: async () => true },
    session: {},
  };
  const env = { HOME: join(d, "home"), XDG_DATA_HOME: join(d, "data"), XDG_CONFIG_HOME: join(d, "cfg") };
  const off = createAtreides(
    { directory: d, worktree: d, client: c } as never,
    {
      offload: { poolSize: 0 },
      features: { sessionLog: false, notifications: false },
      notifications: { minSeverity: "info" },
    },
    { env },
  );
  try {
    await off.hooks.event!({
      event: { id: "e", type: "session.created", properties: { sessionID: "s" } } as never,
    });
    await assert.rejects(
      off.hooks["tool.execute.before"]!(
        { tool: "bash", sessionID: "s", callID: "c" },
        { args: { command: "rm -rf /" } },
      ),
    );
    assert.equal(off.runtime!.pipeline.counters.records, 0, "no log record");
    assert.equal(sent.length, 0, "no toast");
    assert.equal(off.runtime!.registry.get("s")!.state.security.blocked, 1, "the guard still works");
  } finally {
    await off.hooks.dispose!();
    rmSync(d, { recursive: true, force: true });
  }
});
