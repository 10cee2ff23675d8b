import { baseName } from "./text.js";

/**
 * Command-name sets shared by the parser and the rules. Names are compared lower-cased (macOS file
 * systems are case-insensitive, so `RM` runs rm there).
 */

/** Commands whose output can come straight from the network (a source for "| sh"). */
export const NET_SOURCES: ReadonlySet<string> = new Set([
  "curl",
  "wget",
  "fetch",
  "http",
  "https",
  "xh",
  "aria2c",
  "lwp-request",
  "lwp-download",
  "nc",
  "ncat",
  "netcat",
  "socat",
  "telnet",
]);

/** Commands that send data to another host (a sink for secret-exfiltration). */
export const NET_SINKS: ReadonlySet<string> = new Set([
  ...NET_SOURCES,
  "ssh",
  "scp",
  "sftp",
  "rsync",
  "ftp",
  "tftp",
  "rclone",
  "mail",
  "sendmail",
  "mutt",
]);

/** POSIX-like shells: `-c STRING` runs a command, no script argument means "program on stdin". */
export const SHELLS: ReadonlySet<string> = new Set([
  "sh",
  "bash",
  "zsh",
  "dash",
  "ksh",
  "mksh",
  "ash",
  "fish",
  "csh",
  "tcsh",
  "yash",
  "posh",
  "rbash",
]);

/** Reserved words dropped when they stand at command position (`then rm …` is rm). */
export const RESERVED_PREFIX: ReadonlySet<string> = new Set([
  "if",
  "then",
  "elif",
  "else",
  "fi",
  "do",
  "done",
  "while",
  "until",
  "!",
  "esac",
  "{",
  "}",
]);

/** Compound headers whose words are data (`for f in a b`, `case $x in`). */
export const HEADER_WORDS: ReadonlySet<string> = new Set(["for", "select", "case", "in"]);

/** Declaration builtins whose NAME=value arguments set variables. */
export const DECLARE_BUILTINS: ReadonlySet<string> = new Set([
  "export",
  "declare",
  "typeset",
  "local",
  "readonly",
]);

/** A shell variable assignment word: NAME=…, NAME+=…, NAME[i]=… */
export const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/** Canonical command name: basename, lower case, versioned interpreters folded (python3.12 → python). */
export function canonicalName(word: string): string {
  const n = baseName(word).toLowerCase();
  if (/^python[0-9.]*$|^pypy[0-9.]*$/.test(n)) return "python";
  if (n === "nodejs") return "node";
  if (/^perl[0-9.]*$/.test(n)) return "perl";
  if (/^ruby[0-9.]*$/.test(n)) return "ruby";
  if (/^php[0-9.]*$/.test(n)) return "php";
  if (n.startsWith("mkfs") || n.startsWith("newfs")) return "mkfs";
  if (/^ip6?tables(?:-.*)?$|^(?:eb|arp)tables$/.test(n)) return "iptables";
  return n;
}
