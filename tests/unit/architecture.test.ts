// Dependencies point one way: main → shared ← workers. main and workers never import each other.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../../../src", import.meta.url));
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const IMPORT = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

function imports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1]!).filter((s) => s.startsWith("."));
}
function layer(file: string): string {
  return relative(src, file).split("/")[0]!;
}

test("src/main does not import src/workers, src/workers does not import src/main", () => {
  const bad: string[] = [];
  for (const f of files(src)) {
    const from = layer(f);
    for (const spec of imports(f)) {
      const to = layer(join(f, "..", spec));
      if ((from === "main" && to === "workers") || (from === "workers" && to === "main"))
        bad.push(`${relative(src, f)} → ${spec}`);
      if (from === "shared" && (to === "main" || to === "workers" || to === "cli"))
        bad.push(`${relative(src, f)} → ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("no Bun-only APIs in src", () => {
  const bad = files(src).filter((f) => /\bBun\.[a-zA-Z]+|from ["']bun:/.test(readFileSync(f, "utf8")));
  assert.deepEqual(bad, []);
});
