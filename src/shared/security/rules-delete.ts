/**
 * Deletion and moves: rm, shred, unlink, rimraf, wipe, mv and find -delete / -exec rm. A recursive
 * delete of /, a home or a system directory is denied; of the project itself asks; outside the
 * project and temp/cache directories asks; inside the project is normal work.
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
import type { Cmd, Handler } from "./compiled.js";
import type { TargetClass } from "./paths.js";
import type { Word } from "./shell-parse.js";
import { q } from "./text.js";

export const CATASTROPHIC: ReadonlySet<TargetClass> = new Set(["root", "home", "system"]);

/**
 * Judge one deletion target. recursive: the whole tree goes (rm -r, rimraf, shutil.rmtree).
 * verb names the operation in the reason (default: the command name).
 */
export function judgeDeletion(
  c: Cmd,
  w: Word,
  recursive: boolean,
  verb = `${c.name}${recursive ? " -r" : ""}`,
): void {
  const st = c.st;
  if (w.dyn) {
    // "$DIR/" with DIR unset is "/": ask when the resolved part alone is catastrophic.
    if (w.value !== "" && recursive && CATASTROPHIC.has(classify(st, resolveIn(st, w.value)))) {
      flag(c, "rm-unresolved-target", `${verb} ${q(w.value)} with an unresolved variable`);
      return;
    }
    // "$(…)" alone: the target is whatever a command prints. (A plain unknown "$VAR" is allowed: scripts and
    // cleanup traps use them all the time, and the empty case is the "$VAR/" rule above.)
    if (w.value === "" && w.computed && recursive)
      flag(c, "rm-dynamic-target", `${verb} of a target computed at run time`);
    if (w.dynStart || w.value === "") return;
  }
  if (w.value === "") return;
  const abs = resolveIn(st, w.value);
  const cls = classify(st, abs);
  const what = `${verb} ${q(abs)}`;
  if (recursive) {
    if (cls === "root") flag(c, "rm-root", what);
    else if (cls === "home") flag(c, "rm-home", what);
    else if (cls === "system") flag(c, "rm-system-dir", what);
    else if (cls === "project") flag(c, "rm-whole-project", what);
    else if (cls === "outside") flag(c, "rm-outside-project", what);
  } else if (CATASTROPHIC.has(cls)) flag(c, "rm-outside-project", what);
  checkPath(st, w, "write", false, abs);
}

const SHRED_VALUES: ReadonlySet<string> = new Set(["-n", "--iterations", "-s", "--size", "--random-source"]);

const remove: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, c.name === "shred" ? SHRED_VALUES : undefined);
  const recursive = c.name === "rimraf" || (c.name !== "shred" && hasOpt(opts, "-r", "-R", "--recursive"));
  if (hasOpt(opts, "--no-preserve-root")) flag(c, "rm-no-preserve-root", shown(c));
  for (const w of ops) judgeDeletion(c, w, recursive);
  return undefined;
};

const MV_VALUES: ReadonlySet<string> = new Set(["-t", "--target-directory", "-S", "--suffix"]);

const move: Handler = (c) => {
  const { opts, ops } = scanArgs(c.args, MV_VALUES);
  const target = optValues(opts, "-t", "--target-directory")[0];
  const sources = target ? ops : ops.slice(0, -1);
  const dest = target ?? (ops.length >= 2 ? ops[ops.length - 1] : undefined);
  for (const w of sources) {
    if (!w.dynStart && w.value !== "") {
      const abs = resolveIn(c.st, w.value);
      if (CATASTROPHIC.has(classify(c.st, abs))) flag(c, "mv-catastrophic", `${c.name} ${q(abs)}`);
    }
    checkPath(c.st, w, "write");
  }
  if (dest) checkPath(c.st, dest, "write");
  return undefined;
};

const FIND_FILTERS = new Set([
  "-name",
  "-iname",
  "-path",
  "-ipath",
  "-wholename",
  "-iwholename",
  "-regex",
  "-iregex",
  "-newer",
  "-mtime",
  "-mmin",
  "-atime",
  "-amin",
  "-ctime",
  "-cmin",
  "-size",
  "-user",
  "-group",
  "-perm",
  "-empty",
  "-inum",
  "-links",
]);
const FIND_EXEC = new Set(["-exec", "-execdir", "-ok", "-okdir"]);
const DELETERS = new Set(["rm", "shred", "unlink", "rmdir", "rimraf", "srm", "wipe"]);
const FOUND = "__found__";

const find: Handler = (c) => {
  const args = c.args;
  let k = 0;
  while (k < args.length && /^-[HLP]$|^-D$|^-O\d$/.test(args[k]!.value)) k += args[k]!.value === "-D" ? 2 : 1;
  const roots: Word[] = [];
  while (k < args.length && !/^[-(!]/.test(args[k]!.value)) roots.push(args[k++]!);
  if (roots.length === 0) roots.push(synthetic("."));
  let deletes = false;
  let filtered = false;
  const execs: Word[][] = [];
  for (; k < args.length; k++) {
    const v = args[k]!.value;
    if (v === "-delete") deletes = true;
    else if (FIND_FILTERS.has(v)) filtered = true;
    else if (FIND_EXEC.has(v)) {
      const cmd: Word[] = [];
      for (k++; k < args.length && args[k]!.value !== ";" && args[k]!.value !== "+"; k++) cmd.push(args[k]!);
      if (cmd[0] && DELETERS.has(cmd[0].value.split("/").pop() ?? "")) deletes = true;
      execs.push(cmd);
    }
  }
  for (const root of roots) {
    if (root.dynStart) continue;
    const abs = resolveIn(c.st, root.value);
    const cls = classify(c.st, abs);
    if (deletes) {
      const what = `find ${q(abs)} deleting${filtered ? " matches" : " everything"}`;
      if (CATASTROPHIC.has(cls)) flag(c, filtered ? "rm-outside-project" : "find-delete-root", what);
      else if (cls === "outside") flag(c, "rm-outside-project", what);
      else if (cls === "project" && !filtered) flag(c, "rm-whole-project", what);
    }
    for (const cmd of execs) {
      const argv = cmd.map((w) =>
        w.value.includes("{}") ? { ...w, value: w.value.replace(/\{\}/g, `${abs}/${FOUND}`) } : w,
      );
      if (argv.length > 0) c.st.reenter.argv(argv, { stdin: null, stdinNet: false }, c.depth + 1);
    }
  }
  return undefined;
};

export const DELETE_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [["rm", "shred", "unlink", "rimraf", "srm", "wipe"], remove],
  [["mv"], move],
  [["find"], find],
];
