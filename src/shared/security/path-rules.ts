/**
 * Built-in path rules: secrets that must never be read or written, system files that must not be
 * written, and write targets that deserve a confirmation. Matching is on the resolved absolute
 * path, lower-cased (macOS file systems ignore case), component by component, so names that merely
 * contain "secret" or "credential" (src/secrets.ts, credential.schema.json) are normal files.
 *
 * Decisions: ~/.ssh/known_hosts, ~/.ssh/config and *.pub are readable (public data), writing them
 * asks; listing a credential directory is allowed (names only), but searching it, globbing into it
 * or reading a file in it is denied. .pem files are denied only when the name says key/private
 * (certificate bundles are public); .key/.p12/.pfx/.jks/.keystore/.ppk/.p8 always are.
 */
import { homeRelative, isSystemPath, isUnder, type PathBase } from "./paths.js";
import { hit, type RuleId } from "./rules.js";
import { q } from "./text.js";
import type { Finding, PathAccess } from "./types.js";
import { firstMatch, type UserPattern } from "./user-patterns.js";

export interface PathRuleCtx extends PathBase {
  blockedFiles: readonly UserPattern[];
  homeParts: readonly string[];
}

const SAFE_DEVICE =
  /^\/dev\/(?:null|zero|full|random|urandom|tty|stdin|stdout|stderr|ptmx|console|fd\/\d+|pts\/\d+|shm\/.+)$/;
const BLOCK_DEVICE =
  /^\/dev\/(?:[shv]d[a-z]|xvd[a-z]|nvme\d|mmcblk\d|r?disk\d|md\d|dm-\d|mapper\/|loop\d|sr\d|nbd\d|zd\d|ram\d|mem$|kmem$|port$)/;
