#!/usr/bin/env node
/** The `atreides` executable: wire the real process to the command table. */
import { processIo } from "./io.js";
import { main } from "./program.js";

const controller = new AbortController();
// First Ctrl-C: stop long-running commands cleanly (logs --follow, bench). Second: exit at once.
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

const code = await main(process.argv.slice(2), processIo(controller.signal));
process.exitCode = code;
// Nothing should be left running; if something is (a watcher), do not hang the shell.
setTimeout(() => process.exit(code), 1_000).unref();
