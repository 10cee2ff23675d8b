import { sanitizeForPrompt, stripAnsi } from "./sanitize.js";
import { ALL_SIGNATURES, type CompiledSignatures, type Signature, STRONG_SIGNATURES } from "./signatures.js";
import {
  DEFAULT_SCAN_OPTIONS,
  type ErrorCategory,
  type ScanInput,
  type ScanOptions,
  type ScanResult,
} from "./types.js";
import { windowText } from "./window.js";

/**
 * Tools whose output is file or web CONTENT. Text inside it ("Error", "FAILED") describes the content,
 * not the tool run, so only a failed tool part counts as an error (defect 14 of the original).
 */
const CONTENT_TOOLS: ReadonlySet<string> = new Set([
  "read",
  "grep",
  "glob",
  "list",
  "webfetch",
  "websearch",
  "codesearch",
  "todoread",
  "skill",
]);

/** Shell tools: exit code plus strong signatures. */
const SHELL_TOOLS: ReadonlySet<string> = new Set(["bash", "shell"]);

/** Any other tool (write, edit, patch, task, MCP, custom) failed if its output opens with an error label. */
const ERROR_PREFIX_RE = /^\s{0,16}(?:Error|ERROR|error)(?: \[[A-Za-z0-9_]{1,40}\])?:/;

/** OpenCode appends this (in <shell_metadata>) when the user stops a command: not the agent's failure. */
const USER_ABORT_TEXT = "User aborted the command";
/** The metadata block is appended at the very end; look only at this many trailing units for it. */
const USER_ABORT_TAIL = 512;

/**
 * A window holds at most a few thousand matches; stop after this many so a pathological output
 * ("Error Error Error …") costs a bounded number of regex calls.
 */
const MAX_MATCHES = 256;
/** Anchor hits examined per scan; same reasoning as MAX_MATCHES. */
const MAX_REGIONS = 256;
/**
 * How far around an anchor hit the signatures look. The longest bounded signature reaches ~215
 * units before its anchor (sh-not-found: "sh: 1: " + 200 name chars) and ~200 after (pytest-failed).
 */
const REGION_BACK = 256;
const REGION_FWD = 256;

/** How far back from a match the excerpt may start, to show the start of the line. */
const EXCERPT_LEAD = 80;

/** Raw text read for a tail excerpt, per excerpt char: whitespace collapsing rarely halves real output. */
const TAIL_RAW_FACTOR = 2;

/** Exit codes that say what happened even when the text does not. */
const EXIT_CATEGORY: ReadonlyMap<number, ErrorCategory> = new Map<number, ErrorCategory>([
  [127, "command"], // shell: command not found
  [126, "permission"], // shell: found but not executable
  [124, "timeout"], // coreutils `timeout`
  // SIGKILL (128+9): a timeout kill or the OOM killer. Text signatures run first and tell them apart
  // when the output says which; otherwise a kill is most often a timeout.
  [137, "timeout"],
  [139, "memory"], // SIGSEGV (128+11)
]);

const SUCCESS: ScanResult = Object.freeze({ isError: false, category: null, signal: null, excerpt: "" });
const USER_ABORT: ScanResult = Object.freeze({
  isError: false,
  category: null,
  signal: "user-abort",
  excerpt: "",
});

interface Found {
  sig: Signature;
  index: number;
}

/** Decide whether one tool result is an error, and of what kind. Scans only the head/tail window. */
export function scanToolOutput(input: ScanInput, opts: ScanOptions = DEFAULT_SCAN_OPTIONS): ScanResult {
  const tool = typeof input.tool === "string" ? input.tool.toLowerCase() : "";
  const output = typeof input.output === "string" ? input.output : "";
  const excerptChars = opts.excerptChars;

  if (input.failed === true) {
    return categorise(scanWindow(output, opts), "generic", "tool-failed", excerptChars, false);
  }
  if (CONTENT_TOOLS.has(tool)) return SUCCESS;

  if (SHELL_TOOLS.has(tool)) {
    if (output.length > 0 && output.slice(-USER_ABORT_TAIL).includes(USER_ABORT_TEXT)) return USER_ABORT;
    const text = scanWindow(output, opts);
    const code = input.exitCode;
    if (typeof code === "number" && code !== 0) {
      const byCode = EXIT_CATEGORY.get(code) ?? "generic";
      const result = categorise(text, byCode, "exit-code", excerptChars, true);
      return result.signal === "exit-code"
        ? { ...result, excerpt: exitExcerpt(code, text, excerptChars) }
        : result;
    }
    if (findSignature(STRONG_SIGNATURES, text, true) === null) return SUCCESS;
    return categorise(text, "generic", "strong-signature", excerptChars, true);
  }

  const text = scanWindow(output, opts);
  if (!ERROR_PREFIX_RE.test(text)) return SUCCESS;
  return categorise(text, "generic", "error-prefix", excerptChars, false);
}

export function scanBatch(inputs: ScanInput[], opts: ScanOptions = DEFAULT_SCAN_OPTIONS): ScanResult[] {
  return inputs.map((input) => scanToolOutput(input, opts));
}

