/**
 * Developer and operations tools whose destructive verbs deserve a confirmation: git history and
 * work-tree destruction, package publishing, containers, clusters, infrastructure and databases.
 */
import { flag, hasOpt, scanArgs, shown } from "./command-context.js";
import type { Cmd, Handler } from "./compiled.js";
import { packageRunner } from "./rules-wrappers.js";
import type { Word } from "./shell-parse.js";
import { q } from "./text.js";

const GIT_GLOBAL_VALUES = new Set([
  "-C",
  "-c",
  "--git-dir",
  "--work-tree",
  "--namespace",
  "--exec-path",
  "--config-env",
]);
const PUSH_VALUES: ReadonlySet<string> = new Set([
  "-o",
  "--push-option",
  "--repo",
  "--receive-pack",
  "--exec",
]);
const PROTECTED_BRANCH =
  /^(?:\+?(?:refs\/heads\/)?|[^:]*:(?:refs\/heads\/)?)(?:main|master|trunk|production|prod|release)$/;
const WHOLE_TREE = new Set([".", "*", ":/", ":/*", "./"]);

function gitPush(args: readonly Word[]): string | null {
  const { opts, ops } = scanArgs(args, PUSH_VALUES);
  const refspecs = ops.slice(1).map((w) => w.value);
  const force =
    hasOpt(opts, "-f", "--force", "--force-with-lease", "--force-if-includes") ||
    refspecs.some((r) => r.startsWith("+"));
  const del = hasOpt(opts, "-d", "--delete") || refspecs.some((r) => r.startsWith(":"));
  const mirror = hasOpt(opts, "--mirror", "--prune");
  if (!force && !del && !mirror) return null;
  const kind = force ? "force-push" : del ? "remote branch delete" : "mirror push";
  const prot = refspecs.find((r) => PROTECTED_BRANCH.test(r));
  return prot ? `${kind} to ${q(prot.replace(/^.*:/, "").replace(/^\+/, ""))}` : kind;
}

// Config keys whose value git runs through a shell (a "!" alias is a shell command too).
const GIT_COMMAND_KEYS =
  /^(?:core\.(?:pager|editor|sshcommand|fsmonitor|askpass)|pager\.[^=]+|alias\.[^=]+|diff\.external|sequence\.editor|gpg\.program|credential\.helper|uploadpack\.packobjectshook)=/i;

/** git -c key=value where git will execute value: judge it as a command. */
function gitConfigCommand(c: Cmd, kv: string): void {
  const m = GIT_COMMAND_KEYS.exec(kv);
  if (!m) return;
  const value = kv.slice(m[0].length);
  if (!kv.toLowerCase().startsWith("alias.") || value.startsWith("!")) {
    c.st.reenter.shell(value.replace(/^!/, ""), c.depth + 1);
  }
}

const git: Handler = (c) => {
  let k = 0;
  while (k < c.args.length) {
    const v = c.args[k]!.value;
    if (!v.startsWith("-")) break;
    if (v === "-c") gitConfigCommand(c, c.args[k + 1]?.value ?? "");
    k += GIT_GLOBAL_VALUES.has(v) ? 2 : 1;
  }
  const sub = c.args[k]?.value ?? "";
  const args = c.args.slice(k + 1);
  const { opts, ops } = scanArgs(args);
  const vals = ops.map((w) => w.value);
  switch (sub) {
    case "push": {
      const what = gitPush(args);
      if (what) flag(c, "git-push-destructive", `git ${what} (${shown(c, 5)})`);
      break;
    }
    case "reset":
      if (hasOpt(opts, "--hard")) flag(c, "git-reset-hard", shown(c));
      break;
    case "clean":
      if (hasOpt(opts, "-f", "--force") && !hasOpt(opts, "-n", "--dry-run")) flag(c, "git-clean", shown(c));
      break;
    case "checkout":
      if (hasOpt(opts, "-f", "--force") || vals.some((v) => WHOLE_TREE.has(v)))
        flag(c, "git-discard", shown(c));
      break;
    case "restore": {
      const staged = hasOpt(opts, "-S", "--staged") && !hasOpt(opts, "-W", "--worktree");
      if (!staged && vals.some((v) => WHOLE_TREE.has(v))) flag(c, "git-discard", shown(c));
      break;
    }
    case "stash":
      if (vals[0] === "clear") flag(c, "git-discard", shown(c));
      break;
    case "branch":
      if (hasOpt(opts, "-D") || (hasOpt(opts, "-d", "--delete") && hasOpt(opts, "-f", "--force"))) {
        flag(c, "git-branch-delete", shown(c));
      }
      break;
    case "reflog":
      if (vals[0] === "expire" || vals[0] === "delete") flag(c, "git-history-rewrite", shown(c));
      break;
    case "gc":
      if (opts.some((o) => o.name === "--prune" && /^(?:now|all)$/.test(o.value?.value ?? ""))) {
        flag(c, "git-history-rewrite", shown(c));
      }
      break;
    case "filter-branch":
    case "filter-repo":
      flag(c, "git-history-rewrite", shown(c));
      break;
    case "update-ref":
      if (hasOpt(opts, "-d")) flag(c, "git-history-rewrite", shown(c));
      break;
  }
  return undefined;
};

