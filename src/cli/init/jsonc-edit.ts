/**
 * Minimal text edits to the `plugin` array of opencode.json / opencode.jsonc. The file is parsed
 * with jsonc-parser (comments, trailing commas) and changed by inserting or deleting one span of
 * text, applied with its applyEdits, so every byte outside that span — comments, indentation, key
 * order, other plugins — stays as the user wrote it. (jsonc-parser's `modify` either reformats the
 * neighbouring item, with formatting options, or glues the new item onto its line, without.)
 */

import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  applyEdits,
  createScanner,
  type Edit,
  findNodeAtLocation,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
} from "jsonc-parser";

export type { Edit } from "jsonc-parser";
export { applyEdits };

export const PLUGIN_SPEC = "atreides-opencode";

// "atreides-opencode", "atreides-opencode@1.2.3", "@scope/atreides-opencode", and file URLs or paths
// to a local build: an "atreides-opencode" directory anywhere on the path (a clone's dist/index.js),
// or "atreides" in the file or its directory name. Only the last two segments are looked at for the
// loose match, so a plugin that merely sits under some ~/atreides-work/ tree is not mistaken for it.
const NPM_SPEC = /^(?:@[^/\s]+\/)?atreides-opencode(?:@[^/\s]+)?$/i;
const LOCAL_SPEC = /^(?:file:|\.{0,2}\/|~\/|[A-Za-z]:[\\/])/;
const PACKAGE_SEGMENT = /^atreides-opencode(?:@|$)/i;
const MENTIONS = /atreides/i;
const SEGMENTS = /[\\/]+/;

export function isAtreidesSpec(spec: string): boolean {
  if (NPM_SPEC.test(spec)) return true;
  if (!LOCAL_SPEC.test(spec)) return false;
  const segments = spec.split(SEGMENTS).filter(Boolean);
  if (segments.some((s) => PACKAGE_SEGMENT.test(s))) return true;
  if (segments.slice(-2).some((s) => MENTIONS.test(s))) return true;
  return localPackageName(spec) === PLUGIN_SPEC;
}

/**
 * The package a local plugin entry belongs to: a directory entry's own package.json, or for a file
 * (e.g. a clone's dist/index.js) the package.json one or two directories up. null when unknown.
 */
function localPackageName(spec: string): string | null {
  let path: string;
  try {
    path = spec.startsWith("file:") ? fileURLToPath(spec) : spec;
  } catch {
    return null;
  }
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return null;
  const dirs = st.isDirectory() ? [path] : [dirname(path), dirname(dirname(path))];
  for (const dir of dirs) {
    try {
      const name = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown }).name;
      if (typeof name === "string") return name;
    } catch {
      // no readable package.json here; try the next directory up
    }
  }
  return null;
}

export interface PluginEntry {
  spec: string;
  /** Tuple options (["spec", {…}]); undefined for a plain string entry. */
  options?: unknown;
  /** Offset and length of the entry's text in the file. */
  offset: number;
  length: number;
}

export interface ParsedConfig {
  root: Node;
  /** The `plugin` value node, when present. */
  plugin: Node | undefined;
  entries: PluginEntry[];
}

export class JsoncError extends Error {}

export function parseOpencodeConfig(text: string, file: string): ParsedConfig {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const where = e ? lineCol(text, e.offset) : { line: 1, column: 1 };
    const what = e ? printParseErrorCode(e.error) : "empty document";
    throw new JsoncError(`${file}: invalid JSONC (${what}) at line ${where.line}, column ${where.column}`);
  }
  if (root.type !== "object") throw new JsoncError(`${file}: the top level is not an object`);
  const plugin = findNodeAtLocation(root, ["plugin"]);
  const entries: PluginEntry[] = [];
  if (plugin?.type === "array") {
    for (const item of plugin.children ?? []) {
      const e = entryOf(item);
      if (e) entries.push(e);
    }
  }
  return { root, plugin, entries };
}

function entryOf(item: Node): PluginEntry | null {
  if (item.type === "string" && typeof item.value === "string") {
    return { spec: item.value, offset: item.offset, length: item.length };
  }
  const first = item.type === "array" ? item.children?.[0] : undefined;
  if (first?.type === "string" && typeof first.value === "string") {
    const opts = item.children?.[1];
    return {
      spec: first.value,
      options: opts ? nodeValue(opts) : undefined,
      offset: item.offset,
      length: item.length,
    };
  }
  return null;
}

function nodeValue(n: Node): unknown {
  switch (n.type) {
    case "object":
      return Object.fromEntries(
        (n.children ?? []).flatMap((p) => {
          const [k, v] = p.children ?? [];
          return k && v ? [[String(k.value), nodeValue(v)]] : [];
        }),
      );
    case "array":
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value;
  }
}

/**
 * The one insertion that adds `spec` at the end of the plugin array (creating `"plugin": [spec]`
 * when there is none). The caller has checked that no Atreides entry exists.
 */