/** The head/tail window with colour codes removed: "\x1b[31mError" must still start a word. */
function scanWindow(output: string, opts: ScanOptions): string {
  return stripAnsi(windowText(output, opts.headBytes, opts.tailBytes));
}

/**
 * The text is already known to show a failure: name it from the most specific signature found, or
 * fall back to `fallback`/`fallbackSignal` with an excerpt from the end (shell) or start (tools).
 */
function categorise(
  text: string,
  fallback: ErrorCategory,
  fallbackSignal: string,
  excerptChars: number,
  tailFirst: boolean,
): ScanResult {
  const found = findSignature(ALL_SIGNATURES, text, false);
  if (found !== null) {
    return {
      isError: true,
      category: found.sig.category,
      signal: found.sig.id,
      excerpt: excerptAt(text, found.index, excerptChars),
    };
  }
  const excerpt = tailFirst ? tailExcerpt(text, excerptChars) : sanitizeForPrompt(text, excerptChars);
  return { isError: true, category: fallback, signal: fallbackSignal, excerpt };
}

/**
 * Two stages: the anchor alternation finds candidate spots cheaply; the full signature alternation
 * runs only on the line around each spot (at most REGION_BACK before and REGION_FWD after it, which
 * covers the longest bounded signature). The next anchor search resumes after that region, so every
 * character is examined a bounded number of times. Lowest tier wins, earliest among equals; with
 * `firstOnly` the first match of any tier is returned.
 *
 * A region cut inside a very long line may see a word boundary at its edge that the full text does
 * not have; that costs at most a mis-named category, never a missed failure.
 */
function findSignature(compiled: CompiledSignatures, text: string, firstOnly: boolean): Found | null {
  const { anchor, re } = compiled;
  anchor.lastIndex = 0;
  let best: Found | null = null;
  let matches = 0;
  for (let regions = 0; regions < MAX_REGIONS; regions++) {
    const a = anchor.exec(text);
    if (a === null) break;
    const start = lineStartNear(text, a.index, REGION_BACK);
    const end = lineEndNear(text, a.index + a[0].length, REGION_FWD);
    const region = text.slice(start, end);
    re.lastIndex = 0;
    for (let m = re.exec(region); m !== null && matches < MAX_MATCHES; m = re.exec(region)) {
      matches++;
      const sig = slotOf(compiled, m);
      if (best === null || sig.tier < best.sig.tier) {
        best = { sig, index: start + m.index };
        if (firstOnly || sig.tier === 1) break;
      }
      if (m[0].length === 0) re.lastIndex++;
    }
    if (best !== null && (firstOnly || best.sig.tier === 1)) break;
    if (matches >= MAX_MATCHES) break;
    anchor.lastIndex = Math.max(anchor.lastIndex, end);
  }
  anchor.lastIndex = 0;
  re.lastIndex = 0;
  return best;
}

/** Start of the line containing `index`, looking back at most `limit` units. */
function lineStartNear(text: string, index: number, limit: number): number {
  const from = Math.max(0, index - limit);
  const nl = text.slice(from, index).lastIndexOf("\n");
  return nl < 0 ? from : from + nl + 1;
}

/** End of the line containing `index` (exclusive), looking ahead at most `limit` units. */
function lineEndNear(text: string, index: number, limit: number): number {
  const to = Math.min(text.length, index + limit);
  const nl = text.slice(index, to).indexOf("\n");
  return nl < 0 ? to : index + nl;
}

function slotOf(compiled: CompiledSignatures, m: RegExpExecArray): Signature {
  for (let g = 1; g < m.length; g++) {
    if (m[g] !== undefined) return compiled.bySlot[g - 1]!;
  }
  // Unreachable: every alternative is one group and a match takes exactly one alternative.
  return compiled.bySlot[compiled.bySlot.length - 1]!;
}

/** From the start of the matched line (at most EXCERPT_LEAD back) forward. */
function excerptAt(text: string, index: number, excerptChars: number): string {
  const start = lineStartNear(text, index, EXCERPT_LEAD);
  return sanitizeForPrompt(text.slice(start, index + excerptChars * 2), excerptChars);
}

/** The last `excerptChars` of the sanitised text: errors print last. */
function tailExcerpt(text: string, excerptChars: number): string {
  if (excerptChars <= 0) return "";
  const wide = sanitizeForPrompt(text.slice(-excerptChars * TAIL_RAW_FACTOR), excerptChars * TAIL_RAW_FACTOR);
  if (wide.length <= excerptChars) return wide;
  let start = wide.length - (excerptChars - 1);
  // Do not start on the second half of a surrogate pair.
  const c = wide.charCodeAt(start);
  if (c >= 0xdc00 && c <= 0xdfff) start++;
  return `…${wide.slice(start)}`;
}

function exitExcerpt(code: number, text: string, excerptChars: number): string {
  const label = `exit ${code}`;
  const body = tailExcerpt(text, excerptChars - label.length - 2);
  const joined = body.length > 0 ? `${label}: ${body}` : label;
  return joined.length <= excerptChars ? joined : joined.slice(0, Math.max(0, excerptChars));
}
