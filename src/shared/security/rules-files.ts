/**
 * File-system commands other than deletion: copies, links, permission and ownership changes, raw
 * device writes and formatting, and every command that reads or writes files by name (cat, grep,
 * sed -i, tee, tar …), whose path arguments go through the path rules.
 */
import {
  checkPath,
  classify,
  flag,
  hasOpt,
  optValues,
  resolveIn,
  scanArgs,
  shown,
  synthetic,
} from "./command-context.js";
import type { Handler } from "./compiled.js";
import { isSystemPath, resolvePath } from "./paths.js";
import { DELETE_HANDLERS } from "./rules-delete.js";
import type { Word } from "./shell-parse.js";
import { q } from "./text.js";

function dirname(abs: string): string {
  return abs.slice(0, abs.lastIndexOf("/")) || "/";
}

const CP_VALUES: ReadonlySet<string> = new Set([
  "-t",
  "--target-directory",
  "-S",
  "--suffix",
  "-m",
  "--mode",
  "-o",
  "--owner",
  "-g",
  "--group",
]);

const copy: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, CP_VALUES);
  const recursive = hasOpt(opts, "-r", "-R", "-a", "--recursive", "--archive");
  const target = optValues(opts, "-t", "--target-directory")[0];
  const sources = target ? ops : ops.slice(0, -1);
  const dest = target ?? (ops.length >= 2 ? ops[ops.length - 1] : undefined);
  for (const w of sources) checkPath(c.st, w, recursive ? "search" : "read");
  const emptying = sources.length === 1 && sources[0]!.value === "/dev/null";
  if (dest) checkPath(c.st, dest, "write", emptying);
  return undefined;
};

const REMOTE = /^(?:[\w.-]+@)?[\w.-]+:|^rsync:\/\//;
const SYNC_VALUES: ReadonlySet<string> = new Set([
  "-e",
  "--rsh",
  "--exclude",
  "--include",
  "--filter",
  "-f",
  "--exclude-from",
  "--include-from",
  "--files-from",
  "--port",
  "--chmod",
  "--chown",
  "-i",
  "-P",
  "-o",
  "-F",
  "-c",
  "-l",
  "-S",
  "-J",
]);

/** rsync / scp: local sources are read (whole trees), a local destination is written. */
const sync: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, SYNC_VALUES);
  c.st.network = true;
  for (const f of optValues(opts, "--exclude-from", "--include-from", "--files-from"))
    checkPath(c.st, f, "read");
  const dest = ops[ops.length - 1];
  for (const w of ops.slice(0, -1)) if (!REMOTE.test(w.value)) checkPath(c.st, w, "search");
  if (ops.length >= 2 && dest && !REMOTE.test(dest.value)) checkPath(c.st, dest, "write");
  return undefined;
};

const LN_VALUES: ReadonlySet<string> = new Set(["-t", "--target-directory", "-S", "--suffix"]);

const link: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, LN_VALUES);
  if (ops.length < 2) return undefined;
  const name = ops[ops.length - 1]!;
  const target = ops[0]!;
  checkPath(c.st, name, "write");
  if (hasOpt(opts, "-s", "--symbolic") && !name.dynStart && !target.dynStart) {
    const at = resolveIn(c.st, name.value);
    const base = target.value.startsWith("/") || target.value.startsWith("~") ? c.st.cwd : dirname(at);
    c.st.links.set(at, resolvePath(target.value, c.st.policy.home, base));
  }
  return undefined;
};

const dd: Handler = (c) => {
  for (const w of c.args) {
    if (w.value.startsWith("if=")) checkPath(c.st, synthetic(w.value.slice(3), w), "read");
    else if (w.value.startsWith("of=")) checkPath(c.st, synthetic(w.value.slice(3), w), "write", true);
  }
  return undefined;
};

const tee: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args);
  const append = hasOpt(opts, "-a", "--append");
  for (const w of ops) checkPath(c.st, w, "write", !append);
  return undefined;
};

const TRUNCATE_VALUES: ReadonlySet<string> = new Set(["-s", "--size", "-r", "--reference", "-o"]);
const TOUCH_VALUES: ReadonlySet<string> = new Set(["-d", "--date", "-t", "-r", "--reference"]);

const truncate: Handler = (c) => {
  for (const w of scanArgs(c.args, TRUNCATE_VALUES).ops) checkPath(c.st, w, "write", true);
  return undefined;
};

const touch: Handler = (c) => {
  for (const w of scanArgs(c.args, TOUCH_VALUES).ops) checkPath(c.st, w, "write");
  return undefined;
};

// A chmod mode: octal, or symbolic clauses like u+x,go-w. "-x" is a mode; "-R" / "-v" are flags.
const MODE = /^(?:[0-7]{1,4}|[ugoa]*[-+=][rwxXstugo]*(?:,[ugoa]*[-+=][rwxXstugo]*)*)$/;
const CHMOD_FLAGS = /^-[Rcfvh]+$/;
const SETID_SYMBOLIC = /[+=][a-zA-Z]*s/;

