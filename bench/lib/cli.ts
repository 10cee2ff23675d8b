/**
 * Command-line flags shared by every scenario and by run.ts. Scenarios accept `--json` (one JSON
 * object on stdout, nothing else) and `--quick` (tiny sizes, seconds); run.ts adds `--only`,
 * `--runtime` and `--out`. Unknown flags are kept so a scenario can read its own.
 */
export interface BenchArgs {
  json: boolean;
  quick: boolean;
  /** Every `--name value` or bare `--name` flag, by name without the dashes. */
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) {
      flags.set(a.slice(2, eq), a.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      flags.set(a.slice(2), next);
      i++;
    } else flags.set(a.slice(2), true);
  }
  return { json: flags.has("json"), quick: flags.has("quick"), flags };
}

export function flagString(args: BenchArgs, name: string): string | null {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : null;
}

/** Progress for humans goes to stderr, so `--json` stdout stays one parseable object. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
