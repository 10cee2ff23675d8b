/**
 * The commented .opencode/atreides.jsonc that init writes, generated from the zod schema (through
 * its JSON Schema: descriptions, nesting) and DEFAULT_CONFIG (values), so it can never drift from
 * what the plugin accepts. Every setting is commented out: a project file that pinned every default
 * would silently override the user's global file and every future improvement of a default.
 * Removing the leading "// " of a setting line (and of its section's lines) yields valid JSONC;
 * "$schema" comes last so that no uncommented line ever needs a comma added.
 */
import { buildJsonSchema } from "../../shared/config/json-schema.js";
import { DEFAULT_CONFIG } from "../../shared/config/schema.js";

interface SchemaNode {
  type?: string | string[];
  default?: unknown;
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const INDENT = "  ";
const NEWLINES = /\s*\n\s*/g;

export function renderAtreidesJsonc(schemaRef: string, scope: "project" | "global"): string {
  const schema = buildJsonSchema() as SchemaNode;
  const lines: string[] = [
    `// Atreides for OpenCode: ${scope === "project" ? "settings for this project" : "global settings"}.`,
    "// Every setting is optional and listed below, commented out, with its default value. To change one,",
    '// remove the leading "// " from its line and from the lines of its section ("offload": { … }).',
    scope === "project"
      ? "// This file overrides ~/.config/opencode/atreides.jsonc; plugin tuple options and ATREIDES_* variables override both."
      : "// A project's .opencode/atreides.jsonc overrides this file; plugin tuple options and ATREIDES_* variables override both.",
    "// `atreides doctor` checks this file and prints each problem with the key, the value and the fix.",
    "{",
  ];
  renderObject(schema, DEFAULT_CONFIG as unknown as Record<string, unknown>, 1, lines);
  lines.push(`${INDENT}"$schema": ${JSON.stringify(schemaRef)}`, "}", "");
  return lines.join("\n");
}

function renderObject(node: SchemaNode, values: Record<string, unknown>, depth: number, out: string[]): void {
  const keys = Object.keys(node.properties ?? {}).filter((k) => k !== "$schema");
  const pad = INDENT.repeat(depth - 1);
  const prefix = `${INDENT}// ${pad}`;
  // Top-level entries are followed by "$schema", so they always need a comma; inside a section the
  // last one has none, so uncommenting a whole section gives strict JSON.
  // DEFAULT_CONFIG is the source of truth; the schema's own default fills a leaf it lacks.
  const defaultFor = (k: string) =>
    values[k] ?? (node.properties?.[k]?.properties ? {} : node.properties?.[k]?.default);
  const lastValued = depth === 1 ? -1 : findLastIndex(keys, (k) => defaultFor(k) !== undefined);
  keys.forEach((key, i) => {
    const child = node.properties?.[key] ?? {};
    const note = child.description ? ` // ${child.description.replace(NEWLINES, " ")}` : "";
    const comma = i === lastValued ? "" : ",";
    const value = defaultFor(key);
    if (child.properties && isPlainObject(value)) {
      out.push(`${prefix}${JSON.stringify(key)}: {${note}`);
      renderObject(child, value, depth + 1, out);
      out.push(`${prefix}}${comma}`);
    } else if (value !== undefined) {
      out.push(`${prefix}${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}${note}`);
    } else {
      // Optional with no default: documented, not uncommentable (there is no value to show).
      const doc = child.description ? `: ${child.description.replace(NEWLINES, " ")}` : "";
      out.push(`${prefix}// ${JSON.stringify(key)} (optional ${describeType(child)})${doc}`);
    }
  });
}

function findLastIndex<T>(a: readonly T[], pred: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (pred(a[i]!)) return i;
  return -1;
}

function describeType(n: SchemaNode): string {
  const t = Array.isArray(n.type) ? n.type.join(" or ") : (n.type ?? "value");
  if (t === "array" && n.items?.type) return `list of ${n.items.type}s`;
  return t;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
