/** JSON Schema for editors, generated from the zod schema at build time (schema/atreides.schema.json). */
import { z } from "zod";
import { configSchema } from "./schema.js";

export function buildJsonSchema(): Record<string, unknown> {
  // io "input": every key is optional for the user; defaults are shown as `default`.
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: "https://www.npmjs.com/package/atreides-opencode/schema.json",
    title: "Atreides for OpenCode configuration",
    description:
      "Put it in .opencode/atreides.jsonc (project) or ~/.config/opencode/atreides.jsonc (global), or pass it as plugin tuple options.",
  };
}
