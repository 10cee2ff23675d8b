import type { ErrorCategory } from "./types.js";

/**
 * Error signatures, case-sensitive (explicit [Ee] classes where case varies: case-sensitive matching is
 * cheaper and lets "FAILED"/"ERROR" differ from ordinary prose).
 *
 * - `strong`: evidence of failure on its own. A bash command that exited 0 still counts as failed if a
 *   strong signature appears (e.g. `cmd1; cmd2` where cmd1 failed). Keep this list small and specific.
 * - weak signatures only name the category of something already known to have failed.
 * - `tier`: how specific the evidence is; the scan keeps the lowest tier found (earliest on ties).
 *   1 = concrete cause (missing file, type error, …), 2 = aggregate outcome (build/test failed),
 *   3 = clearly an error but of unknown kind (traceback, `npm ERR!`), 4 = the bare word "error".
 *
 * Every repetition is bounded ([^\n]{0,120} rather than .*) so no pattern can backtrack
 * quadratically on one long line. Sources must not contain capturing groups: the combined regex
 * wraps each source in one group and maps the group number back to the signature.
 */
export interface Signature {
  readonly id: string;
  readonly category: ErrorCategory;
  readonly tier: 1 | 2 | 3 | 4;
  readonly strong: boolean;
  /**
   * Literal strings of which EVERY match of `re` contains at least one (case-sensitive). The scan
   * first looks for anchors only (a literal alternation is ~10× cheaper than the full pattern set) and
   * runs the signatures on the lines around anchor hits. Tests check each example against both.
   */
  readonly anchors: readonly string[];
  readonly re: RegExp;
}

const sig = (
  id: string,
  category: ErrorCategory,
  tier: Signature["tier"],
  strong: boolean,
  anchors: string[],
  re: RegExp,
): Signature => Object.freeze({ id, category, tier, strong, anchors: Object.freeze(anchors), re });

