import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CommandClass, classifyCommand, MAX_COMMAND_CHARS } from "../../../src/shared/workflow/index.js";

/** [command, expected class]: judged by command words, never by quoted data. */
const CORPUS: readonly (readonly [string, CommandClass])[] = [
  // the original engine's trap: "test" inside a commit message
  ['git commit -m "add test"', "vcs-write"],
  ["git commit -m 'fix failing pytest run'", "vcs-write"],
  ['echo "npm test"', "other"],
  ['grep -rn "pytest" src', "fs-read"],
  ["# npm test", "other"],
  ["test -f package.json && echo yes", "other"],
  // test runners
  ["npm test", "test"],
  ["npm t", "test"],
  ["npm run test:unit -- --watch=false", "test"],
  ["FOO=1 CI=true npm run test", "test"],
  ["npx vitest run", "test"],
  ["npx --yes jest --ci", "test"],
  ["./node_modules/.bin/vitest", "test"],
  ["pytest -q", "test"],
  ["python -m pytest tests/ -x", "test"],
  ["python3 -m unittest discover", "test"],
  ["uv run pytest", "test"],
  ["cargo test --all", "test"],
  ["go test ./...", "test"],
  ["node --test build/tests/unit/*.test.js", "test"],
  ["bun test", "test"],
  ["pnpm test", "test"],
  ["yarn test", "test"],
  ["deno test -A", "test"],
  ["make test", "test"],
  ["make check", "test"],
  ["./gradlew test", "test"],
  ["mvn -q verify", "test"],
  ["dotnet test", "test"],
  ["c8 node --test", "test"],
  ["timeout 120 npm test", "test"],
  ['bash -c "npm test"', "test"],
  ["npx playwright test", "test"],
  // build and lint
  ["tsc --noEmit", "lint"],
  ["npx tsc -p tsconfig.json", "build"],
  ["npm run build", "build"],
  ["cargo build --release", "build"],
  ["go build ./cmd/x", "build"],
  ["make", "build"],
  ["docker build -t app .", "build"],
  ["eslint .", "lint"],
  ["npx biome check --write src", "lint"],
  ["ruff check .", "lint"],
  ["cargo clippy -- -D warnings", "lint"],
  ["pnpm lint", "lint"],
  ["npm run typecheck", "lint"],
  ["go vet ./...", "lint"],
  // changes
  ["npm install", "install"],
  ["npm i -D vitest", "install"],
  ["pip install -r requirements.txt", "install"],
  ["sudo apt-get install -y jq", "install"],
  ["yarn", "install"],
  ["go mod tidy", "install"],
  ["git add -A", "vcs-write"],
  ["git checkout -b feature/x", "vcs-write"],
  ["git branch -D old", "vcs-write"],
  ["git push origin main", "vcs-write"],
  ["git stash", "vcs-write"],
  ["mkdir -p src/new", "fs-write"],
  ["rm -rf dist", "fs-write"],
  ["echo hello > notes.txt", "fs-write"],
  ["sed -i 's/a/b/' file.txt", "fs-write"],
  ["find . -name '*.tmp' -delete", "fs-write"],
  ["tar -xzf archive.tgz", "fs-write"],
  ["node scripts/gen.js", "run"],
  ["python script.py", "run"],
  ["./run.sh", "run"],
  ["npm start", "run"],
  ["bun run dev", "run"],
  ["docker compose up -d", "run"],
  // reads
  ["git status", "vcs-read"],
  ["git -C packages/a log --oneline -5", "vcs-read"],
  ["git diff HEAD~1 > /dev/null", "vcs-read"],
  ["git branch", "vcs-read"],
  ["git branch -a", "vcs-read"],
  ["ls -la", "fs-read"],
  ["cat package.json", "fs-read"],
  ["rg -n TODO src", "fs-read"],
  ["sed -n 1,20p file.ts", "fs-read"],
  ["find . -name '*.ts'", "fs-read"],
  ["command -v node", "fs-read"],
  ["wc -l src/*.ts", "fs-read"],
  // nothing to go on
  ["", "other"],
  ["cd src", "other"],
  ["curl -s https://example.com", "other"],
  ["echo done", "other"],
];

describe("classifyCommand corpus", () => {
  it("has at least 40 commands", () => {
    assert.ok(CORPUS.length >= 40);
  });
  for (const [command, expected] of CORPUS) {
    it(`${JSON.stringify(command)} → ${expected}`, () => {
      assert.equal(classifyCommand(command), expected);
    });
  }
});

describe("classifyCommand chains: the strongest class wins", () => {
  const chains: readonly (readonly [string, CommandClass])[] = [
    ["npm install && npm test", "test"],
    ["cd pkg && npm run build", "build"],
    ["git add . && git commit -m 'wip'", "vcs-write"],
    ["git status; git diff", "vcs-read"],
    ["npm test 2>&1 | tail -20", "test"],
    ["cat log.txt | grep ERROR", "fs-read"],
    ["mkdir out && node gen.js > out/x.json", "fs-write"],
    ["npm run lint || true", "lint"],
    ["(cd a && cargo test) && git push", "test"],
    ["ls\npytest", "test"],
    ["tsc --noEmit && eslint .", "lint"],
    ["npm run build && tsc --noEmit", "build"],
    ["git commit -m \"$(echo 'add test')\"", "vcs-write"],
    ["echo start && $(npm bin)/vitest", "test"],
  ];
  for (const [command, expected] of chains) {
    it(`${JSON.stringify(command)} → ${expected}`, () => {
      assert.equal(classifyCommand(command), expected);
    });
  }
});

describe("classifyCommand keeps data out of the command position", () => {
  it("ignores heredoc bodies", () => {
    assert.equal(classifyCommand("cat <<EOF\nnpm test\ncargo test\nEOF"), "fs-read");
    assert.equal(classifyCommand("cat <<'EOF' > notes.md\nnpm test\nEOF\nls"), "fs-write");
    assert.equal(classifyCommand("cat <<-EOF\n\tnpm test\n\tEOF\necho ok"), "fs-read");
  });
  it("ignores here-strings and input redirections", () => {
    assert.equal(classifyCommand("grep x <<< 'npm test'"), "fs-read");
    assert.equal(classifyCommand("wc -l < tests.txt"), "fs-read");
  });
  it("ignores comments after a command", () => {
    assert.equal(classifyCommand("ls # then npm test"), "fs-read");
  });
  it("treats escaped and quoted separators as data", () => {
    assert.equal(classifyCommand("echo a \\; npm test"), "other");
    assert.equal(classifyCommand("echo 'a && npm test'"), "other");
  });
  it("does not follow nested shells forever", () => {
    assert.equal(classifyCommand(`bash -c "bash -c 'npm test'"`), "test");
    assert.equal(classifyCommand(`bash -c "bash -c 'bash -c \\"npm test\\"'"`), "run");
  });
  it("never throws and stays bounded on hostile input", () => {
    const junk = `${"'\"`$((<<".repeat(3000)}npm test`;
    assert.equal(typeof classifyCommand(junk), "string");
    const long = `${"echo x && ".repeat(MAX_COMMAND_CHARS)}npm test`;
    // The tail beyond MAX_COMMAND_CHARS is not looked at.
    assert.equal(classifyCommand(long), "other");
    assert.equal(classifyCommand(undefined as unknown as string), "other");
  });
});