function setsId(mode: string): boolean {
  if (/^[0-7]{4}$/.test(mode)) return (Number(mode[0]) & 6) !== 0;
  return SETID_SYMBOLIC.test(mode);
}

const chmod: Handler = (c) => {
  let recursive = false;
  let mode: string | null = null;
  let end = false;
  const targets: Word[] = [];
  for (const w of c.args) {
    const v = w.value;
    if (!end && v === "--") end = true;
    else if (!end && CHMOD_FLAGS.test(v)) recursive ||= v.includes("R");
    else if (!end && v.startsWith("--")) {
      if (v === "--recursive") recursive = true;
      if (v.startsWith("--reference")) mode ??= "reference";
    } else if (mode === null && (MODE.test(v) || !end)) mode = v;
    else targets.push(w);
  }
  const m = mode ?? "";
  for (const t of targets) {
    if (t.dynStart || t.value === "") continue;
    const abs = resolveIn(c.st, t.value);
    const cls = classify(c.st, abs);
    const what = `chmod${recursive ? " -R" : ""} ${m} ${q(abs)}`;
    if (cls === "root" || (recursive && (cls === "home" || cls === "system")))
      flag(c, "chmod-catastrophic", what);
    else if (setsId(m)) flag(c, isSystemPath(abs) ? "setuid-system" : "setuid-bit", what);
    else if (cls !== "inside" && cls !== "tmp" && cls !== "project") flag(c, "chmod-outside-project", what);
  }
  return undefined;
};

const chown: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args);
  const recursive = hasOpt(opts, "-R", "--recursive");
  const byReference = opts.some((o) => o.name === "--reference");
  const targets = byReference ? ops : ops.slice(1);
  let worst = false;
  for (const t of targets) {
    if (t.dynStart || t.value === "") continue;
    const abs = resolveIn(c.st, t.value);
    const cls = classify(c.st, abs);
    if (cls === "root" || (recursive && (cls === "home" || cls === "system"))) {
      flag(c, "chown-catastrophic", `${c.name}${recursive ? " -R" : ""} ${q(abs)}`);
      worst = true;
    }
  }
  if (!worst) flag(c, "chown", shown(c));
  return undefined;
};

const SED_VALUES: ReadonlySet<string> = new Set([
  "-e",
  "--expression",
  "-f",
  "--file",
  "-l",
  "--line-length",
]);
const SED_INPLACE = /^-[a-zA-Z]*i/;

const sed: Handler = (c) => {
  let inPlace = false;
  const args: Word[] = [];
  for (let k = 0; k < c.args.length; k++) {
    const w = c.args[k]!;
    if ((SED_INPLACE.test(w.value) && !w.value.startsWith("--")) || w.value.startsWith("--in-place")) {
      inPlace = true;
      // macOS: `sed -i '' …` takes the (empty) backup suffix as a separate argument.
      if (w.value === "-i" && c.args[k + 1]?.value === "") k++;
      continue;
    }
    args.push(w);
  }
  const { opts, ops } = scanArgs(args, SED_VALUES);
  const scripts = optValues(opts, "-e", "--expression", "-f", "--file");
  for (const f of optValues(opts, "-f", "--file")) checkPath(c.st, f, "read");
  for (const f of scripts.length > 0 ? ops : ops.slice(1)) checkPath(c.st, f, inPlace ? "write" : "read");
  return undefined;
};

const AWK_VALUES: ReadonlySet<string> = new Set([
  "-f",
  "--file",
  "-v",
  "--assign",
  "-F",
  "--field-separator",
  "-i",
  "--include",
  "-l",
  "--load",
]);

const awk: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, AWK_VALUES);
  const programFiles = optValues(opts, "-f", "--file");
  for (const f of programFiles) checkPath(c.st, f, "read");
  for (const f of programFiles.length > 0 ? ops : ops.slice(1)) {
    if (!f.value.includes("=")) checkPath(c.st, f, "read");
  }
  return undefined;
};