/** Subcommands that publish, per tool. */
const PUBLISH: Readonly<Record<string, readonly string[]>> = {
  npm: ["publish", "unpublish"],
  pnpm: ["publish"],
  yarn: ["publish"],
  bun: ["publish"],
  cargo: ["publish", "yank"],
  twine: ["upload"],
  poetry: ["publish"],
  flit: ["publish"],
  hatch: ["publish"],
  uv: ["publish"],
  gem: ["push", "yank"],
  vsce: ["publish"],
  ovsx: ["publish"],
};
const RUNNERS: Readonly<Record<string, readonly string[]>> = {
  npm: ["exec", "x"],
  pnpm: ["dlx", "exec"],
  yarn: ["dlx", "exec"],
};
const PKG_VALUES = new Set([
  "--prefix",
  "-C",
  "--dir",
  "--cwd",
  "--registry",
  "--filter",
  "-F",
  "-w",
  "--workspace",
  "--cache",
]);

const packageTool: Handler = (c) => {
  const { ops } = scanArgs(c.args, PKG_VALUES);
  const sub = ops[0]?.value ?? "";
  if (RUNNERS[c.name]?.includes(sub)) {
    const at = c.args.indexOf(ops[0]!);
    return packageRunner(c.args.slice(at + 1), c);
  }
  if (c.name === "yarn" && sub === "npm" && ops[1]?.value === "publish") flag(c, "package-publish", shown(c));
  else if (PUBLISH[c.name]?.includes(sub)) flag(c, "package-publish", shown(c));
  if (c.name === "dotnet" && sub === "nuget" && ops[1]?.value === "push")
    flag(c, "package-publish", shown(c));
  if (c.name === "dotnet" && sub === "ef" && ops[1]?.value === "database" && ops[2]?.value === "drop") {
    flag(c, "sql-destructive", shown(c));
  }
  return undefined;
};

const DOCKER_GLOBAL_VALUES = new Set([
  "-H",
  "--host",
  "--context",
  "-c",
  "--config",
  "-l",
  "--log-level",
  "-f",
  "--file",
  "-p",
  "--project-name",
  "--env-file",
  "--profile",
]);
const PRUNE_OBJECTS = new Set(["container", "image", "volume", "network", "builder", "buildx", "system"]);
const HOST_MOUNT = /^(?:\/|\/etc|\/root|\/home|\/var\/run\/docker\.sock|\/run\/docker\.sock)(?::|$)/;

const docker: Handler = (c) => {
  let k = 0;
  while (k < c.args.length && c.args[k]!.value.startsWith("-"))
    k += DOCKER_GLOBAL_VALUES.has(c.args[k]!.value) ? 2 : 1;
  const rest = c.args.slice(k);
  const vals = rest.map((w) => w.value);
  const [a = "", b = ""] = vals;
  const { opts } = scanArgs(rest.slice(1));
  const force = hasOpt(opts, "-f", "--force", "-v", "--volumes");
  const compose = c.name === "docker-compose" || c.name === "podman-compose" || a === "compose";
  const verb = compose && a === "compose" ? b : a;
  if (compose) {
    if (verb === "down" && (vals.includes("-v") || vals.includes("--volumes") || vals.includes("--rmi"))) {
      flag(c, "container-destroy", shown(c));
    } else if (verb === "rm" && force) flag(c, "container-destroy", shown(c));
    return undefined;
  }
  const destroy =
    ((a === "rm" || a === "rmi") && force) ||
    (a === "system" && b === "prune") ||
    (PRUNE_OBJECTS.has(a) && b === "prune") ||
    (a === "volume" && (b === "rm" || b === "remove")) ||
    ((a === "container" || a === "image") &&
      (b === "rm" || b === "remove") &&
      hasOpt(scanArgs(rest.slice(2)).opts, "-f", "--force"));
  if (destroy) flag(c, "container-destroy", shown(c));
  if (a === "run" || a === "create") {
    const { opts: runOpts } = scanArgs(
      rest.slice(1),
      new Set([
        "-v",
        "--volume",
        "--mount",
        "--pid",
        "--network",
        "--net",
        "-e",
        "--name",
        "-p",
        "-w",
        "--entrypoint",
        "-u",
      ]),
    );
    const privileged =
      hasOpt(runOpts, "--privileged") ||
      runOpts.some(
        (o) => (o.name === "-v" || o.name === "--volume") && HOST_MOUNT.test(o.value?.value ?? ""),
      ) ||
      runOpts.some((o) => o.name === "--mount" && /(?:source|src)=\/(?:,|$)/.test(o.value?.value ?? "")) ||
      runOpts.some((o) => o.name === "--pid" && o.value?.value === "host");
    if (privileged) flag(c, "container-privileged", shown(c));
  }
  return undefined;
};

