/**
 * Path normalisation and classification. Paths are resolved lexically (no file system access):
 * quotes and file:// stripped, encodings undone, ~ / $HOME expanded, relative paths joined to the
 * working directory, "." and ".." folded. Classification tells a destructive command whether its
 * target is the root, a home, a system directory, the project, a temp dir or elsewhere.
 */
import { deobfuscate } from "./normalize.js";
import { baseName } from "./text.js";

export interface PathBase {
  home: string;
  project: string;
}

const CONTROL = /[\u0000-\u001f\u007f]/g;
// Nothing to undo: no quotes, spaces, controls, %, backslash, non-ASCII, and not a file:// URL.
const PLAIN_PATH = /^(?!file:)[\w.~$@+,=:{}*?[\]!#^/-]+$/;
const QUOTED = /^(["'])([\s\S]*)\1$/;
const HOME_VAR = /^\$(?:HOME\b|\{HOME\})/;
const TILDE_USER = /^~([A-Za-z0-9._-]*)(?=\/|$)/;
const GLOB = /[*?[]/;
// An absolute path needs folding only with "//", "/./", "/../" or a trailing "/" (or "/." / "/..").
const NEEDS_FOLDING = /\/\/|\/\.{1,2}(?:\/|$)|.\/$/;
// A glob component with no literal name in it ("*", ".*", "?*", ".[!.]*"): it matches (nearly) everything.
const BROAD_GLOB = /^[*?.[\]!^{},]+$/;

/** Top-level and critical second-level system directories (lower case). Deleting one breaks the OS. */
const SYSTEM_DIRS: ReadonlySet<string> = new Set([
  "/etc",
  "/usr",
  "/bin",
  "/sbin",
  "/boot",
  "/var",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/opt",
  "/sys",
  "/proc",
  "/dev",
  "/srv",
  "/run",
  "/snap",
  "/mnt",
  "/media",
  "/nix",
  "/system",
  "/library",
  "/applications",
  "/private",
  "/private/etc",
  "/private/var",
  "/usr/bin",
  "/usr/sbin",
  "/usr/lib",
  "/usr/lib64",
  "/usr/local",
  "/usr/share",
  "/usr/include",
  "/usr/libexec",
  "/usr/local/bin",
  "/usr/local/lib",
  "/var/lib",
  "/var/log",
  "/var/db",
  "/nix/store",
  "/etc/ssh",
]);

/** Directories holding user homes ("/root" is itself a home). */
const HOME_ROOTS: ReadonlySet<string> = new Set(["/home", "/users", "/root"]);

/** Scratch space: deleting inside is normal work (deleting the directory itself is not). */
const TMP_DIRS: readonly string[] = [
  "/tmp",
  "/var/tmp",
  "/private/tmp",
  "/var/folders",
  "/private/var/folders",
  "/dev/shm",
];

/** Top-level directories of the OS (lower case): writes there need confirmation, setuid there is a backdoor. */
const SYSTEM_TOP: ReadonlySet<string> = new Set([
  "etc",
  "usr",
  "bin",
  "sbin",
  "boot",
  "lib",
  "lib32",
  "lib64",
  "libx32",
  "opt",
  "var",
  "srv",
  "snap",
  "system",
  "library",
  "applications",
  "private",
  "nix",
]);

/** Cache directories below a home (lower case): deleting inside them is as harmless as in /tmp. */
const HOME_CACHES: readonly string[] = [".cache", "library/caches"];

export type TargetClass = "root" | "home" | "system" | "project" | "inside" | "tmp" | "outside";

/** Quotes, file://, encodings, homoglyphs and Windows separators undone; never throws. */
export function normalizePathText(raw: string): string {
  if (PLAIN_PATH.test(raw)) return raw;
  let p = raw.replace(CONTROL, "").trim();
  for (let k = 0; k < 2; k++) {
    const m = QUOTED.exec(p);
    if (!m) break;
    p = m[2]!.trim();
  }
  if (p.startsWith("file://")) p = p.slice(7);
  p = deobfuscate(p);
  return p.indexOf("\\") >= 0 ? p.replace(/\\/g, "/") : p;
}

/** ~, ~user, $HOME and ${HOME} at the start of a path. */
export function expandHome(p: string, home: string): string {
  if (p.startsWith("~")) {
    const m = TILDE_USER.exec(p);
    if (!m) return p;
    const user = m[1]!;
    const dir = user === "" || user === baseName(home) ? home : user === "root" ? "/root" : `/home/${user}`;
    return dir + p.slice(m[0].length);
  }
  if (p.startsWith("$")) return p.replace(HOME_VAR, home);
  return p;
}

/** Fold "", ".", ".." segments of an absolute path ("/a/./b/../c//" → "/a/c"). */
export function lexicalNormalize(abs: string): string {
  if (abs.startsWith("/") && !NEEDS_FOLDING.test(abs)) return abs;
  const out: string[] = [];
  for (const seg of abs.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

/** Absolute, normalised form of a path as written, relative to `cwd`. */
export function resolvePath(raw: string, home: string, cwd: string): string {
  const p = expandHome(normalizePathText(raw), home);
  return lexicalNormalize(p.startsWith("/") ? p : `${cwd}/${p}`);
}

/** Is `p` equal to `dir` or inside it? */
export function isUnder(p: string, dir: string): boolean {
  return dir === "/" || p === dir || p.startsWith(`${dir}/`);
}

export function hasGlob(s: string): boolean {
  return GLOB.test(s);
}

export function isTmp(p: string): boolean {
  const lower = p.toLowerCase();
  return TMP_DIRS.some((t) => lower.startsWith(`${t}/`));
}

/** Inside the user's cache directory (~/.cache, ~/Library/Caches): regenerated on demand, like /tmp. */
function isHomeCache(lower: string, homeLower: string): boolean {
  return HOME_CACHES.some((c) => lower.startsWith(`${homeLower}/${c}/`));
}

/** Is `abs` the root or inside an OS directory (temp dirs excepted)? */
export function isSystemPath(abs: string): boolean {
  if (abs === "/") return true;
  if (isTmp(abs)) return false;
  const lower = abs.toLowerCase();
  const end = lower.indexOf("/", 1);
  return SYSTEM_TOP.has(end < 0 ? lower.slice(1) : lower.slice(1, end));
}

/** Class of a concrete directory or file path (no glob). */
export function classifyDir(p: string, base: PathBase): TargetClass {
  if (p === "/") return "root";
  const lower = p.toLowerCase();
  if (p === base.home || HOME_ROOTS.has(lower)) return "home";
  const parent = lower.slice(0, lower.lastIndexOf("/")) || "/";
  if (parent !== "/" && HOME_ROOTS.has(parent) && parent !== "/root") return "home";
  if (SYSTEM_DIRS.has(lower)) return "system";
  if (p === base.project || p === `${base.project}/.git`) return "project";
  if (isUnder(p, base.project)) return "inside";
  if (isTmp(p) || isHomeCache(lower, base.home.toLowerCase())) return "tmp";
  return "outside";
}

/**
 * Class of a deletion/permission target, glob-aware: "/*" is the root, "~/.*" is the home,
 * "/e*" may hit /etc (system), "./dist/*" is inside the project.
 */
export function classifyTarget(abs: string, base: PathBase): TargetClass {
  if (!GLOB.test(abs)) return classifyDir(abs, base);
  const parts = abs.split("/").filter((x) => x !== "");
  const gi = parts.findIndex((x) => GLOB.test(x));
  const dir = `/${parts.slice(0, gi).join("/")}`;
  const pat = parts[gi]!;
  const broad = BROAD_GLOB.test(pat);
  const cls = classifyDir(dir, base);
  switch (cls) {
    case "root":
      return broad ? "root" : "system";
    case "home":
      return broad || pat.startsWith(".") ? "home" : "outside";
    case "system":
      return broad ? "system" : "outside";
    case "project":
      return broad ? "project" : "inside";
    default:
      return cls;
  }
}

/** Components of `abs` below a home directory (this user's or any /home/x, /Users/x, /root), lower case. */
export function homeRelative(
  lowerParts: readonly string[],
  homeLowerParts: readonly string[],
): string[] | null {
  if (homeLowerParts.length > 0 && homeLowerParts.every((h, k) => lowerParts[k] === h)) {
    return lowerParts.slice(homeLowerParts.length);
  }
  const first = lowerParts[0];
  if ((first === "home" || first === "users") && lowerParts.length >= 2) return lowerParts.slice(2);
  if (first === "root") return lowerParts.slice(1);
  return null;
}
