import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scanToolOutput } from "../../../src/shared/scan/index.js";
import {
  ALL_SIGNATURES,
  compileSignatures,
  SIGNATURES,
  STRONG_SIGNATURES,
} from "../../../src/shared/scan/signatures.js";

/** At least one realistic line per signature; each must be found by its own signature. */
const EXAMPLES: Record<string, string[]> = {
  "command-not-found": ["bash: line 1: tsx: command not found", "zsh: command not found: pnpm"],
  "sh-not-found": ["sh: 1: jest: not found"],
  "not-recognized": ["'make' is not recognized as an internal or external command,"],
  "unknown-command": ['Unknown command: "biuld"'],
  eacces: ["Error: EACCES: permission denied, open '/etc/hosts'"],
  eperm: ["Error: EPERM: operation not permitted, unlink 'C:\\x'"],
  "permission-denied": [
    "cp: cannot create regular file '/usr/x': Permission denied",
    "PermissionError: [Errno 13]",
  ],
  "not-permitted": ["rm: cannot remove 'x': Operation not permitted", "Access is denied."],
  enoent: ["Error: ENOENT: no such file or directory, open 'a.json'"],
  "no-such-file": ["cat: missing.txt: No such file or directory"],
  "file-not-found": ["FileNotFoundError: [Errno 2] x", "File not found: /repo/src/nope.ts"],
  "fs-errno": ["Error: EISDIR: illegal operation on a directory, read", "cat: src: Is a directory"],
  "cannot-find-module": [
    "Error: Cannot find module 'left-pad'",
    "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'",
  ],
  "module-not-found": [
    "Module not found: Error: Can't resolve './x'",
    "ModuleNotFoundError: No module named 'requests'",
  ],
  "import-not-found": ["import 'lodash/fp' not found"],
  "unresolved-import": [
    '[vite] Failed to resolve import "./y" from "src/a.ts"',
    "error[E0432]: unresolved import `foo`",
  ],
  "syntax-error": ["SyntaxError: Unexpected identifier", "bash: syntax error near unexpected token `)'"],
  "parse-error": ["Parse error: expected ';'", "Unexpected end of JSON input"],
  "lint-problems": ["✖ 3 problems (2 errors, 1 warning)"],
  "ts-error": ["src/a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'."],
  "type-error": ["TypeError: Cannot convert undefined", "NameError: name 'x' is not defined"],
  "undefined-value": ["x.map is not a function", "Cannot read properties of undefined (reading 'a')"],
  "null-pointer": ["java.lang.NullPointerException", "null pointer dereference"],
  econnrefused: [
    "Error: connect ECONNREFUSED 127.0.0.1:5432",
    "curl: (7) Failed to connect: Connection refused",
  ],
  econnreset: ["Error: socket hang up", "read ECONNRESET"],
  dns: ["getaddrinfo ENOTFOUND registry.npmjs.org", "curl: (6) Could not resolve host: example.invalid"],
  unreachable: ["connect ENETUNREACH 10.0.0.1:443", "ssh: connect to host x port 22: No route to host"],
  tls: ["curl: (60) SSL certificate problem: unable to get local issuer certificate"],
  "fetch-failed": ["TypeError: fetch failed"],
  segfault: ["bash: line 1: 4242 Segmentation fault (core dumped) ./a.out"],
  "heap-oom": ["FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"],
  "out-of-memory": ["MemoryError", "fork: Cannot allocate memory"],
  "stack-overflow": ["RangeError: Maximum call stack size exceeded"],
  "shell-timeout": ["shell tool terminated command after exceeding timeout 120000 ms. If this command…"],
  etimedout: ["Error: connect ETIMEDOUT 1.2.3.4:443"],
  "timed-out": ["Error: Timeout of 2000ms exceeded.", "Operation timed out after 30000 milliseconds"],
  "failed-to-compile": ["Failed to compile.", "Compilation failed: 2 errors"],
  "build-failed": ["BUILD FAILED in 3s", "Build failed with 1 error:"],
  "make-error": ["make: *** [Makefile:12: all] Error 2", "make[1]: *** [sub] Error 1"],
  "linker-error": [
    "/usr/bin/ld: main.o: undefined reference to `foo'",
    "collect2: error: ld returned 1 exit status",
  ],
  "compiler-error": [
    "error[E0308]: mismatched types",
    "✘ [ERROR] Could not resolve",
    "ERROR in ./src/index.js",
  ],
  "tests-failed-count": [
    "Tests:       1 failed, 41 passed, 42 total",
    "  3 failing",
    "=== 2 failed, 10 passed in 0.52s ===",
  ],
  "tap-fail": ["# fail 2", "ℹ fail 1"],
  "cargo-test-failed": ["test result: FAILED. 3 passed; 1 failed; 0 ignored"],
  "go-test-fail": ["--- FAIL: TestParse (0.00s)", "FAIL\tgithub.com/x/y\t0.012s"],
  "pytest-failed": ["FAILED tests/test_api.py::test_login - AssertionError", "FAILED (failures=1)"],
  assertion: ["AssertionError [ERR_ASSERTION]: Expected values to be strictly equal"],
  "tests-failed": ["Some tests failed.", " FAIL  src/a.test.ts"],
  "py-traceback": ["Traceback (most recent call last):"],
  "npm-err": ["npm ERR! code ELIFECYCLE", "npm error code E404"],
  "git-fatal": ["fatal: not a git repository (or any of the parent directories): .git"],
  "rust-panic": ["thread 'main' panicked at src/main.rs:4:5:"],
  "java-uncaught": ['Exception in thread "main" java.lang.IllegalStateException'],
  uncaught: ["UnhandledPromiseRejection: This error originated", "panic: runtime error: index out of range"],
  "fatal-error": ["fatal error: 'stdio.h' file not found", "FATAL: database is locked"],
  "failed-upper": ["step lint FAILED"],
  "error-colon": ["error: could not lock config file"],
  "error-upper": ["[12:00:01] ERROR something broke"],
  exception: ["java.lang.IllegalStateException", "an exception was raised"],
  "error-word": ["Unrecoverable Error"],
};

