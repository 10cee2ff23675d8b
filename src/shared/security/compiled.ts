/**
 * The compiled policy (the opaque SecurityPolicy handed to callers) and the per-evaluation state.
 */
import type { PathRuleCtx } from "./path-rules.js";
import type { ParseBudget, Redirect, ShellEnv, Word } from "./shell-parse.js";
import type { Finding, SecurityPolicy } from "./types.js";
import type { UserPattern } from "./user-patterns.js";

export interface CompiledPolicy extends SecurityPolicy {
  readonly home: string;
  readonly project: string;
  readonly paths: PathRuleCtx;
  readonly blocked: readonly UserPattern[];
  readonly ask: readonly UserPattern[];
  readonly allow: readonly UserPattern[];
  /** Variables every command starts with (HOME, USER, IFS …). */
  readonly vars: ReadonlyArray<readonly [string, string]>;
}

/** What one stage of a pipeline receives on stdin. */
export interface StageInput {
  /** Static text on stdin (heredoc, here-string, echo … |), or null when unknown. */
  stdin: string | null;
  /** stdin comes (directly or through a pipe) from the network. */
  stdinNet: boolean;
}

/** Callbacks into the judge, so rule files can recurse without importing it (no module cycle). */
export interface Reentry {
  /**
   * Judge a shell command string (sh -c, eval, decoded payloads) one level deeper. sameShell: it runs
   * in the current shell (eval), so its assignments and cd stay in effect afterwards.
   */
  shell(text: string, depth: number, sameShell?: boolean, positional?: readonly string[]): void;
  /** Judge an argv as a simple command (find -exec, xargs). */
  argv(words: Word[], input: StageInput, depth: number): void;
}

export interface JudgeState {
  readonly policy: CompiledPolicy;
  env: ShellEnv;
  cwd: string;
  readonly budget: ParseBudget;
  findings: Finding[];
  /** Normalised texts seen (whole lines and every simple command), for user block/ask patterns. */
  readonly texts: string[];
  /** User block/ask patterns exist, so texts are worth collecting. */
  readonly wantTexts: boolean;
  /** A command on this line sends data over the network. */
  network: boolean;
  /** Absolute paths written by curl/wget on this line. */
  readonly downloads: Set<string>;
  /** Symlinks made on this line (ln -s): link path → target, both absolute. */
  readonly links: Map<string, string>;
  decodeRounds: number;
  decodedBytes: number;
  readonly reenter: Reentry;
}

/** One simple command after wrappers were peeled, as the rule handlers see it. */
export interface Cmd extends StageInput {
  /** Canonical lower-case command name ("python3.11" → "python"). */
  readonly name: string;
  readonly argv0: Word;
  readonly args: readonly Word[];
  /** Redirections of the simple command (downloads via `curl … > file`). */
  readonly redirs: readonly Redirect[];
  readonly depth: number;
  readonly st: JudgeState;
}

/**
 * A rule handler. Returning an argv means "this was a wrapper: judge this command next"
 * (sudo, env, nice, xargs …); returning nothing ends the command.
 */
export type Handler = (c: Cmd) => Word[] | undefined;