/** Commands whose operands are files they print or open, with the options that take a value. */
const READERS: Readonly<Record<string, readonly string[]>> = {
  cat: [],
  tac: [],
  nl: ["-b", "-n", "-s", "-v", "-w", "-i"],
  head: ["-n", "-c"],
  tail: ["-n", "-c", "-s", "--pid"],
  less: ["-p", "-x", "-y", "-b", "-h", "-j", "-z", "-o", "-O", "-T"],
  more: [],
  most: [],
  pg: [],
  od: ["-A", "-t", "-N", "-j", "-w"],
  xxd: ["-l", "-s", "-c", "-g", "-o", "-n"],
  hexdump: ["-n", "-s", "-e", "-f"],
  hd: ["-n", "-s"],
  strings: ["-n", "-t", "-e"],
  base64: ["-w"],
  base32: ["-w"],
  basenc: ["-w"],
  bat: ["-l", "--language", "-r", "--line-range", "-H", "--highlight-line", "--theme", "--style", "-m"],
  batcat: ["-l", "--language", "-r", "--line-range", "-H", "--highlight-line", "--theme", "--style", "-m"],
  view: [],
  vim: ["-c", "-S", "-u", "-U", "-t", "-q"],
  vi: ["-c", "-S", "-u", "-t"],
  nvim: ["-c", "-S", "-u", "-t"],
  nano: [],
  emacs: ["-l", "--eval"],
  code: [],
  subl: [],
  sort: ["-k", "-t", "-S", "-T", "--parallel"],
  uniq: ["-f", "-s", "-w"],
  cut: ["-d", "-f", "-c", "-b"],
  paste: ["-d"],
  column: ["-s", "-c", "-o", "-N"],
  fold: ["-w"],
  fmt: ["-w"],
  diff: ["-U", "-C", "--label", "-x", "-X", "-I", "-F"],
  cmp: ["-i", "-n"],
  comm: [],
  iconv: ["-f", "-t"],
  zcat: [],
  bzcat: [],
  xzcat: [],
  zless: [],
  gpg: ["-r", "-u", "--recipient", "--local-user", "--homedir"],
  openssl: [],
  xclip: ["-selection", "-t"],
  "ssh-add": ["-t"],
};
const READER_VALUES = new Map(Object.entries(READERS).map(([k, v]) => [k, new Set(v)]));

const reader: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, READER_VALUES.get(c.name));
  if (c.name === "sort") for (const o of optValues(opts, "-o", "--output")) checkPath(c.st, o, "write");
  if (c.name === "ssh-add") return undefined;
  const files = c.name === "openssl" ? optValues(opts, "-in") : ops;
  for (const f of files) if (f.value !== "-") checkPath(c.st, f, "read");
  return undefined;
};

const JQ_TWO_VALUES = new Set(["--arg", "--argjson", "--slurpfile", "--rawfile"]);
const JQ_VALUES = new Set(["--indent", "-L", "--tab"]);

const jq: Handler = (c) => {
  let filterSeen = false;
  for (let k = 0; k < c.args.length; k++) {
    const v = c.args[k]!.value;
    if (JQ_TWO_VALUES.has(v)) {
      if (v === "--slurpfile" || v === "--rawfile") {
        const f = c.args[k + 2];
        if (f) checkPath(c.st, f, "read");
      }
      k += 2;
    } else if (v === "-f" || v === "--from-file") {
      const f = c.args[++k];
      if (f) checkPath(c.st, f, "read");
      filterSeen = true;
    } else if (JQ_VALUES.has(v)) k++;
    else if (v.startsWith("-") && v.length > 1) continue;
    else if (!filterSeen) filterSeen = true;
    else checkPath(c.st, c.args[k]!, "read");
  }
  return undefined;
};

const GREP_VALUES: ReadonlySet<string> = new Set([
  "-e",
  "--regexp",
  "-f",
  "--file",
  "-m",
  "--max-count",
  "-A",
  "-B",
  "-C",
  "--after-context",
  "--before-context",
  "--context",
  "-d",
  "--directories",
  "-D",
  "--devices",
  "--label",
  "--exclude",
  "--include",
  "--exclude-dir",
]);
const RG_VALUES: ReadonlySet<string> = new Set([
  ...GREP_VALUES,
  "-g",
  "--glob",
  "--iglob",
  "-t",
  "--type",
  "-T",
  "--type-not",
  "--type-add",
  "-M",
  "--max-columns",
  "-j",
  "--threads",
  "--max-depth",
  "--maxdepth",
  "-E",
  "--encoding",
  "--sort",
  "--sortr",
  "-r",
  "--replace",
  "--max-filesize",
  "--path-separator",
  "--pre",
  "--pre-glob",
  "--ignore-file",
]);

const grep: Handler = (c) => {
  const rgLike = c.name === "rg" || c.name === "ag" || c.name === "ack";
  const { opts, ops } = scanArgs(c.args, rgLike ? RG_VALUES : GREP_VALUES);
  const patterns = optValues(opts, "-e", "--regexp", "-f", "--file");
  for (const f of optValues(opts, "-f", "--file")) checkPath(c.st, f, "read");
  const paths = patterns.length > 0 ? ops : ops.slice(1);
  const recursive = rgLike || hasOpt(opts, "-r", "-R", "--recursive", "--dereference-recursive");
  if (paths.length === 0 && recursive) checkPath(c.st, synthetic("."), "search");
  for (const p of paths) checkPath(c.st, p, "search");
  return undefined;
};