describe("signature table", () => {
  it("has unique ids and an example for every signature", () => {
    const ids = SIGNATURES.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(EXAMPLES[id]?.length, `no example for ${id}`);
    for (const id of Object.keys(EXAMPLES))
      assert.ok(ids.includes(id), `example for unknown signature ${id}`);
  });

  it("each example matches its signature, and the match contains one of its anchors", () => {
    for (const s of SIGNATURES) {
      const re = new RegExp(s.re.source, "m");
      for (const ex of EXAMPLES[s.id] ?? []) {
        const m = re.exec(ex);
        assert.ok(m, `${s.id} does not match ${JSON.stringify(ex)}`);
        assert.ok(
          s.anchors.some((a) => m[0].includes(a)),
          `${s.id}: match ${JSON.stringify(m[0])} holds none of ${JSON.stringify(s.anchors)}`,
        );
      }
    }
  });

  it("the two-stage scan finds every example as a failed bash command", () => {
    for (const s of SIGNATURES) {
      for (const ex of EXAMPLES[s.id] ?? []) {
        const r = scanToolOutput({ tool: "bash", output: `some output\n${ex}\nmore output`, exitCode: 1 });
        assert.equal(r.isError, true);
        // A more specific signature may legitimately win (e.g. ENOENT inside "Error: ENOENT").
        const winner = SIGNATURES.find((x) => x.id === r.signal);
        assert.ok(winner, `${ex}: signal ${r.signal}`);
        assert.ok(winner.tier <= s.tier, `${ex}: expected tier ≤ ${s.tier} (${s.id}), got ${winner.id}`);
      }
    }
  });

  it("strong signatures alone decide exit-0 failures", () => {
    for (const s of SIGNATURES.filter((x) => x.strong)) {
      for (const ex of EXAMPLES[s.id] ?? []) {
        const r = scanToolOutput({ tool: "bash", output: ex, exitCode: 0 });
        assert.equal(r.isError, true, `strong ${s.id} not detected on exit 0: ${ex}`);
      }
    }
    assert.ok(STRONG_SIGNATURES.bySlot.length < ALL_SIGNATURES.bySlot.length);
  });

  it("rejects a signature with a capturing group", () => {
    const bad = { ...SIGNATURES[0]!, id: "bad", re: /(x)y/ };
    assert.throws(() => compileSignatures([bad]), /capturing group/);
  });

  it("orders the combined regex by tier so ties go to the specific signature", () => {
    const tiers = ALL_SIGNATURES.bySlot.map((s) => s.tier);
    assert.deepEqual(
      tiers,
      [...tiers].sort((a, b) => a - b),
    );
  });
});
