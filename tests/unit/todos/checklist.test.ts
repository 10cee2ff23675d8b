import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_CHECKLIST_SCAN, MAX_TODOS, parseChecklist } from "../../../src/shared/todos/index.js";

describe("parseChecklist: items", () => {
  it("reads every box style and bullet", () => {
    const { items } = parseChecklist(
      [
        "- [ ] pending dash",
        "* [x] done star",
        "+ [X] done plus",
        "- [✓] done check",
        "- [✔] done heavy check",
        "- [-] progress dash",
        "- [~] progress tilde",
        "- [/] progress slash",
        "- [!] blocked bang",
        "- [] empty box",
        "-   [   ] wide box",
        "1. [ ] numbered",
        "2) [x] numbered paren",
        "\t  - [ ] indented",
        "-[ ] no space after bullet",
        "- [ ] ~~struck out~~",
      ].join("\n"),
    );
    assert.deepEqual(
      items.map((t) => [t.content, t.status]),
      [
        ["pending dash", "pending"],
        ["done star", "completed"],
        ["done plus", "completed"],
        ["done check", "completed"],
        ["done heavy check", "completed"],
        ["progress dash", "in_progress"],
        ["progress tilde", "in_progress"],
        ["progress slash", "in_progress"],
        ["blocked bang", "blocked"],
        ["empty box", "pending"],
        ["wide box", "pending"],
        ["numbered", "pending"],
        ["numbered paren", "completed"],
        ["indented", "pending"],
        ["no space after bullet", "pending"],
        ["struck out", "cancelled"],
      ],
    );
  });

  it("finds no todos in ordinary bullets, prose, links or code", () => {
    const { items } = parseChecklist(
      [
        "- a plain bullet",
        "* [link](https://x.test) not a box",
        "- [x]no space before text",
        "- [ ]",
        "[ ] no bullet",
        "> - [ ] quoted",
        "text - [ ] mid-line",
        "- [y] unknown box",
        "    const a = [x]; // - [ ] in a comment? no: not at line start",
        "```ts",
        "- [ ] inside a fence",
        "```",
        "~~~",
        "- [x] inside a tilde fence",
        "````",
        "- [ ] still inside: a longer backtick run is not the tilde closer",
        "~~~",
        "- [ ] after the fences",
      ].join("\n"),
    );
    assert.deepEqual(
      items.map((t) => t.content),
      ["after the fences"],
    );
  });

  it("handles CRLF and keeps the last state of a repeated item", () => {
    const { items } = parseChecklist("- [ ] Fix bug\r\n- [ ] Other\r\n- [x] fix bug.\r\n");
    assert.deepEqual(items, [
      { content: "fix bug.", status: "completed" },
      { content: "Other", status: "pending" },
    ]);
  });

  it("caps items at 200 and content at 500", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `- [ ] item number ${i}`);
    lines.push(`- [ ] ${"long ".repeat(400)}`);
    lines.push("- [x] item number 5");
    const { items } = parseChecklist(lines.join("\n"));
    assert.equal(items.length, MAX_TODOS);
    assert.equal(items[5]?.status, "completed");
    const long = parseChecklist(`- [ ] ${"word ".repeat(400)}`).items[0];
    assert.ok(long && long.content.length <= 500);
  });

  it("scans at most 64 KiB", () => {
    const pad = "x".repeat(MAX_CHECKLIST_SCAN);
    assert.deepEqual(parseChecklist(`${pad}\n- [ ] too late`).items, []);
    assert.equal(parseChecklist(`- [ ] early\n${pad}`).items.length, 1);
  });

  it("returns empty results for empty or non-string input", () => {
    assert.deepEqual(parseChecklist(""), { items: [], completions: [] });
    assert.deepEqual(parseChecklist(undefined as unknown as string), { items: [], completions: [] });
  });
});

describe("parseChecklist: completion phrases", () => {
  const cases: [string, string[]][] = [
    ['I completed "Write the parser".', ["Write the parser"]],
    ['Finished the "Refactor utils" task', ["Refactor utils"]],
    ["Resolved “Flaky login test” now.", ["Flaky login test"]],
    ['done with "the migration script"', ["the migration script"]],
    ['Task "Add CI config" is done', ["Add CI config"]],
    ['The todo "Update README" has been completed.', ["Update README"]],
    ['I marked "Bump deps" as done', ["Bump deps"]],
    ['Marking "Cleanup temp files" as completed', ["Cleanup temp files"]],
    ["✅ Added unit tests for the parser", ["Added unit tests for the parser"]],
    ['Fixed "race in saver" and addressed "log rotation bug".', ["race in saver", "log rotation bug"]],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => {
      assert.deepEqual(parseChecklist(text).completions, expected);
    });
  }

  const negatives = [
    'I will complete "Write the parser" next.',
    'I haven\'t finished "Write the parser" yet.',
    'We have not completed "Deploy".',
    'Not yet completed "Deploy script".',
    'Next I\'ll mark "Bump deps" as done.',
    'completed "abc"',
    'Task "Add CI" is pending',
    "completed the parser work", // no quotes
  ];
  for (const text of negatives) {
    it(`no completion in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseChecklist(text).completions, []);
    });
  }

  it("ignores phrases inside code fences and deduplicates", () => {
    const text = '```\ncompleted "inside fence"\n```\ncompleted "Twice here" and finished "twice here."';
    assert.deepEqual(parseChecklist(text).completions, ["Twice here"]);
  });
});
