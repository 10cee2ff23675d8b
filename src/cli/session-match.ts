/** Pick one session by id or unique prefix among the stems found on disk. */
import { sessionFileStem } from "../shared/paths.js";
import { CliError } from "./io.js";

export function matchSession(
  query: string,
  stems: readonly string[],
  what: string,
  listCommand: string,
): string {
  const stem = sessionFileStem(query);
  if (stems.includes(stem)) return stem;
  if (stems.includes(query)) return query;
  const hits = stems.filter((s) => s.startsWith(query));
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) {
    throw new CliError(`no ${what} matches ${JSON.stringify(query)}`, `run \`${listCommand}\` to list them`);
  }
  const shown = hits.slice(0, 5).join(", ");
  throw new CliError(
    `${JSON.stringify(query)} matches ${hits.length} sessions (${shown}${hits.length > 5 ? ", …" : ""})`,
    "type more of the id",
  );
}
