// npm run demo: Atreides inside the real opencode binary, offline, on the bundled fake model.
// One scripted session: a normal command, a destructive command the guard blocks, three failing
// commands (the 3-strike sequence), and a todo list the agent leaves open so Atreides continues it.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureOpencode } from "./ensure-opencode.mjs";

const root = join(import.meta.dirname, "..");
const harness = await import(join(root, "build", "tests", "helpers", "opencode-harness.js"));
const version = ensureOpencode(root);

const say = (s = "") => process.stdout.write(`${s}\n`);
const ws = harness.createWorkspace({
  plugin: [root, { todos: { backoffMs: 200, maxContinuations: 2 }, notifications: { minSeverity: "info" } }],
});
const sentinel = join(ws.home, "sentinel.txt");
(await import("node:fs")).writeFileSync(sentinel, "still here\n");

const script = [
  "Fix the build, and please think hard about it.",
  'TODO [{"content":"reproduce the failure","status":"completed","priority":"high"},{"content":"write the fix","status":"pending","priority":"high"}]',
  'CALL bash {"command":"echo hello from the agent","description":"greet"}',
  'CALL bash {"command":"rm -rf ~/","description":"clean up"}',
  'CALL bash {"command":"npx definitely-not-a-command-xyz","description":"try 1"}',
  'CALL bash {"command":"cat /nonexistent/file.txt","description":"try 2"}',
  'CALL bash {"command":"ls /nonexistent-dir","description":"try 3"}',
].join("\n");

say(`Atreides demo — opencode ${version}, offline fake model, isolated HOME ${ws.root}`);
let serve;
try {
  serve = await harness.startServe(ws);
  const id = await harness.createSession(serve.client, "demo");
  await harness.prompt(serve.client, id, script);
  // The fake model stops with "write the fix" still pending: Atreides should continue the session.
  await harness
    .waitFor(
      () => serve.llm.requests.some((r) => r.lastUserText.includes("[Atreides: todo continuation]")),
      15_000,
      "continuation",
    )
    .catch(() => {});
  await new Promise((r) => setTimeout(r, 1500));
  await serve.stop();
  const logs = join(ws.dataHome, "atreides", "logs");
  const recs = readdirSync(logs).flatMap((f) => harness.readJsonLines(join(logs, f)));
  const ev = (e) => recs.filter((r) => r.event === e);
  const lastSystem = serve.llm.requests.filter((r) => r.tools.length > 0).map((r) => r.systemPrompt);
  say();
  say("What Atreides saw and did:");
  say(`  tool calls logged ............ ${ev("tool.after").length + ev("tool.error").length}`);
  for (const b of ev("security.blocked"))
    say(`  BLOCKED ..................... ${b.data.subject || b.data.tool}: ${b.msg}`);
  say(`  sentinel file in HOME ........ ${existsSync(sentinel) ? "survived" : "DELETED (bug!)"}`);
  for (const s of [...ev("error.strike"), ...ev("error.escalation")])
    say(`  ${s.event === "error.escalation" ? "ESCALATION" : "strike    "} ................. ${s.msg}`);
  const withRecovery = lastSystem.find((p) => /strike 2|strike\s*2\/3|2\/3/i.test(p));
  say(`  recovery advice in prompt .... ${withRecovery ? "yes" : "no"}`);
  say(
    `  think mode ................... ${
      ev("think.on")
        .map((r) => r.data.level)
        .join(", ") || "off"
    }`,
  );
  for (const c of ev("todo.continuation")) say(`  todo continuation ............ ${c.msg}`);
  for (const c of ev("todo.continuation-stopped")) say(`  continuation stopped ......... ${c.msg}`);
  say(
    `  phases ....................... ${
      ev("phase.transition")
        .map((r) => r.data.to)
        .join(" → ") || "(none)"
    }`,
  );
  say();
  say(
    `Session log (pino JSONL, redacted): ${readdirSync(logs).length} file(s) under $XDG_DATA_HOME/atreides/logs`,
  );
  const stateDir = join(ws.dataHome, "atreides", "state");
  if (existsSync(stateDir)) say(`State files: ${readdirSync(stateDir).join(", ")}`);
  const sample = ev("tool.after")[0];
  if (sample) say(`Example record: ${JSON.stringify(sample)}`);
} catch (err) {
  say(`demo failed: ${err?.stack ?? err}`);
  if (serve) say(serve.logText().slice(-3000));
  process.exitCode = 1;
} finally {
  ws.cleanup();
}
