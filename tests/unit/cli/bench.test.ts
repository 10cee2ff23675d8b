// `atreides bench` against fake package roots: never runs the real (slow, repo-writing) runner.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { runBench } from "../../../src/cli/bench.js";
import { CliError } from "../../../src/cli/io.js";
import { isolatedEnv, memIo, tempDir, writeTree } from "./helpers.js";

test("published package (no bench/): explains how to run it from a clone", async () => {
  const root = tempDir("bench");
  const m = memIo({ cwd: root, env: isolatedEnv(root) });
  await assert.rejects(
    runBench({ quick: true }, m.io, root),
    (e: Error) => e instanceof CliError && /clone/.test(e.hint ?? ""),
  );
});

test("a clone that is not built: says to build", async () => {
  const root = tempDir("bench");
  writeTree(root, { "bench/run.ts": "" });
  const m = memIo({ cwd: root, env: isolatedEnv(root) });
  await assert.rejects(
    runBench({}, m.io, root),
    (e: Error) => e instanceof CliError && /npm run build/.test(e.hint ?? ""),
  );
});

test("runs the runner with the flags, numbers the scenarios, and names the report and chart", async () => {
  const root = tempDir("bench");
  const out = join(root, "results");
  writeTree(root, {
    "build/bench/lib/scenarios.js": 'export const SCENARIOS = ["a", "b"];\n',
    "build/bench/run.js": `import { mkdirSync, writeFileSync } from "node:fs";
const args = process.argv.slice(2);
const out = args[args.indexOf("--out") + 1];
process.stderr.write("▶ a (quick) on node\\n  · measuring\\n▶ b (quick) on node\\n");
mkdirSync(out, { recursive: true });
writeFileSync(out + "/latest.md", "# r\\n");
writeFileSync(out + "/latest.json", "{}");
writeFileSync(out + "/chart.svg", "<svg/>");
process.stdout.write("# report table\\nargs: " + args.join(" ") + "\\n");
process.stderr.write("bench finished in 0 s; wrote " + out + "\\n");
`,
  });
  const m = memIo({ cwd: root, env: isolatedEnv(root) });
  const code = await runBench({ quick: true, only: "a,b", out }, m.io, root);
  assert.equal(code, 0, m.stderr());
  assert.match(m.stdout(), /args: --quick --only a,b --out /);
  assert.match(m.stderr(), /\[1\/2\] ▶ a/);
  assert.match(m.stderr(), /\[2\/2\] ▶ b/);
  assert.ok(m.stderr().includes(`report: ${join(out, "latest.md")}, ${join(out, "latest.json")}`));
  assert.ok(m.stderr().includes(`chart:  ${join(out, "chart.svg")}`));
});

test("a failing runner's exit code is passed on", async () => {
  const root = tempDir("bench");
  writeTree(root, { "build/bench/run.js": 'process.stderr.write("boom\\n"); process.exit(3);\n' });
  const m = memIo({ cwd: root, env: isolatedEnv(root) });
  assert.equal(await runBench({}, m.io, root), 3);
  assert.match(m.stderr(), /boom/);
  assert.match(m.stderr(), /exit 3/);
});
