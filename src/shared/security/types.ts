/**
 * Public types of the security guard, and the internal finding shape the rule files produce.
 */

export type SecurityAction = "allow" | "ask" | "deny";

export interface SecurityVerdict {
  action: SecurityAction;
  /** Stable kebab-case rule id (see rules.ts), or null when allowed. */
  rule: string | null;
  /** One line, human: what was judged and why (≤ 200 chars). */
  reason: string;
  /** The command or path judged, normalised, ≤ 200 chars. */
  subject: string;
}

export interface SecurityOptions {
  /** Regex sources; a command matching one is denied. */
  blockedPatterns: string[];
  /** Regex sources; a command matching one needs confirmation. */
  askPatterns: string[];
  /**
   * Regex sources; a command segment or path matching one is allowed even if a built-in rule would ask,
   * and even if a built-in *secret-file* rule would deny (dotenv, key files, credentials JSON in a project).
   * They never lift destructive, escalation or exfiltration denials, nor the user's own block/ask lists.
   */
  allowPatterns: string[];
  /** Regex sources, or globs written as "glob:<pattern>"; a path matching one is denied. */
  blockedFiles: string[];
  /** Used to expand ~, $HOME and ${HOME}. */
  homeDir: string;
  /** Relative paths resolve here; deletions inside it are normal work. */
  projectDir: string;
}

/** Opaque compiled form: build it with compileSecurityPolicy(). */
export interface SecurityPolicy {
  readonly __securityPolicy: true;
}

/** A rule hit. "allow" is the absence of findings. */
export interface Finding {
  action: "ask" | "deny";
  rule: string;
  reason: string;
  /** allowPatterns may lift it (every ask, and the project-level secret-file denials). */
  overridable: boolean;
  /** A credential file was read: becomes "secret-exfiltration" when the same command line talks to the network. */
  secretRead: boolean;
}

/**
 * How a path is touched. read: file contents; write: create/modify/delete; list: names only;
 * search: contents of a whole subtree or of whatever a glob matches.
 */
export type PathAccess = "read" | "write" | "list" | "search";
