/**
 * Merge config sources and validate them with zod. A bad value never stops the plugin: each problem
 * becomes a ConfigIssue (key path, value received, what was expected, the fix) and that key falls back
 * to its default. Pure: the callers read files and the environment.
 */
import type { core } from "zod";
import { type ConfigIssue, renderValue } from "../errors.js";
import { type AtreidesConfig, configSchema, DEFAULT_CONFIG, deepFreeze } from "./schema.js";

export interface ConfigSource {
  /** Human name of the source: a file path, "plugin options", "env ATREIDES_POOL_SIZE". */
  source: string;
  value: unknown;
}

export interface ResolvedConfig {
  config: AtreidesConfig;
  issues: ConfigIssue[];
}

// A source with more broken keys than this is hostile or garbage; the rest of it is dropped.
const kMaxRepairRounds = 64;
const kDropped = Symbol("dropped");

type Obj = Record<string | symbol, unknown>;
const isPlainObject = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Resolve sources, later ones winning key by key (objects merge, arrays and scalars replace). */
export function resolveConfig(sources: readonly ConfigSource[]): ResolvedConfig {
  const issues: ConfigIssue[] = [];
  let merged: Obj = {};
  for (const s of sources) {
    if (s.value === undefined || s.value === null) continue;
    if (!isPlainObject(s.value)) {
      issues.push({
        source: s.source,
        path: "",
        received: renderValue(s.value),
        expected: "an object of Atreides settings",
        fix: 'write an object such as { "offload": { "poolSize": 1 } }, or remove this source',
      });
      continue;
    }
    const clean = repair(cloneJson(s.value) as Obj, s.source, issues);
    merged = mergeDeep(merged, clean);
  }
  const parsed = configSchema.safeParse(merged);
  // Every source was repaired on its own, so the merge parses; the fallback is belt and braces.
  const config = parsed.success ? parsed.data : DEFAULT_CONFIG;
  return { config: deepFreeze(config), issues };
}

/** Drop every invalid key of one source (recording why) until what is left parses. */
function repair(value: Obj, source: string, issues: ConfigIssue[]): Obj {
  for (let round = 0; round < kMaxRepairRounds; round++) {
    const r = configSchema.safeParse(value);
    if (r.success) return value;
    for (const issue of r.error.issues) {
      issues.push(...describe(issue, value, source));
      drop(value, issue);
    }
    pruneDropped(value);
  }
  issues.push({
    source,
    path: "",
    received: "too many invalid keys",
    expected: "a config that mostly validates",
    fix: "fix the reported keys; the rest of this source was ignored",
  });
  return {};
}

function describe(issue: core.$ZodIssue, root: Obj, source: string): ConfigIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const parent = getAt(root, issue.path);
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => ({
      source,
      path: path ? `${path}.${key}` : key,
      received: renderValue(isPlainObject(parent) ? parent[key] : undefined),
      expected: `a known key${known.length ? ` (one of: ${known.join(", ")})` : ""}`,
      fix: suggestKey(key, known) ?? "remove it (unknown keys are ignored)",
    }));
  }
  const received = renderValue(getAt(root, issue.path));
  const dflt = getAt(
    DEFAULT_CONFIG as unknown as Obj,
    issue.path.filter((p) => typeof p !== "number"),
  );
  const fallback = dflt === undefined ? "no value" : `the default ${renderValue(dflt)}`;
  return [
    {
      source,
      path,
      received,
      expected: expectedText(issue),
      fix: `set ${path || "it"} to ${expectedText(issue)}, or remove it to use ${fallback}`,
    },
  ];
}

function expectedText(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "int" ? "an integer" : `a ${issue.expected}`;
    case "too_small":
      return issue.origin === "array"
        ? `at least ${issue.minimum} items`
        : issue.origin === "string"
          ? `a string of at least ${issue.minimum} characters`
          : `a number ${issue.inclusive === false ? ">" : ">="} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array"
        ? `at most ${issue.maximum} items`
        : issue.origin === "string"
          ? `a string of at most ${issue.maximum} characters`
          : `a number ${issue.inclusive === false ? "<" : "<="} ${issue.maximum}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return `a ${issue.format}`;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}

function drop(root: Obj, issue: core.$ZodIssue): void {
  if (issue.code === "unrecognized_keys") {
    const parent = getAt(root, issue.path);
    if (isPlainObject(parent)) for (const k of issue.keys) delete parent[k];
    return;
  }
  if (issue.path.length === 0) {
    for (const k of Object.keys(root)) delete root[k];
    return;
  }
  const parent = getAt(root, issue.path.slice(0, -1));
  const last = issue.path[issue.path.length - 1]!;
  if (Array.isArray(parent) && typeof last === "number") parent[last] = kDropped;
  else if (isPlainObject(parent)) delete parent[last as string];
}

function pruneDropped(v: unknown): void {
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) if (v[i] === kDropped) v.splice(i, 1);
    for (const x of v) pruneDropped(x);
  } else if (isPlainObject(v)) {
    for (const x of Object.values(v)) pruneDropped(x);
  }
}

function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Obj)[p as string];
  }
  return cur;
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  const d = getAt(DEFAULT_CONFIG as unknown as Obj, path);
  const keys = isPlainObject(d) ? Object.keys(d) : [];
  // Optional keys without defaults are not in DEFAULT_CONFIG.
  if (path.length === 0) keys.push("$schema");
  if (path.length === 1 && (path[0] === "logging" || path[0] === "persistence")) keys.push("dir");
  return keys;
}

function suggestKey(key: string, known: string[]): string | null {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  const hit = known.find((c) => c.toLowerCase() === k || levenshtein(c.toLowerCase(), k) <= 2);
  return hit ? `did you mean "${hit}"? Rename it (unknown keys are ignored)` : null;
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function mergeDeep(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? mergeDeep(prev, v) : v;
  }
  return out;
}

/** Copy through JSON semantics (drops functions, symbols, cycles → issue-free plain data). */
function cloneJson(v: unknown, depth = 0): unknown {
  if (depth > 16) return undefined;
  if (Array.isArray(v)) return v.map((x) => cloneJson(x, depth + 1));
  if (v !== null && typeof v === "object") {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneJson(x, depth + 1);
    return out;
  }
  return v;
}
