// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell text, where ${…} is shell syntax.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  classifyTarget,
  isSystemPath,
  normalizePathText,
  resolvePath,
} from "../../../src/shared/security/paths.js";

const HOME = "/home/tester";
const PROJECT = "/home/tester/project";
const base = { home: HOME, project: PROJECT };

describe("path normalisation", () => {
  it("strips quotes, file://, encodings and homoglyphs", () => {
    assert.equal(normalizePathText(' "~/.ssh/id_rsa" '), "~/.ssh/id_rsa");
    assert.equal(normalizePathText("file:///etc/passwd"), "/etc/passwd");
    assert.equal(normalizePathText("%7E/.ssh"), "~/.ssh");
    assert.equal(normalizePathText("~/.ѕsh"), "~/.ssh");
    assert.equal(normalizePathText("C:\\x\\y"), "C:/x/y");
  });
  it("resolves ~, $HOME, relative and .. lexically", () => {
    assert.equal(resolvePath("~/a", HOME, PROJECT), `${HOME}/a`);
    assert.equal(resolvePath("${HOME}/a", HOME, PROJECT), `${HOME}/a`);
    assert.equal(resolvePath("src/../lib/./x.ts", HOME, PROJECT), `${PROJECT}/lib/x.ts`);
    assert.equal(resolvePath("../sibling/x.ts", HOME, PROJECT), `${HOME}/sibling/x.ts`);
    assert.equal(resolvePath("/../../etc//passwd", HOME, PROJECT), "/etc/passwd");
  });
});

describe("target classification", () => {
  const cls = (p: string) => classifyTarget(resolvePath(p, HOME, PROJECT), base);
  it("root, home and system directories, glob-aware", () => {
    assert.equal(cls("/"), "root");
    assert.equal(cls("/*"), "root");
    assert.equal(cls("/e*"), "system");
    assert.equal(cls("~"), "home");
    assert.equal(cls("~/.*"), "home");
    assert.equal(cls("~/*.log"), "outside");
    assert.equal(cls("/home/other"), "home");
    assert.equal(cls("/etc"), "system");
    assert.equal(cls("/usr/lib"), "system");
    assert.equal(cls("/etc/nginx"), "outside");
  });
  it("project, inside, tmp and outside", () => {
    assert.equal(cls("."), "project");
    assert.equal(cls("*"), "project");
    assert.equal(cls(".git"), "project");
    assert.equal(cls("dist"), "inside");
    assert.equal(cls("./tmp/*"), "inside");
    assert.equal(cls("/tmp/x"), "tmp");
    assert.equal(cls("/tmp"), "outside");
    assert.equal(cls("../other"), "outside");
  });
  it("system paths for writes and setuid", () => {
    assert.equal(isSystemPath("/usr/bin/python3"), true);
    assert.equal(isSystemPath("/"), true);
    assert.equal(isSystemPath("/var/tmp/x"), false);
    assert.equal(isSystemPath(`${PROJECT}/bin/x`), false);
  });
});