const TAR_VALUE_LETTERS = "fCTXbLN";
const TAR_LONG_VALUES = new Map<string, string>([
  ["--file", "f"],
  ["--directory", "C"],
  ["--files-from", "T"],
  ["--exclude-from", "X"],
  ["--exclude", "x-"],
  ["--transform", "x-"],
  ["--owner", "x-"],
  ["--group", "x-"],
  ["--mode", "x-"],
  ["--use-compress-program", "x-"],
]);

const tar: Handler = (c) => {
  let letters = "";
  let archive: Word | null = null;
  let dir: Word | null = null;
  const files: Word[] = [];
  const pending: string[] = [];
  c.args.forEach((w, k) => {
    const v = w.value;
    const p = pending.shift();
    if (p !== undefined) {
      if (p === "f") archive = w;
      else if (p === "C") dir = w;
      else if (p === "T") checkPath(c.st, w, "read");
      return;
    }
    if (k === 0 && /^[A-Za-z]+$/.test(v)) {
      letters += v;
      for (const ch of v) if (TAR_VALUE_LETTERS.includes(ch)) pending.push(ch);
    } else if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq > 0 ? v.slice(0, eq) : v;
      const tag = TAR_LONG_VALUES.get(name);
      if (name === "--create") letters += "c";
      else if (name === "--extract" || name === "--get") letters += "x";
      if (tag === undefined) return;
      if (eq > 0) {
        const value = synthetic(v.slice(eq + 1), w);
        if (tag === "f") archive = value;
        else if (tag === "C") dir = value;
      } else pending.push(tag);
    } else if (v.startsWith("-") && v.length > 1) {
      for (const ch of v.slice(1)) {
        letters += ch;
        if (TAR_VALUE_LETTERS.includes(ch)) pending.push(ch);
      }
    } else files.push(w);
  });
  const a = archive as Word | null;
  const d = dir as Word | null;
  if (letters.includes("c")) {
    if (a && a.value !== "-") checkPath(c.st, a, "write");
    for (const f of files) checkPath(c.st, f, "search");
  } else if (letters.includes("x")) {
    if (a) checkPath(c.st, a, "read");
    if (d) checkPath(c.st, d, "write");
  }
  return undefined;
};

const ZIP_VALUES: ReadonlySet<string> = new Set([
  "-P",
  "--password",
  "-O",
  "-b",
  "-t",
  "-tt",
  "-n",
  "-i",
  "-x",
  "-d",
]);

const zip: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, ZIP_VALUES);
  if (c.name === "unzip") {
    for (const d of optValues(opts, "-d")) checkPath(c.st, d, "write");
    return undefined;
  }
  const recursive = hasOpt(opts, "-r", "--recurse-paths");
  if (ops[0]) checkPath(c.st, ops[0], "write");
  for (const f of ops.slice(1)) checkPath(c.st, f, recursive ? "search" : "read");
  return undefined;
};

const format: Handler = (c) => {
  flag(c, "disk-format", shown(c));
  return undefined;
};

const DISKUTIL_ERASE = /^(?:erase(?:disk|volume)|zerodisk|randomdisk|secureerase|partitiondisk|reformat)$/i;

const diskutil: Handler = (c) => {
  if (c.args.some((w) => DISKUTIL_ERASE.test(w.value))) flag(c, "disk-format", shown(c));
  return undefined;
};

const partition: Handler = (c) => {
  const listOnly = c.args.some((w) => w.value === "-l" || w.value === "--list" || w.value === "print");
  if (!listOnly) flag(c, "disk-partition", shown(c));
  return undefined;
};

export const FILE_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  ...DELETE_HANDLERS,
  [["cp", "install", "ditto"], copy],
  [["rsync", "scp"], sync],
  [["ln"], link],
  [["dd"], dd],
  [["tee"], tee],
  [["truncate"], truncate],
  [["touch", "mkdir"], touch],
  [["chmod"], chmod],
  [["chown", "chgrp"], chown],
  [["sed", "gsed"], sed],
  [["awk", "gawk", "mawk", "nawk"], awk],
  [Object.keys(READERS), reader],
  [["jq", "yq", "gojq"], jq],
  [["grep", "egrep", "fgrep", "zgrep", "rg", "ag", "ack"], grep],
  [["tar", "gtar", "bsdtar"], tar],
  [["zip", "unzip"], zip],
  [
    [
      "mkfs",
      "mke2fs",
      "mkswap",
      "wipefs",
      "newfs",
      "mkdosfs",
      "mkntfs",
      "mkexfatfs",
      "blkdiscard",
      "mformat",
    ],
    format,
  ],
  [["diskutil"], diskutil],
  [["fdisk", "sfdisk", "cfdisk", "gdisk", "sgdisk", "parted", "gparted"], partition],
];
