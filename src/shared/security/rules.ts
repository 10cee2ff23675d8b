/**
 * The rule catalogue: every rule id the guard can return, its action and the "why" half of the
 * reason. Rule files only say *what* they saw; the why lives here once, so reasons stay uniform.
 *
 * overridable: allowPatterns may lift the finding. Every "ask" is overridable. Of the denials only
 * the project-level secret-file rules are (a user may decide the agent can read its own .env);
 * destruction, escalation, exfiltration and home credential stores never are.
 */
import { MAX_REASON } from "./limits.js";
import { clip } from "./text.js";
import type { Finding } from "./types.js";

interface RuleSpec {
  readonly action: "ask" | "deny";
  readonly why: string;
  readonly overridable?: true;
  /** Reading a file matched by this rule is reading a secret (see secret-exfiltration). */
  readonly secret?: true;
}

export const RULES = {
  // ── destruction ───────────────────────────────────────────────────────────────────────────────
  "rm-root": { action: "deny", why: "recursively deleting the filesystem root destroys the system" },
  "rm-home": {
    action: "deny",
    why: "recursively deleting a home directory destroys the user's files and keys",
  },
  "rm-system-dir": { action: "deny", why: "recursively deleting a system directory breaks the OS" },
  "rm-no-preserve-root": { action: "deny", why: "--no-preserve-root only exists to let rm wipe /" },
  "find-delete-root": {
    action: "deny",
    why: "find deleting everything under /, a home or a system directory",
  },
  "mv-catastrophic": { action: "deny", why: "moving /, a home or a system directory away breaks the system" },
  "dynamic-command": {
    action: "deny",
    why: "a command name computed at run time with destructive arguments",
  },
  "disk-format": { action: "deny", why: "formatting or wiping a device destroys all data on it" },
  "disk-overwrite": { action: "deny", why: "writing raw data to a block device destroys its filesystem" },
  "fork-bomb": { action: "deny", why: "a self-replicating process bomb exhausts the machine" },
  "chmod-catastrophic": {
    action: "deny",
    why: "changing permissions of /, a home or a system tree breaks the system",
  },
  "chown-catastrophic": {
    action: "deny",
    why: "changing ownership of /, a home or a system tree breaks the system",
  },
  "rc-truncate": { action: "deny", why: "truncating a shell startup file destroys the user's shell setup" },
  // ── remote code and exfiltration ──────────────────────────────────────────────────────────────
  "remote-code-exec": {
    action: "deny",
    why: "running code fetched from the network executes unreviewed code",
  },
  "download-exec": { action: "deny", why: "executing a file just downloaded runs unreviewed code" },
  "reverse-shell": { action: "deny", why: "connects a shell or raw socket to a remote host" },
  "secret-exfiltration": {
    action: "deny",
    why: "a credential file is read in a command that talks to the network",
  },
  // ── privilege and system integrity ────────────────────────────────────────────────────────────
  "root-shell": { action: "deny", why: "an interactive root shell bypasses per-command review" },
  "sudo-passwd": { action: "deny", why: "changing passwords with root rights can lock users out" },
  "setuid-system": {
    action: "deny",
    why: "setuid/setgid on a system path is a privilege-escalation backdoor",
  },
  "system-auth-write": {
    action: "deny",
    why: "changing accounts, sudo or sshd config can lock out or backdoor the system",
  },
  "firewall-disable": {
    action: "deny",
    why: "disabling the firewall or host security controls exposes the machine",
  },
  "history-tamper": { action: "deny", why: "wiping or disabling shell history hides what was done" },
  "kernel-module": { action: "deny", why: "loading or removing kernel modules changes the running kernel" },
  "kernel-tunable-write": { action: "deny", why: "writing /proc, /sys or sysctl changes the running kernel" },
  "ssh-dir-write": {
    action: "deny",
    why: "writing into .ssh can plant a backdoor key or destroy credentials",
  },
  // ── secrets (read or write) ───────────────────────────────────────────────────────────────────
  "ssh-private-key": {
    action: "deny",
    secret: true,
    why: "SSH keys and authorized_keys are off limits to the agent",
  },
  "cloud-credentials": {
    action: "deny",
    secret: true,
    why: "cloud and cluster credentials grant access to live infrastructure",
  },
  "registry-credentials": {
    action: "deny",
    secret: true,
    why: "package registry tokens allow publishing as the user",
  },
  "login-credentials": {
    action: "deny",
    secret: true,
    why: "stored logins and passwords are off limits to the agent",
  },
  "gpg-keyring": { action: "deny", secret: true, why: "GPG keyrings and password stores hold private keys" },
  "browser-credentials": {
    action: "deny",
    secret: true,
    why: "browser login and cookie stores hold the user's sessions",
  },
  "system-secrets": {
    action: "deny",
    secret: true,
    why: "system password hashes and sudo rules are secrets",
  },
  "private-key-file": {
    action: "deny",
    secret: true,
    overridable: true,
    why: "private keys and keystores must not be read or changed",
  },
  "dotenv-file": {
    action: "deny",
    secret: true,
    overridable: true,
    why: ".env files hold secrets (.env.example and similar are fine)",
  },
  "credentials-file": {
    action: "deny",
    secret: true,
    overridable: true,
    why: "credential and service-account files hold secrets",
  },
  // ── limits and failures ───────────────────────────────────────────────────────────────────────
  "command-too-long": { action: "deny", why: "too long to validate, so it is blocked" },
  "command-too-nested": { action: "deny", why: "nested too deeply to validate, so it is blocked" },
  "command-too-complex": { action: "deny", why: "too many commands to validate, so it is blocked" },
  "validator-error": {
    action: "deny",
    why: "the security check failed, so the call is blocked (fail closed)",
  },
  // ── user configuration ────────────────────────────────────────────────────────────────────────
  "user-blocked-command": { action: "deny", why: "it matches a user-configured blocked pattern" },
  "user-blocked-file": { action: "deny", why: "it matches a user-configured blocked file pattern" },
  "user-ask-command": { action: "ask", overridable: true, why: "it matches a user-configured ask pattern" },
  // ── ask: risky but legitimate ─────────────────────────────────────────────────────────────────
  sudo: { action: "ask", overridable: true, why: "it runs with elevated privileges" },
  "account-change": { action: "ask", overridable: true, why: "it changes user accounts or passwords" },
  "chmod-outside-project": {
    action: "ask",
    overridable: true,
    why: "it changes permissions outside the project",
  },
  "setuid-bit": {
    action: "ask",
    overridable: true,
    why: "setuid/setgid runs the file with its owner's rights",
  },
  chown: { action: "ask", overridable: true, why: "it changes file ownership" },
  "git-push-destructive": { action: "ask", overridable: true, why: "it rewrites or deletes remote history" },
  "git-reset-hard": { action: "ask", overridable: true, why: "it discards uncommitted work" },
  "git-clean": { action: "ask", overridable: true, why: "it permanently deletes untracked files" },
  "git-discard": { action: "ask", overridable: true, why: "it discards local changes" },
  "git-branch-delete": {
    action: "ask",
    overridable: true,
    why: "force-deleting a branch can lose unmerged commits",
  },
  "git-history-rewrite": {
    action: "ask",
    overridable: true,
    why: "it rewrites or prunes repository history",
  },
  "package-publish": { action: "ask", overridable: true, why: "it publishes to a package registry" },
  "container-destroy": {
    action: "ask",
    overridable: true,
    why: "it deletes containers, images or volumes and their data",
  },
  "container-privileged": {
    action: "ask",
    overridable: true,
    why: "it gives a container full access to the host",
  },
  "kubectl-delete": { action: "ask", overridable: true, why: "it deletes cluster resources" },
  "infra-destroy": { action: "ask", overridable: true, why: "it destroys cloud infrastructure" },
  "sql-destructive": { action: "ask", overridable: true, why: "it drops or empties database objects" },
  "service-stop": { action: "ask", overridable: true, why: "it stops or disables system services" },
  "system-power": { action: "ask", overridable: true, why: "it shuts down or reboots the machine" },
  "kill-all": { action: "ask", overridable: true, why: "it signals every process, or all processes by name" },
  "crontab-change": { action: "ask", overridable: true, why: "it replaces or removes scheduled jobs" },
  "disk-partition": { action: "ask", overridable: true, why: "it changes disk partitions" },
  "rm-outside-project": {
    action: "ask",
    overridable: true,
    why: "it deletes outside the project and temp dirs",
  },
  "rm-whole-project": {
    action: "ask",
    overridable: true,
    why: "it deletes the whole project or its git history",
  },
  "rm-unresolved-target": {
    action: "ask",
    overridable: true,
    why: "an unset variable would make it delete / or home",
  },
  "rm-dynamic-target": {
    action: "ask",
    overridable: true,
    why: "the delete target is only known at run time",
  },
  "system-path-write": {
    action: "ask",
    overridable: true,
    why: "it modifies system files outside the project",
  },
  "shell-rc-write": { action: "ask", overridable: true, why: "shell startup files run in every new shell" },
  "ssh-config-write": {
    action: "ask",
    overridable: true,
    why: "it changes SSH host trust or client settings",
  },
  "agent-config-write": {
    action: "ask",
    overridable: true,
    why: "it changes the agent's own configuration or plugins",
  },
  "persistence-write": {
    action: "ask",
    overridable: true,
    why: "it adds something that starts automatically",
  },
  "history-read": { action: "ask", overridable: true, why: "shell history often holds typed secrets" },
  "broad-home-search": {
    action: "ask",
    overridable: true,
    why: "searching all of / or a home also reads credential files",
  },
} as const satisfies Record<string, RuleSpec>;

export type RuleId = keyof typeof RULES;

const SEPARATOR = " — ";

/** A finding for `rule`: reason = "<what> — <why>", one line, ≤ 200 chars. */
export function hit(rule: RuleId, what: string): Finding {
  const spec: RuleSpec = RULES[rule];
  const room = MAX_REASON - SEPARATOR.length - spec.why.length;
  return {
    action: spec.action,
    rule,
    reason: `${clip(what, Math.max(20, room))}${SEPARATOR}${spec.why}`,
    overridable: spec.overridable === true,
    secretRead: false,
  };
}

/** Is a read matched by this rule a read of secret material? */
export function isSecretRule(rule: string): boolean {
  const spec = (RULES as Record<string, RuleSpec>)[rule];
  return spec?.secret === true;
}

/** deny > ask; on a tie the earlier finding wins (it is usually the more specific one). */
export function worst(findings: readonly Finding[]): Finding | null {
  let best: Finding | null = null;
  for (const f of findings) {
    if (best === null || (f.action === "deny" && best.action === "ask")) best = f;
    if (best.action === "deny") break;
  }
  return best;
}