const KUBE_VALUES = new Set([
  "-n",
  "--namespace",
  "--context",
  "--kubeconfig",
  "-l",
  "--selector",
  "-f",
  "--filename",
]);

const kubectl: Handler = (c) => {
  const { ops } = scanArgs(c.args, KUBE_VALUES);
  const verb = ops[0]?.value ?? "";
  if (c.name === "helm" ? verb === "uninstall" || verb === "delete" : verb === "delete" || verb === "drain") {
    flag(c, "kubectl-delete", shown(c));
  }
  return undefined;
};

const terraform: Handler = (c) => {
  const vals = c.args.map((w) => w.value);
  const verb = vals.find((v) => !v.startsWith("-")) ?? "";
  if (
    verb === "destroy" ||
    (verb === "apply" && vals.includes("-destroy")) ||
    (verb === "stack" && vals.includes("rm"))
  ) {
    flag(c, "infra-destroy", shown(c));
  }
  return undefined;
};

const cloud: Handler = (c) => {
  const vals = c.args.map((w) => w.value);
  const ops = vals.filter((v) => !v.startsWith("-"));
  const destroy =
    c.name === "aws"
      ? (ops[0] === "s3" && (ops[1] === "rm" || ops[1] === "rb")) ||
        ops.some((v) => /^(?:delete|terminate)-/.test(v))
      : c.name === "gsutil"
        ? ops[0] === "rm" || ops[0] === "rb"
        : ops.includes("delete");
  if (destroy) flag(c, "infra-destroy", shown(c));
  return undefined;
};

const SQL_DESTRUCTIVE =
  /\bdrop\s+(?:database|table|schema)\b|\btruncate\s+(?:table\s+)?[\w"`[]|\bdelete\s+from\s+[\w."`[\]]+\s*(?:;|\n|$|where\s+(?:1\s*=\s*1|true|1)\s*(?:;|\n|$))|\.drop(?:Database)?\s*\(\s*\)|\bflush(?:all|db)\b/i;

const sqlClient: Handler = (c) => {
  const texts = c.args.map((w) => w.value);
  if (c.stdin !== null) texts.push(c.stdin);
  if (texts.some((t) => SQL_DESTRUCTIVE.test(t))) flag(c, "sql-destructive", shown(c));
  return undefined;
};

const dbTool: Handler = (c) => {
  const vals = c.args.map((w) => w.value);
  const destructive =
    c.name === "dropdb" ||
    (c.name === "mysqladmin" && vals.includes("drop")) ||
    ((c.name === "rails" || c.name === "rake") && vals.some((v) => /^db:(?:drop|reset|purge)\b/.test(v))) ||
    (c.name === "prisma" &&
      ((vals[0] === "migrate" && vals[1] === "reset") || vals.includes("--force-reset"))) ||
    (c.name === "supabase" && vals[0] === "db" && vals[1] === "reset");
  if (destructive) flag(c, "sql-destructive", shown(c));
  return undefined;
};

export const DEVOPS_HANDLERS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [["git"], git],
  [
    [
      "npm",
      "pnpm",
      "yarn",
      "bun",
      "cargo",
      "twine",
      "poetry",
      "flit",
      "hatch",
      "uv",
      "gem",
      "vsce",
      "ovsx",
      "dotnet",
    ],
    packageTool,
  ],
  [["docker", "podman", "nerdctl", "docker-compose", "podman-compose"], docker],
  [["kubectl", "oc", "helm"], kubectl],
  [["terraform", "tofu", "terragrunt", "pulumi"], terraform],
  [["aws", "gcloud", "az", "gsutil"], cloud],
  [
    [
      "psql",
      "mysql",
      "mariadb",
      "sqlite3",
      "sqlite",
      "sqlcmd",
      "duckdb",
      "clickhouse-client",
      "clickhouse",
      "cockroach",
      "cqlsh",
      "mongo",
      "mongosh",
      "redis-cli",
      "snowsql",
      "bq",
      "pgcli",
      "mycli",
      "litecli",
      "usql",
    ],
    sqlClient,
  ],
  [["dropdb", "mysqladmin", "rails", "rake", "prisma", "supabase"], dbTool],
];