const GLOB = /[*?[]/;
const SSH_PUBLIC = /^(?:known_hosts(?:2|\.old)?|config|authorized_keys2?\.pub|[^/]*\.pub)$/;
const SSH_KEY_NAME = /^id_(?:rsa|dsa|ecdsa|ed25519|xmss)(?:_sk)?(?:[._-][\w.-]*)?$/;
const SOURCE_EXT = /\.(?:pub|ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|c|h|cc|cpp|cs|swift|md)$/;
const ETC_SECRET =
  /^\/etc\/(?:shadow-?|gshadow-?|master\.passwd|security\/opasswd|sudoers|sudoers\.d(?:\/.*)?|ssh\/ssh_host_[^/]*key)$/;
const ETC_AUTH_WRITE =
  /^\/etc\/(?:passwd-?|group-?|shadow-?|gshadow-?|master\.passwd|sudoers(?:\.d)?(?:\/.*)?|ssh(?:\/.*)?|pam\.d(?:\/.*)?|security(?:\/.*)?|login\.defs|doas\.conf)$/;
const KEY_EXT = /\.(?:key|p12|pfx|jks|keystore|ppk|p8|pkcs12)$/;
const PEM_KEYISH = /(?:key|priv|secret|id_)[^/]*\.pem$/;
const DOTENV = /^\.env(?:\.[^/]*)?$/;
const DOTENV_DOCS = new Set(["example", "sample", "template", "dist", "defaults", "schema", "tpl", "md"]);
const CREDENTIAL_JSON =
  /^(?:credentials|client_secrets?[\w.-]*|service[-_]?account[\w.-]*|[\w.-]+[-_]credentials|gha-creds-[\w-]+|application_default_credentials)\.json$/;
const LOGIN_FILES = new Set([
  ".netrc",
  "_netrc",
  ".git-credentials",
  ".pgpass",
  ".my.cnf",
  ".mylogin.cnf",
  ".htpasswd",
]);
const CLOUD_FILES = new Set([".vault-token", ".s3cfg", ".boto", ".databrickscfg", ".pulumi-credentials"]);
const HISTORY_FILES = new Set([
  ".bash_history",
  ".zsh_history",
  ".zhistory",
  ".history",
  ".sh_history",
  ".ksh_history",
  ".python_history",
  ".node_repl_history",
  ".psql_history",
  ".mysql_history",
  ".sqlite_history",
  ".lesshst",
  ".irb_history",
]);
const RC_FILES = new Set([
  ".bashrc",
  ".bash_profile",
  ".bash_login",
  ".bash_logout",
  ".bash_aliases",
  ".profile",
  ".zshrc",
  ".zprofile",
  ".zshenv",
  ".zlogin",
  ".zlogout",
  ".cshrc",
  ".tcshrc",
  ".kshrc",
  ".mkshrc",
]);
const KEYRING_EXT = /\.(?:kdbx|kdb|keychain|keychain-db)$/;
const BROWSER_DIRS = [
  ".mozilla",
  "firefox",
  "google-chrome",
  "chromium",
  "bravesoftware",
  "microsoft-edge",
  "microsoft edge",
  "vivaldi",
  "chrome",
  "opera",
];
const BROWSER_STORES = new Set([
  "logins.json",
  "key4.db",
  "key3.db",
  "signons.sqlite",
  "cookies.sqlite",
  "cookies",
  "login data",
  "login data for account",
  "web data",
  "local state",
]);
const PERSISTENCE_SYSTEM =
  /^\/(?:etc\/(?:cron[^/]*|systemd|init\.d|rc\.local|xdg\/autostart)|var\/spool\/cron|library\/launch(?:agents|daemons))(?:\/|$)/;
/**
 * Directories that hold credentials: searching them, globbing into them or writing them touches
 * secrets. allChildren: every file inside is secret (otherwise cloudRule names the secret files).
 */
const CONTAINERS: ReadonlyArray<readonly [readonly string[], RuleId, boolean]> = [
  [[".ssh"], "ssh-private-key", true],
  [[".aws"], "cloud-credentials", false],
  [[".kube"], "cloud-credentials", false],
  [[".azure"], "cloud-credentials", true],
  [[".docker"], "cloud-credentials", false],
  [[".config", "gcloud"], "cloud-credentials", false],
  [[".config", "gh"], "cloud-credentials", false],
  [[".gnupg"], "gpg-keyring", true],
  [[".password-store"], "gpg-keyring", true],
  [[".local", "share", "keyrings"], "gpg-keyring", true],
];

/**
 * Cheap pre-check on the lower-cased path: every secret rule needs a dot-component (.ssh, .env …), an
 * id_* name, a key/keystore/JSON/keyring extension, a browser store name or /etc. Plain source paths
 * skip the component walk entirely.
 */
const SECRET_HINT =
  /\/\.|id_|_netrc|\.(?:key|p12|pfx|jks|keystore|ppk|p8|pkcs12|pem|kdbx?|keychain(?:-db)?|json)$|\/(?:private\/)?etc\/|keychains|cookies|login data|web data|local state|key[34]\.db|signons/;

const VERB: Readonly<Record<PathAccess, string>> = {
  read: "reading",
  write: "writing",
  list: "listing",
  search: "searching",
};

/** Index where `seq` occurs as consecutive components of `parts`, or -1. */
function indexOfSeq(parts: readonly string[], seq: readonly string[]): number {
  outer: for (let i = 0; i + seq.length <= parts.length; i++) {
    for (let k = 0; k < seq.length; k++) if (parts[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

function startsWithSeq(parts: readonly string[] | null, seq: readonly string[]): boolean {
  return parts !== null && parts.length >= seq.length && seq.every((s, k) => parts[k] === s);
}

/**
 * Judge one resolved path. `abs` is absolute and normalised; `raw` is the path as written (for user
 * patterns and nothing else). truncating: the write empties the file first (`>`, tee, truncate).
 */
export function judgePath(
  ctx: PathRuleCtx,
  raw: string,
  abs: string,
  access: PathAccess,
  truncating = false,
): Finding | null {
  const lower = abs.toLowerCase();
  let parts: string[] | null = null;
  let homeRel: string[] | null | undefined;
  const lazyParts = (): string[] => (parts ??= lower.split("/").filter((x) => x !== ""));
  const lazyHomeRel = (): string[] | null => {
    if (homeRel === undefined) homeRel = homeRelative(lazyParts(), ctx.homeParts);
    return homeRel;
  };
  if (ctx.blockedFiles.length > 0) {
    const rel = lazyHomeRel();
    const user = firstMatch(ctx.blockedFiles, rel ? [abs, raw, `~/${rel.join("/")}`] : [abs, raw]);
    if (user) return hit("user-blocked-file", `${VERB[access]} ${q(abs)} (${user.label})`);
  }
  if (access === "list") return null;
  const write = access === "write";
  // The reason text is built only when a rule matches (most paths match none).
  const found = (rule: RuleId): Finding => hit(rule, `${VERB[access]} ${q(abs)}`);

  // Devices and kernel interfaces.
  if (lower.startsWith("/dev/")) {
    if (!write || SAFE_DEVICE.test(lower)) return null;
    return found(BLOCK_DEVICE.test(lower) ? "disk-overwrite" : "system-path-write");
  }
  if (
    write &&
    (lower.startsWith("/proc/") || lower.startsWith("/sys/") || lower === "/proc" || lower === "/sys")
  ) {
    return found("kernel-tunable-write");
  }
  if (SECRET_HINT.test(lower)) {
    const f = secretRule(lazyParts(), lower, lazyHomeRel(), access, found);
    if (f) return f;
  }
  if (write) return writeRule(ctx, abs, lower, lazyHomeRel(), truncating, found);
  if (access === "search" && (abs === "/" || abs === ctx.home || /^\/(?:home|users|root)$/.test(lower))) {
    return found("broad-home-search");
  }
  return null;
}

/** Secret and system-auth rules; only called when SECRET_HINT says one of them may match. */
function secretRule(
  parts: readonly string[],
  lower: string,
  homeRel: string[] | null,
  access: PathAccess,
  found: (rule: RuleId) => Finding,
): Finding | null {
  const write = access === "write";
  const secret = (rule: RuleId): Finding => {
    const f = found(rule);
    f.secretRead = !write;
    return f;
  };
  const base = parts[parts.length - 1] ?? "";

  // Credential containers (~/.ssh, ~/.aws, ~/.gnupg …).
  for (const [seq, rule, allChildren] of CONTAINERS) {
    const at = indexOfSeq(parts, seq);
    if (at < 0) continue;
    const child = parts[at + seq.length];
    if (rule === "ssh-private-key") {
      if (child === undefined) {
        if (write) return found("ssh-dir-write");
        return access === "search" ? secret(rule) : null;
      }
      if (SSH_PUBLIC.test(child) && parts.length === at + 2 && !GLOB.test(child)) {
        return write ? found("ssh-config-write") : null;
      }
      return write ? found("ssh-dir-write") : secret(rule);
    }
    if (child === undefined) {
      if (write || access === "search") return secret(rule);
      continue;
    }
    if (allChildren || access === "search" || GLOB.test(child)) return secret(rule);
  }
  if (SSH_KEY_NAME.test(base) && !SOURCE_EXT.test(base))
    return write ? found("ssh-dir-write") : secret("ssh-private-key");

  // System authentication files.
  const etc = lower.startsWith("/private/etc/") ? lower.slice(8) : lower;
  if (ETC_SECRET.test(etc)) return write ? found("system-auth-write") : secret("system-secrets");
  if (write && ETC_AUTH_WRITE.test(etc)) return found("system-auth-write");

  // Cloud, registry, login, keyring and browser credentials.
  const cloud = cloudRule(parts, base, homeRel);
  if (cloud) return secret(cloud);
  if (LOGIN_FILES.has(base) || indexOfSeq(parts, [".config", "git", "credentials"]) >= 0) {
    return secret("login-credentials");
  }
  if (KEYRING_EXT.test(base) || indexOfSeq(parts, ["library", "keychains"]) >= 0)
    return secret("gpg-keyring");
  if (BROWSER_STORES.has(base) && BROWSER_DIRS.some((d) => parts.includes(d)))
    return secret("browser-credentials");

  if (HISTORY_FILES.has(base)) return write ? found("history-tamper") : found("history-read");

  // Project-level secret files (overridable by allowPatterns).
  if (KEY_EXT.test(base) || PEM_KEYISH.test(base)) return secret("private-key-file");
  if (DOTENV.test(base) && !base.split(".").some((t) => DOTENV_DOCS.has(t))) return secret("dotenv-file");
  if (CREDENTIAL_JSON.test(base)) return secret("credentials-file");
  return null;
}

function cloudRule(parts: readonly string[], base: string, homeRel: string[] | null): RuleId | null {
  const aws = parts.indexOf(".aws");
  if (aws >= 0) {
    const c = parts[aws + 1];
    if (
      c === "credentials" ||
      c === "config" ||
      ((c === "sso" || c === "cli") && parts[aws + 2] === "cache")
    ) {
      return "cloud-credentials";
    }
  }
  const kube = parts.indexOf(".kube");
  if (kube >= 0 && parts[kube + 1]?.startsWith("config")) return "cloud-credentials";
  if (parts.includes(".azure")) return "cloud-credentials";
  const gcloud = indexOfSeq(parts, [".config", "gcloud"]);
  if (
    gcloud >= 0 &&
    parts.slice(gcloud + 2).some((x) => x.includes("credential") || x === "access_tokens.db")
  ) {
    return "cloud-credentials";
  }
  if (indexOfSeq(parts, [".docker", "config.json"]) >= 0) return "cloud-credentials";
  if (indexOfSeq(parts, [".config", "gh", "hosts.yml"]) >= 0) return "cloud-credentials";
  if (indexOfSeq(parts, [".terraform.d", "credentials.tfrc.json"]) >= 0) return "cloud-credentials";
  if (CLOUD_FILES.has(base)) return "cloud-credentials";
  if (base === ".pypirc" || (base === "credentials.toml" && parts.includes(".cargo")))
    return "registry-credentials";
  if (indexOfSeq(parts, [".cargo", "credentials"]) >= 0 || indexOfSeq(parts, [".gem", "credentials"]) >= 0) {
    return "registry-credentials";
  }
  if (indexOfSeq(parts, [".composer", "auth.json"]) >= 0) return "registry-credentials";
  if (homeRel && homeRel.length === 1 && (base === ".npmrc" || base === ".yarnrc.yml"))
    return "registry-credentials";
  if (
    startsWithSeq(homeRel, [".m2", "settings.xml"]) ||
    startsWithSeq(homeRel, [".gradle", "gradle.properties"])
  ) {
    return "registry-credentials";
  }
  return null;
}

function writeRule(
  ctx: PathRuleCtx,
  abs: string,
  lower: string,
  homeRel: string[] | null,
  truncating: boolean,
  found: (rule: RuleId) => Finding,
): Finding | null {
  if (homeRel && homeRel.length === 1 && RC_FILES.has(homeRel[0]!)) {
    return found(truncating ? "rc-truncate" : "shell-rc-write");
  }
  if (startsWithSeq(homeRel, [".config", "fish", "config.fish"]))
    return found(truncating ? "rc-truncate" : "shell-rc-write");
  const inProject = isUnder(abs, ctx.project);
  if (startsWithSeq(homeRel, [".config", "opencode"]) || startsWithSeq(homeRel, [".opencode"])) {
    return found("agent-config-write");
  }
  if (inProject) {
    const rel = abs === ctx.project ? "" : abs.slice(ctx.project.length + 1).toLowerCase();
    if (
      rel === "opencode.json" ||
      rel === "opencode.jsonc" ||
      rel === ".opencode" ||
      rel.startsWith(".opencode/")
    ) {
      return found("agent-config-write");
    }
    return null;
  }
  if (
    startsWithSeq(homeRel, [".config", "autostart"]) ||
    startsWithSeq(homeRel, ["library", "launchagents"]) ||
    startsWithSeq(homeRel, [".config", "systemd", "user"]) ||
    PERSISTENCE_SYSTEM.test(lower)
  ) {
    return found("persistence-write");
  }
  return isSystemPath(abs) ? found("system-path-write") : null;
}