export const SIGNATURES: readonly Signature[] = Object.freeze([
  // command
  sig("command-not-found", "command", 1, true, ["not found"], /[Cc]ommand not found/),
  sig(
    "sh-not-found",
    "command",
    1,
    true,
    ["not found"],
    /^(?:\/bin\/)?(?:ba|da|k)?sh: (?:line )?\d{1,9}: [^\n:]{1,200}: not found/,
  ),
  sig(
    "not-recognized",
    "command",
    1,
    true,
    ["is not recognized"],
    /is not recognized as an internal or external command/,
  ),
  sig(
    "unknown-command",
    "command",
    1,
    false,
    ["nknown command", "nknown subcommand"],
    /[Uu]nknown (?:sub)?command\b/,
  ),
  // permission
  sig("eacces", "permission", 1, false, ["EACCES"], /\bEACCES\b/),
  sig("eperm", "permission", 1, false, ["EPERM"], /\bEPERM\b/),
  sig(
    "permission-denied",
    "permission",
    1,
    false,
    ["ermission denied", "PermissionError"],
    /[Pp]ermission denied|\bPermissionError\b/,
  ),
  sig(
    "not-permitted",
    "permission",
    1,
    false,
    ["peration not permitted", "ccess denied", "ccess is denied"],
    /[Oo]peration not permitted|\b[Aa]ccess (?:is )?denied\b/,
  ),
  // file
  sig("enoent", "file", 1, false, ["ENOENT"], /\bENOENT\b/),
  sig("no-such-file", "file", 1, false, ["o such file or directory"], /[Nn]o such file or directory/),
  sig(
    "file-not-found",
    "file",
    1,
    false,
    ["FileNotFoundError", "ile not found"],
    /\bFileNotFoundError\b|\b[Ff]ile not found\b/,
  ),
  sig(
    "fs-errno",
    "file",
    1,
    false,
    ["EISDIR", "ENOTDIR", "ENOTEMPTY", "EEXIST", "s a directory"],
    /\bE(?:ISDIR|NOTDIR|NOTEMPTY|EXIST)\b|\b[Ii]s a directory\b/,
  ),
  // module
  sig(
    "cannot-find-module",
    "module",
    1,
    false,
    ["annot find module", "annot find package"],
    /[Cc]annot find (?:module|package)\b/,
  ),
  sig(
    "module-not-found",
    "module",
    1,
    false,
    ["odule not found", "ModuleNotFoundError", "ERR_MODULE_NOT_FOUND", "No module named", "ImportError"],
    /\b[Mm]odule not found\b|\bModuleNotFoundError\b|\bERR_MODULE_NOT_FOUND\b|\bNo module named\b|\bImportError\b/,
  ),
  sig("import-not-found", "module", 1, false, ["not found"], /\bimport\b[^\n]{0,120}?\bnot found\b/),
  sig(
    "unresolved-import",
    "module",
    1,
    false,
    ["ailed to resolve import", "ould not resolve", "an't resolve", "nresolved import"],
    /[Ff]ailed to resolve import|[Cc]ould not resolve ["']|[Cc]an't resolve ['"]|[Uu]nresolved import/,
  ),
  // syntax
  sig(
    "syntax-error",
    "syntax",
    1,
    false,
    ["SyntaxError", "yntax error", "IndentationError", "TabError"],
    /\bSyntaxError\b|\b[Ss]yntax error\b|\bIndentationError\b|\bTabError\b/,
  ),
  sig(
    "parse-error",
    "syntax",
    1,
    false,
    ["arse error", "ParseError", "nexpected token", "nexpected end of", "nexpected EOF"],
    /\b[Pp]arse error\b|\bParseError\b|[Uu]nexpected token\b|[Uu]nexpected (?:end of (?:JSON )?(?:input|file)|EOF)\b/,
  ),
  sig("lint-problems", "syntax", 1, false, ["✖ "], /✖ [1-9]\d{0,6} problems? \([1-9]/),
  // type
  sig("ts-error", "type", 1, true, ["error TS"], /\berror TS\d{1,5}\b/),
  sig(
    "type-error",
    "type",
    1,
    false,
    ["TypeError", "ReferenceError", "NameError", "AttributeError"],
    /\b(?:TypeError|ReferenceError|NameError|AttributeError)\b/,
  ),
  sig(
    "undefined-value",
    "type",
    1,
    false,
    ["ndefined is not", "s not a function", "annot read propert", "s not defined"],
    /\bundefined is not\b|\bis not a function\b|[Cc]annot read propert(?:y|ies) of (?:undefined|null)\b|\bis not defined\b/,
  ),
  sig(
    "null-pointer",
    "type",
    1,
    false,
    ["ull pointer", "ull Pointer", "ullpointer", "ullPointer"],
    /\b[Nn]ull ?[Pp]ointer\b|\bNullPointerException\b/,
  ),
  // network
  sig(
    "econnrefused",
    "network",
    1,
    false,
    ["ECONNREFUSED", "onnection refused", "ConnectionRefusedError"],
    /\bECONNREFUSED\b|[Cc]onnection refused\b|\bConnectionRefusedError\b/,
  ),
  sig(
    "econnreset",
    "network",
    1,
    false,
    ["ECONNRESET", "onnection reset", "socket hang up"],
    /\bECONNRESET\b|[Cc]onnection reset\b|\bsocket hang up\b/,
  ),
  sig(
    "dns",
    "network",
    1,
    false,
    ["ENOTFOUND", "EAI_AGAIN", "ould not resolve host", "getaddrinfo", "emporary failure in name resolution"],
    /\bENOTFOUND\b|\bEAI_AGAIN\b|[Cc]ould not resolve host\b|\bgetaddrinfo\b|[Tt]emporary failure in name resolution/,
  ),
  sig(
    "unreachable",
    "network",
    1,
    false,
    ["UNREACH", "etwork is unreachable", "o route to host"],
    /\bE(?:HOST|NET)UNREACH\b|[Nn]etwork is unreachable\b|[Nn]o route to host\b/,
  ),
  sig(
    "tls",
    "network",
    1,
    false,
    [
      "SSL certificate problem",
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      "self-signed certificate",
      "self signed certificate",
    ],
    /\bSSL certificate problem\b|\bUNABLE_TO_VERIFY_LEAF_SIGNATURE\b|\bself[- ]signed certificate\b/,
  ),
  sig(
    "fetch-failed",
    "network",
    1,
    false,
    ["fetch failed", "ECONNABORTED"],
    /\bfetch failed\b|\bECONNABORTED\b/,
  ),
  // memory
  sig("segfault", "memory", 1, true, ["egmentation fault", "SIGSEGV"], /[Ss]egmentation fault\b|\bSIGSEGV\b/),
  sig("heap-oom", "memory", 1, true, ["JavaScript heap out of memory"], /JavaScript heap out of memory\b/),
  sig(
    "out-of-memory",
    "memory",
    1,
    false,
    ["ut of memory", "ENOMEM", "MemoryError", "annot allocate memory", "std::bad_alloc", "(core dumped)"],
    /\b[Oo]ut of memory\b|\bENOMEM\b|\bMemoryError\b|[Cc]annot allocate memory\b|\bstd::bad_alloc\b|\(core dumped\)/,
  ),
  sig(
    "stack-overflow",
    "memory",
    1,
    false,
    ["aximum call stack size exceeded", "tack overflow", "StackOverflowError", "RecursionError"],
    /[Mm]aximum call stack size exceeded\b|\b[Ss]tack overflow\b|\bStackOverflowError\b|\bRecursionError\b/,
  ),
  // timeout
  /** OpenCode's own note when it kills a bash command at its timeout. */
  sig(
    "shell-timeout",
    "timeout",
    1,
    true,
    ["terminated command after exceeding timeout"],
    /\bterminated command after exceeding timeout\b/,
  ),
  sig(
    "etimedout",
    "timeout",
    1,
    false,
    ["TIMEDOUT", "TimeoutError"],
    /\bE(?:SOCKET)?TIMEDOUT\b|\bTimeoutError\b/,
  ),
  sig(
    "timed-out",
    "timeout",
    1,
    false,
    ["imed out", "eadline exceeded", "imeout of ", "xceeded timeout of"],
    /\b[Tt]imed out\b|\b[Dd]eadline exceeded\b|\b[Tt]imeout of \d{1,9} ?ms exceeded|[Ee]xceeded timeout of\b/,
  ),
  // build
  sig(
    "failed-to-compile",
    "build",
    2,
    false,
    ["ailed to compile", "ompilation failed", "COMPILATION ERROR"],
    /[Ff]ailed to compile\b|[Cc]ompilation failed\b|COMPILATION ERROR/,
  ),
  sig(
    "build-failed",
    "build",
    2,
    false,
    ["uild failed", "BUILD FAILED"],
    /\b[Bb]uild failed\b|\bBUILD FAILED\b/,
  ),
  sig("make-error", "build", 2, false, [": *** "], /^make(?:\[\d{1,4}\])?: \*\*\* /),
  sig(
    "linker-error",
    "build",
    2,
    false,
    ["ld: error", "collect2: error", "ndefined reference to"],
    /\bld(?:\.lld)?: error\b|\bcollect2: error\b|\bundefined reference to\b/,
  ),
  sig(
    "compiler-error",
    "build",
    2,
    false,
    ["error[E", "✘ [ERROR]", "ERROR in ", "CMake Error"],
    /^error\[E\d{4}\]|✘ \[ERROR\]|^ERROR in |\bCMake Error\b/,
  ),
  // test: counts must be non-zero ("0 failed" is a pass), so [1-9] leads every count.
  sig("tests-failed-count", "test", 2, true, [" fail"], /\b[1-9]\d{0,6} (?:tests? )?(?:failed|failing)\b/),
  sig("tap-fail", "test", 2, true, [" fail"], /^(?:# |ℹ )fail [1-9]/),
  sig("cargo-test-failed", "test", 2, true, ["FAIL"], /\btest result: FAILED\b/),
  sig("go-test-fail", "test", 2, true, ["FAIL"], /^--- FAIL: |^FAIL\t/),
  sig(
    "pytest-failed",
    "test",
    2,
    true,
    ["FAIL"],
    /^FAILED [^\n]{1,200}?::|\bFAILED \((?:failures|errors)=[1-9]/,
  ),
  sig(
    "assertion",
    "test",
    2,
    false,
    ["AssertionError", "ssertion failed"],
    /\bAssertionError\b|[Aa]ssertion failed\b/,
  ),
  sig(
    "tests-failed",
    "test",
    2,
    false,
    ["est fail", "ests fail", "FAIL"],
    /\b[Tt]ests? (?:failed|failing)\b|^ ?FAIL {1,2}\S/,
  ),
  // generic but unmistakable
  sig(
    "py-traceback",
    "generic",
    3,
    true,
    ["Traceback (most recent call last)"],
    /Traceback \(most recent call last\)/,
  ),
  sig("npm-err", "generic", 3, true, ["npm ERR!", "npm error "], /^npm (?:ERR!|error) /),
  sig("git-fatal", "generic", 3, true, ["fatal: "], /^fatal: /),
  sig("rust-panic", "generic", 3, true, ["' panicked at"], /\bthread '[^'\n]{0,100}' panicked at\b/),
  sig("java-uncaught", "generic", 3, true, ['Exception in thread "'], /\bException in thread "/),
  sig(
    "uncaught",
    "generic",
    3,
    false,
    ["nhandled", "ncaught ", "panic: "],
    /[Uu]nhandled(?:PromiseRejection| (?:promise )?rejection| exception)|[Uu]ncaught (?:exception|\w{0,40}Error)|^panic: /,
  ),
  sig("fatal-error", "generic", 3, false, ["atal error", "FATAL"], /\b[Ff]atal error\b|\bFATAL\b/),
  sig("failed-upper", "test", 3, false, ["FAIL"], /\bFAILED\b/),
  // the word "error" itself; "error: 0" and "ERROR: None" are reports of no error
  sig("error-colon", "generic", 4, false, ["rror: "], /\b[Ee]rror: (?!0\b|[Nn]one\b)/),
  sig("error-upper", "generic", 4, false, ["ERROR"], /\bERROR\b(?!:? ?(?:0|None)\b)/),
  sig("exception", "generic", 4, false, ["xception"], /Exception\b|\bexception\b/),
  sig("error-word", "generic", 4, false, ["Error"], /\bError\b/),
]);

/** One precompiled alternation over `sigs`, its anchor prefilter, and the group → signature map. */
export interface CompiledSignatures {
  readonly re: RegExp;
  /** Global alternation of the (deduplicated) anchors of all `sigs`. */
  readonly anchor: RegExp;
  /** bySlot[k] is the signature whose group is capture group k + 1. */
  readonly bySlot: readonly Signature[];
}

/**
 * Compile signatures into one global, multiline regex. Entries are ordered by tier first so that,
 * when two signatures match at the same position, the more specific one wins.
 * Throws (at module load, i.e. in tests) if a source has its own capturing group.
 */
export function compileSignatures(sigs: readonly Signature[]): CompiledSignatures {
  const bySlot = [...sigs].sort((a, b) => a.tier - b.tier);
  for (const s of bySlot) {
    const groups = (new RegExp(`${s.re.source}|`).exec("") ?? []).length - 1;
    if (groups !== 0) throw new Error(`signature ${s.id} has ${groups} capturing group(s); use (?:…)`);
  }
  const source = bySlot.map((s) => `(${s.re.source})`).join("|");
  const anchorSource = minimalAnchors(bySlot.flatMap((s) => s.anchors))
    .map(escapeRegExp)
    .join("|");
  return Object.freeze({
    re: new RegExp(source, "gm"),
    anchor: new RegExp(anchorSource, "g"),
    bySlot: Object.freeze(bySlot),
  });
}

/** Drop anchors that contain a shorter anchor: wherever they occur, the shorter one is found too. */
function minimalAnchors(all: readonly string[]): string[] {
  const unique = [...new Set(all)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const a of unique) {
    if (a.length === 0) throw new Error("empty signature anchor");
    if (!kept.some((k) => a.includes(k))) kept.push(a);
  }
  return kept;
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** Every signature: names the category of a known failure. */
export const ALL_SIGNATURES: CompiledSignatures = compileSignatures(SIGNATURES);
/** Strong signatures only: decide failure of a command that exited 0. */
export const STRONG_SIGNATURES: CompiledSignatures = compileSignatures(SIGNATURES.filter((s) => s.strong));
