import type { ErrorCategory } from "./types.js";

export interface RecoveryAdvice {
  title: string;
  suggestions: readonly string[];
}

const advice = (title: string, ...suggestions: string[]): RecoveryAdvice =>
  Object.freeze({ title, suggestions: Object.freeze(suggestions) });

/** What to try next, per category: short, concrete, and never "try harder". */
export const RECOVERY: Readonly<Record<ErrorCategory, RecoveryAdvice>> = Object.freeze({
  command: advice(
    "Command not found",
    "Check the command's spelling and whether it is installed: `command -v <name>`.",
    "Prefer the project's own runner (npx, pnpm exec, python -m, ./node_modules/.bin) over a global install.",
    "Look at package.json scripts, the Makefile or the README for the intended command.",
    "If it was only just installed, call it by its full path; this shell's PATH may not have it yet.",
  ),
  permission: advice(
    "Permission denied",
    "Inspect owner and mode first (`ls -la <path>`) instead of guessing.",
    "Write inside the project or a temporary directory rather than system locations.",
    "Make a script executable with `chmod +x` instead of reaching for sudo.",
    "Do not escalate privileges on your own; ask the user if the access is really needed.",
  ),
  file: advice(
    "File or directory not found",
    "List the parent directory to confirm the exact name and spelling.",
    "Remember paths are relative to the command's working directory; use an absolute path when unsure.",
    "Search for the file (glob or grep) in case it moved or was renamed.",
    "Create missing parent directories before writing into them.",
  ),
  module: advice(
    "Module or import could not be resolved",
    "Install dependencies with the project's package manager (npm ci, pnpm install, pip install -r …).",
    "Check the import path, the file extension and whether the package exports that subpath.",
    "Run the build or code-generation step that produces the module, if there is one.",
    "Confirm the intended runtime environment is active (Node version, virtualenv).",
  ),
  build: advice(
    "Build failed",
    "Read the FIRST error in the build log; later ones are often consequences of it.",
    "Fix that one error and rebuild before changing anything else.",
    "If the failure looks stale, clear build outputs and caches, then rebuild.",
    "Check the toolchain version against what the project's config expects.",
  ),
  test: advice(
    "Tests failed",
    "Re-run only the failing test to get a short, focused report.",
    "Compare expected with actual and decide whether the code or the test is wrong before editing.",
    "Look at recent changes to the code under test.",
    "Never skip, delete or loosen a test just to make it pass.",
  ),
  syntax: advice(
    "Syntax error",
    "Open the reported file and line; the real slip is often just before it (a bracket, quote or comma).",
    "Re-read your last edit to that file in full.",
    "Run the parser, compiler or linter on that single file to confirm the fix.",
  ),
  type: advice(
    "Type or reference error",
    "Read exactly which value was undefined or null, or which two types disagree.",
    "Trace that value back to where it is produced and fix it there rather than at the crash site.",
    "Check names and signatures against their definitions, not memory.",
    "Run the type checker again after the fix.",
  ),
  network: advice(
    "Network or connection problem",
    "Check that the service is running and listening on the expected host and port.",
    "Verify the URL, DNS name and proxy settings.",
    "Retry once for a transient failure; do not loop on retries.",
    "If there is no network here, work offline: cached packages, local fixtures or mocks.",
  ),
  memory: advice(
    "Out of memory or crash",
    "Process the input in smaller pieces, or stream it.",
    "Look for unbounded growth: runaway recursion, caches or arrays that never shrink.",
    "Raise the memory limit only to diagnose (e.g. --max-old-space-size), not as the fix.",
    "For a segmentation fault, rebuild native modules and check version compatibility.",
  ),
  timeout: advice(
    "Timed out",
    "Check whether the command waits for input or never exits (a prompt, watch mode, a server) and make it non-interactive.",
    "Narrow the work (one test file, one package) so it finishes in time.",
    "Start long-running servers in the background and poll for readiness.",
    "Raise the timeout only when the work is genuinely expected to be slow.",
  ),
  generic: advice(
    "Command or tool failed",
    "Read the whole error message and the lines just before it.",
    "Reproduce with the smallest command that still shows the failure.",
    "Review recent changes; revert the one that introduced the failure if unsure.",
    "If still blocked after a few attempts, explain what you tried and ask the user.",
  ),
});