export function pluginInsertEdit(text: string, parsed: ParsedConfig, spec: string, file: string): Edit {
  const value = JSON.stringify(spec);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const { root, plugin } = parsed;
  if (plugin && plugin.type !== "array") {
    throw new JsoncError(
      `${file}: "plugin" is a ${plugin.type}, not an array; make it a list such as ["other-plugin"]`,
    );
  }
  if (plugin) return appendItem(text, plugin, value, eol);
  return appendItem(text, root, `"plugin": [${value}]`, eol);
}

/** Append `content` as the last item of an array or object node, laid out like its siblings. */
function appendItem(text: string, container: Node, content: string, eol: string): Edit {
  const items = container.children ?? [];
  const last = items[items.length - 1];
  if (!last) {
    // Empty container: `[]` stays on one line; a multi-line `{\n}` gets the item on its own line.
    const open = container.offset + 1;
    const inner = text.slice(open, container.offset + container.length - 1);
    if (!inner.includes("\n")) return { offset: open, length: 0, content };
    const indent = lineIndent(text, container.offset);
    return { offset: open, length: 0, content: `${eol}${indent}${indentUnit(text)}${content}` };
  }
  const lastEnd = last.offset + last.length;
  // Same line as the previous item for inline lists (["a", "b"]), otherwise a new line at its indent.
  const sep = startsLine(text, last.offset) ? `${eol}${lineIndent(text, last.offset)}` : " ";
  const after = nextToken(text, lastEnd);
  if (after.kind === SyntaxKind.CommaToken) {
    // A trailing comma: keep one after the new item too.
    return { offset: after.offset + 1, length: 0, content: `${sep}${content},` };
  }
  return { offset: lastEnd, length: 0, content: `,${sep}${content}` };
}

/**
 * Edits that remove one item of the plugin array and its separating comma, keeping comments around
 * it and the layout of the other items.
 */
export function pluginRemoveEdits(text: string, parsed: ParsedConfig, entry: PluginEntry): Edit[] {
  const array = parsed.plugin;
  const items = array?.children ?? [];
  const i = items.findIndex((n) => n.offset === entry.offset);
  const item = items[i];
  if (!array || !item) return [];
  const itemEnd = item.offset + item.length;
  const after = nextToken(text, itemEnd);
  const next = items[i + 1];
  if (next) {
    // Remove "item,<blank>" so the next item takes its place. A comment after the comma belongs to
    // the next item's line and stays (only the blanks before it go).
    const between = text.slice(after.offset + 1, next.offset);
    const cut = hasComment(between)
      ? after.offset + 1 + leadingInlineWhitespace(between).length
      : next.offset;
    return [{ offset: item.offset, length: cut - item.offset, content: "" }];
  }
  // The last item: its own trailing comma (if any) goes with it.
  const end = after.kind === SyntaxKind.CommaToken ? after.offset + 1 : itemEnd;
  const prev = items[i - 1];
  if (!prev) {
    // The only item: also drop the blank run before it so `[\n  "x"\n]` becomes `[\n]`.
    const start = openingBlankStart(text, array, item.offset);
    return [{ offset: start, length: end - start, content: "" }];
  }
  const comma = nextToken(text, prev.offset + prev.length);
  if (comma.kind !== SyntaxKind.CommaToken)
    return [{ offset: item.offset, length: end - item.offset, content: "" }];
  const between = text.slice(comma.offset + 1, item.offset);
  if (!hasComment(between)) {
    // ",<blank>item" goes; a trailing comma after the item stays as the previous item's.
    return [{ offset: comma.offset, length: itemEnd - comma.offset, content: "" }];
  }
  // A comment follows the previous item (`"a", // note`): drop that comma, keep the comment, and
  // remove the blank run before this item through its end.
  const ws = trailingWhitespace(between);
  return [
    { offset: comma.offset, length: 1, content: "" },
    { offset: item.offset - ws.length, length: end - (item.offset - ws.length), content: "" },
  ];
}

function openingBlankStart(text: string, array: Node, itemOffset: number): number {
  const between = text.slice(array.offset + 1, itemOffset);
  return hasComment(between) ? itemOffset : array.offset + 1;
}

interface Token {
  kind: SyntaxKind;
  offset: number;
}

/** The next token at or after `offset` that is not whitespace or a comment. */
function nextToken(text: string, offset: number): Token {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  const kind = scanner.scan();
  return { kind, offset: scanner.getTokenOffset() };
}

const COMMENT = /\/\/|\/\*/;
const hasComment = (s: string): boolean => COMMENT.test(s);
const TRAILING_WS = /[ \t\r\n]*$/;
const trailingWhitespace = (s: string): string => TRAILING_WS.exec(s)?.[0] ?? "";
const LEADING_INLINE_WS = /^[ \t]*/;
const leadingInlineWhitespace = (s: string): string => LEADING_INLINE_WS.exec(s)?.[0] ?? "";

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** True when only whitespace precedes `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === "";
}

const LEADING_WS = /^[ \t]*/;

function lineIndent(text: string, offset: number): string {
  return LEADING_WS.exec(text.slice(lineStart(text, offset), offset))?.[0] ?? "";
}

const INDENTED_LINE = /\n([ \t]+)\S/;

/** The file's indent unit (its first indented line), two spaces when there is none. */
function indentUnit(text: string): string {
  return INDENTED_LINE.exec(text)?.[1] ?? "  ";
}

export function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
