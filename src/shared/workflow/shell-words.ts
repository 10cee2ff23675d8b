/**
 * A small, forgiving POSIX-shell word splitter, good enough to find the command words of a bash
 * tool call. It is not a parser for execution (the security guard has its own normaliser): it only
 * has to keep quoted data, comments and heredoc bodies away from the command position, so that
 * `git commit -m "add test"` is about git, not about tests.
 *
 * Output: one segment per simple command. Segments are split at unquoted `;`, `&`, `&&`, `|`, `||`,
 * newlines, parentheses and backticks. Redirections are removed from the words; a redirection of
 * output to a real file (not /dev/null or another descriptor) marks the segment as writing a file.
 */

export interface ShellSegment {
  /** Words with quotes removed, in order; redirections and their targets are not included. */
  readonly words: readonly string[];
  /** True when the segment redirects output into a file (`> out.txt`, `>> log`, `&> f`). */
  readonly writesFile: boolean;
}

/** Commands longer than this are judged by their head: 8 KiB is far beyond any hand-written
 * command line, and the walk below must stay linear and cheap inside a host hook. */
export const MAX_COMMAND_CHARS = 8 * 1024;

/** Output targets that do not touch the file system. */
const NON_FILE_TARGETS = new Set(["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"]);

const DIGITS = /^\d+$/;
const LEADING_TABS = /^\t+/;
const FD_CHAR = /[0-9-]/;

type Redirect = "out" | "in" | null;

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

/** Split `command` into simple-command segments. Never throws; malformed quoting just ends at EOF. */
export function splitShell(command: string): ShellSegment[] {
  const src = command.length > MAX_COMMAND_CHARS ? command.slice(0, MAX_COMMAND_CHARS) : command;
  const segments: ShellSegment[] = [];
  let words: string[] = [];
  let writesFile = false;
  let word = "";
  let inWord = false;
  let redirect: Redirect = null;
  let pendingHeredocs: Heredoc[] = [];
  let heredocDelimiterNext: Heredoc | null = null;

  const endWord = (): void => {
    if (!inWord) return;
    if (heredocDelimiterNext) {
      heredocDelimiterNext.delimiter = word;
      pendingHeredocs.push(heredocDelimiterNext);
      heredocDelimiterNext = null;
    } else if (redirect === "out") {
      if (!NON_FILE_TARGETS.has(word)) writesFile = true;
      redirect = null;
    } else if (redirect === "in") {
      redirect = null;
    } else {
      words.push(word);
    }
    word = "";
    inWord = false;
  };
  const endSegment = (): void => {
    endWord();
    redirect = null;
    heredocDelimiterNext = null;
    if (words.length > 0 || writesFile) segments.push({ words, writesFile });
    words = [];
    writesFile = false;
  };
  /** Skip heredoc bodies that start after the newline at `i`; returns the index of the last consumed char. */
  const skipHeredocs = (i: number): number => {
    let pos = i;
    for (const doc of pendingHeredocs) {
      while (pos < src.length) {
        const lineEnd = src.indexOf("\n", pos + 1);
        const line = src.slice(pos + 1, lineEnd === -1 ? src.length : lineEnd);
        pos = lineEnd === -1 ? src.length : lineEnd;
        const candidate = doc.stripTabs ? line.replace(LEADING_TABS, "") : line;
        if (candidate === doc.delimiter) break;
      }
    }
    pendingHeredocs = [];
    return pos;
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    switch (c) {
      case " ":
      case "\t":
      case "\r":
        endWord();
        break;
      case "\n":
        endSegment();
        if (pendingHeredocs.length > 0) i = skipHeredocs(i);
        break;
      case ";":
      case "|":
      case "(":
      case ")":
      case "`":
        endSegment();
        break;
      case "&":
        if (next === ">") {
          // `&>file` / `&>>file`: both streams into a file.
          endWord();
          redirect = "out";
          i += src[i + 2] === ">" ? 2 : 1;
        } else {
          endSegment();
        }
        break;
      case ">":
      case "<": {
        // A bare number right before the operator is a file descriptor (`2>`), not an argument.
        if (inWord && DIGITS.test(word)) {
          word = "";
          inWord = false;
        }
        endWord();
        if (c === "<" && next === "<" && src[i + 2] !== "<") {
          // Heredoc: the delimiter word follows; the body starts on the next line.
          const stripTabs = src[i + 2] === "-";
          heredocDelimiterNext = { delimiter: "", stripTabs };
          i += stripTabs ? 2 : 1;
          break;
        }
        if (c === "<" && next === "<") {
          // Here-string `<<<`: the following word is data for stdin, keep it out of the words.
          redirect = "in";
          i += 2;
          break;
        }
        let j = i + 1;
        while (src[j] === ">" || src[j] === "|" || src[j] === "<") j++;
        if (src[j] === "&") {
          // `>&2`, `2>&1`, `<&0`: descriptor duplication, no file involved.
          j++;
          while (j < src.length && FD_CHAR.test(src[j]!)) j++;
          i = j - 1;
          break;
        }
        redirect = c === ">" ? "out" : "in";
        i = j - 1;
        break;
      }
      case "#":
        if (!inWord) {
          // Comment to end of line; the newline itself is handled by the main loop.
          const nl = src.indexOf("\n", i);
          i = nl === -1 ? src.length : nl - 1;
        } else {
          word += c;
        }
        break;
      case "\\":
        if (next === "\n") {
          i++; // line continuation
        } else if (next !== undefined) {
          word += next;
          inWord = true;
          i++;
        }
        break;
      case "'": {
        const close = src.indexOf("'", i + 1);
        const end = close === -1 ? src.length : close;
        word += src.slice(i + 1, end);
        inWord = true;
        i = end;
        break;
      }
      case '"': {
        let j = i + 1;
        while (j < src.length && src[j] !== '"') {
          if (src[j] === "\\" && j + 1 < src.length && '"\\$`\n'.includes(src[j + 1]!)) {
            if (src[j + 1] !== "\n") word += src[j + 1];
            j += 2;
          } else {
            word += src[j];
            j++;
          }
        }
        inWord = true;
        i = j;
        break;
      }
      default:
        word += c;
        inWord = true;
    }
    i++;
  }
  endSegment();
  return segments;
}
