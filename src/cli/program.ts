/**
 * The command table (commander). Every command has the same shape: parse flags, call one async
 * function with a CliIo, turn its result or CliError into an exit code. Usage errors exit with 2,
 * failures with 1, doctor with 0/1/2 for ok/warnings/errors.
 */
import { Command, CommanderError, Option } from "commander";
import { runBench } from "./bench.js";
import { runDoctor } from "./doctor/command.js";
import { runInit } from "./init/command.js";
import { CliError, type CliIo, EXIT } from "./io.js";
import { runLogs } from "./logs/command.js";
import { packageInfo } from "./package-info.js";
import { runState } from "./state/command.js";
import { runUninstall } from "./uninstall/command.js";

type Action = () => Promise<number>;

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const run = (action: Action) => async () => setExit(await action());
  const program = new Command("atreides")
    .description("Set up, check and inspect Atreides for OpenCode (the atreides-opencode plugin).")
    .version(`atreides-opencode ${packageInfo().version}`, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .showHelpAfterError("(run with --help for usage)")
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  program.configureHelp({ sortOptions: false, showGlobalOptions: false });
  const dir = () => new Option("-d, --dir <project>", "project directory (default: the current directory)");

  program
    .command("init")
    .description("register the plugin and write its settings, agents, skills and AGENTS.md section")
    .option("-g, --global", "set up the global OpenCode config (~/.config/opencode) instead of a project")
    .option("-n, --dry-run", "print what would change and write nothing")
    .option("-y, --yes", "do not ask for confirmation")
    .option("-f, --force", "replace generated files you edited (a backup is made first)")
    .addOption(dir())
    .option("-m, --model <provider/model>", "model for the generated agents (default: OpenCode's model)")
    .addHelpText(
      "after",
      "\nExamples:\n  atreides init --dry-run\n  atreides init --yes\n  atreides init --global --model anthropic/claude-sonnet-4-5",
    )
    .action(function (this: Command) {
      return run(() => runInit(this.opts(), io))();
    });

  program
    .command("doctor")
    .description(
      "check Node, OpenCode, the config, the registration, and load the plugin in the real opencode binary",
    )
    .option("--json", "print a machine-readable report")
    .addOption(dir())
    .option("--no-probe", "skip running opencode (faster; no proof that the plugin loads)")
    .option("--timeout <seconds>", "time limit for the opencode run (default: 30)")
    .option("--opencode <path>", "the opencode binary to use (default: PATH, then node_modules/.bin)")
    .addHelpText(
      "after",
      "\nExit status: 0 all good, 1 warnings, 2 errors.\n\nExamples:\n  atreides doctor\n  atreides doctor --json",
    )
    .action(function (this: Command) {
      return run(() => runDoctor(this.opts(), io))();
    });

  program
    .command("logs")
    .description("list session logs, or print one session's log (pretty, filtered, followed)")
    .argument("[session]", "session id or a unique prefix of it")
    .option("-f, --follow", "keep printing new records until Ctrl-C")
    .option("-l, --level <level>", "only records at this level or above (debug, info, warn, error)")
    .option("--json", "raw JSON lines (or a JSON list of sessions)")
    .option("-n, --lines <n>", "only the last n records (or the n newest sessions)")
    .addOption(dir())
    .addHelpText(
      "after",
      "\nExamples:\n  atreides logs\n  atreides logs ses_4f2a --level warn\n  atreides logs ses_4f2a --follow\n  atreides logs ses_4f2a --json | jq .event",
    )
    .action(function (this: Command, session: string | undefined) {
      return run(() => runLogs(session, this.opts(), io))();
    });

  program
    .command("state")
    .description("list saved session state, or show one session's state")
    .argument("[session]", "session id or a unique prefix of it")
    .option("--full", "print the whole saved state")
    .option("--json", "machine-readable output")
    .addOption(dir())
    .addHelpText(
      "after",
      "\nExamples:\n  atreides state\n  atreides state ses_4f2a\n  atreides state ses_4f2a --full --json",
    )
    .action(function (this: Command, session: string | undefined) {
      return run(() => runState(session, this.opts(), io))();
    });

  program
    .command("bench")
    .description("run the benchmark suite (from a clone) and say where the report and chart were written")
    .option("-q, --quick", "small sizes, finishes in seconds")
    .option("--only <scenario>", "run one scenario")
    .option("--out <dir>", "where the runner writes its results")
    .addHelpText("after", "\nExamples:\n  atreides bench --quick\n  atreides bench --only redact")
    .action(function (this: Command) {
      return run(() => runBench(this.opts(), io))();
    });

  program
    .command("uninstall")
    .description("remove exactly what init added (files you edited since are kept), after a backup")
    .option("-y, --yes", "confirm without asking (required when stdin is not a terminal)")
    .option("-n, --dry-run", "print what would change and change nothing")
    .option("--json", "machine-readable output (does not imply --yes)")
    .option("-g, --global", "undo `atreides init --global`")
    .addOption(dir())
    .addHelpText("after", "\nExamples:\n  atreides uninstall --dry-run\n  atreides uninstall --yes")
    .action(function (this: Command) {
      return run(() => runUninstall(this.opts(), io))();
    });

  for (const cmd of program.commands) {
    cmd
      .helpOption("-h, --help", "show help for this command")
      .showHelpAfterError("(run with --help for usage)")
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
      .exitOverride();
  }
  return program;
}

/** Parse argv (without node and script) and run; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      if (err.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      io.err(`atreides: ${err.message}\n`);
      if (err.hint) io.err(`  → ${err.hint}\n`);
      return err.exitCode;
    }
    const e = err as NodeJS.ErrnoException;
    const hint =
      e.code === "EACCES" || e.code === "EPERM"
        ? `permission denied${e.path ? ` on ${e.path}` : ""}: check the file's owner and mode`
        : e.code === "ENOSPC"
          ? "the disk is full: free some space and run again"
          : "this looks like a bug in atreides; please report it with the command you ran";
    io.err(`atreides: ${e.message ?? String(err)}\n  → ${hint}\n`);
    if (io.env.ATREIDES_DEBUG) io.err(`${e.stack ?? ""}\n`);
    return EXIT.fail;
  }
}
