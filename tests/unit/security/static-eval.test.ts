import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseShell } from "../../../src/shared/security/shell-parse.js";
import { staticOutput } from "../../../src/shared/security/static-eval.js";

function out(text: string): string | null {
  const env = { vars: new Map([["HOME", "/home/tester"]]), home: "/home/tester" };
  return staticOutput(parseShell(text, env, { commands: 0 }, 0));
}

describe("static evaluation of tiny pipelines", () => {
  it("echo with flags and escapes", () => {
    assert.equal(out("echo rm -rf /"), "rm -rf /\n");
    assert.equal(out("echo -n rm"), "rm");
    assert.equal(out("echo -e 'r\\x6d'"), "rm\n");
  });
  it("printf with specifiers, %% and format reuse", () => {
    assert.equal(out("printf '%s -rf %s' rm /"), "rm -rf /");
    assert.equal(out("printf '100%%'"), "100%");
    assert.equal(out("printf '%s\\n' a b"), "a\nb\n");
  });
  it("base64 decode and encode, xxd -r -p, rev, tr", () => {
    assert.equal(out("echo cm0gLXJmIH4= | base64 -d"), "rm -rf ~");
    assert.equal(out("base64 --decode <<< cm0gLXJmIH4="), "rm -rf ~");
    assert.equal(out("printf rm | base64"), "cm0=\n");
    assert.equal(out("echo 726d | xxd -r -p"), "rm");
    assert.equal(out("echo '/ fr- mr' | rev"), "rm -rf /\n");
    assert.equal(out("echo 'ez' | tr 'a-z' 'n-za-m'"), "rm\n");
  });
  it("cat passes heredocs and pipes through; output redirected to a file is empty", () => {
    assert.equal(out("cat <<EOF\nrm -rf /\nEOF"), "rm -rf /\n");
    assert.equal(out("echo x | cat | tee"), "x\n");
    assert.equal(out("echo x > file"), "");
  });
  it("is unknown (null) for anything that depends on the machine", () => {
    assert.equal(out("cat file.txt"), null);
    assert.equal(out("ls"), null);
    assert.equal(out("echo $UNKNOWN"), null);
    assert.equal(out("curl http://x | base64 -d"), null);
  });
});
