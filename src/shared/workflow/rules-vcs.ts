/** git and gh: reads vs. changes to the repository. */
import { argAt, words } from "./command-words.js";
import type { CommandClass } from "./types.js";

const GIT_GLOBAL_WITH_VALUE = words("-C -c --git-dir --work-tree --namespace");
const GIT_READ = words(
  "status log diff show blame annotate shortlog describe rev-parse rev-list ls-files ls-tree " +
    "ls-remote grep reflog cat-file whatchanged fetch help version merge-base name-rev " +
    "check-ignore count-objects",
);
const GIT_WRITE = words(
  "add commit merge rebase cherry-pick reset revert checkout switch restore rm mv push pull " +
    "clean am apply init clone bisect commit-tree update-ref filter-branch mergetool gc notes",
);
/** Sub-commands that only list unless given a name or a changing flag. */
const GIT_LISTING = new Map<string, ReadonlySet<string>>([
  ["branch", words("-a -r -v -vv --list -l --show-current --all --remotes --merged --no-merged --contains")],
  ["tag", words("-l --list -n --contains --points-at")],
  ["remote", words("-v --verbose show get-url")],
  ["stash", words("list show")],
  ["worktree", words("list")],
  ["submodule", words("status summary")],
  ["config", words("--get --get-all --list -l --get-regexp --show-origin")],
]);

export function gitClass(args: readonly string[]): CommandClass {
  const { word: sub, rest } = argAt(args, GIT_GLOBAL_WITH_VALUE);
  if (sub === "") return "vcs-read";
  if (GIT_READ.has(sub)) return "vcs-read";
  if (GIT_WRITE.has(sub)) return "vcs-write";
  const listing = GIT_LISTING.get(sub);
  if (listing) {
    // Bare `git stash` stashes (push); the other bare forms list.
    if (rest.length === 0) return sub === "stash" ? "vcs-write" : "vcs-read";
    if (sub === "config")
      return rest.some((a) => listing.has(a)) || rest.length === 1 ? "vcs-read" : "vcs-write";
    return rest.every((a) => listing.has(a) || (sub === "branch" && a.startsWith("--format")))
      ? "vcs-read"
      : "vcs-write";
  }
  return "other";
}

const GH_WRITE = words("create merge close reopen edit comment review delete checkout");
const GH_READ = words("view list status diff checks");

export function ghClass(args: readonly string[]): CommandClass {
  const { rest } = argAt(args);
  const { word: action } = argAt(rest);
  if (GH_WRITE.has(action)) return "vcs-write";
  if (GH_READ.has(action)) return "vcs-read";
  return "other";
}
