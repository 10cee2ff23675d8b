/**
 * A heuristic ReDoS check for user-supplied patterns (logging.redact.customPatterns). It parses
 * the pattern into a small tree, approximates the characters each item can match (ASCII bits plus
 * one "non-ASCII" bit) and flags the shapes that make a backtracking engine exponential or worse:
 *
 *  1. A repeated group whose body can split the same run in more than one way: an unbounded item
 *     whose characters overlap what may follow it inside the body or in the next iteration
 *     — (a+)+, (.*)*, (\w+\s?)*, (x+x+)+ — while separator-delimited bodies such as
 *     (?:[a-z]+\.)+ are unambiguous and allowed.
 *  2. A repeated group with alternatives that can start with the same character: (a|a)*, (a|ab)+, (\w|\d)*.
 *  3. A backreference under a quantifier: (a)\1+, ((a)\2)*.
 *  4. Three or more unbounded items in a row over overlapping characters with only optional items
 *     between them: \w*\w*\w*, .*.*.*x (polynomial, O(n^4) with the global scan).
 *
 * It is a heuristic: it may reject a safe pattern (the issue says how to rewrite it) and cannot
 * prove a pattern linear. The pool's time limit and overRedact() are the backstop.
 */

type CharSet = bigint;
// Bits 0..127: ASCII code points; bit 128: any non-ASCII character.
const kNonAscii = 1n << 128n;
const kAll: CharSet = (1n << 129n) - 1n;
// A bounded repeat at least this large behaves like an unbounded one for backtracking purposes.
const kBigRepeat = 10;
// Rule 4: this many overlapping unbounded items in a row.
const kMaxChain = 3;

interface Item {
  /** Characters the item can start with. */
  first: CharSet;
  /** Characters the item can consume anywhere. */
  content: CharSet;
  nullable: boolean;
  /** The item itself repeats without a (small) bound. */
  unbounded: boolean;
  /** The item contains an unbounded repeat somewhere inside. */
  containsUnbounded: boolean;
  containsBackref: boolean;
  isBackref: boolean;
  /** Alternatives, for groups. */
  alts: Item[][] | null;
}

class Flagged extends Error {}

function set(...codes: number[]): CharSet {
  let s = 0n;
  for (const c of codes) s |= c < 128 ? 1n << BigInt(c) : kNonAscii;
  return s;
}

function range(lo: number, hi: number): CharSet {
  let s = 0n;
  for (let c = lo; c <= Math.min(hi, 127); c++) s |= 1n << BigInt(c);
  if (hi >= 128) s |= kNonAscii;
  return s;
}

const kDigit = range(48, 57);
const kWord = range(48, 57) | range(65, 90) | range(97, 122) | set(95);
const kSpace = set(9, 10, 11, 12, 13, 32) | kNonAscii;

function charItem(s: CharSet): Item {
  return {
    first: s,
    content: s,
    nullable: false,
    unbounded: false,
    containsUnbounded: false,
    containsBackref: false,
    isBackref: false,
    alts: null,
  };
}

function zeroWidth(): Item {
  return { ...charItem(0n), nullable: true };
}

function foldCase(s: CharSet): CharSet {
  return s | ((s & range(65, 90)) << 32n) | ((s & range(97, 122)) >> 32n);
}

function seqFirst(seq: Item[]): CharSet {
  let s = 0n;
  for (const it of seq) {
    s |= it.first;
    if (!it.nullable) break;
  }
  return s;
}

function seqNullable(seq: Item[]): boolean {
  return seq.every((it) => it.nullable);
}

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): void {
    const top = this.alternatives(false);
    checkSequences(top);
  }

  /** Parse alternatives until ")" (inGroup) or the end. */
  private alternatives(inGroup: boolean): Item[][] {
    const alts: Item[][] = [];
    let cur: Item[] = [];
    while (this.i < this.src.length) {
      const c = this.src[this.i]!;
      if (c === ")") {
        if (inGroup) {
          this.i++;
          alts.push(cur);
          return alts;
        }
        this.i++;
        continue;
      }
      if (c === "|") {
        this.i++;
        alts.push(cur);
        cur = [];
        continue;
      }
      if (this.quantifier(cur)) continue;
      cur.push(this.atom());
    }
    alts.push(cur);
    return alts;
  }

  private atom(): Item {
    const c = this.src[this.i]!;
    if (c === "(") return this.group();
    if (c === "[") return charItem(this.applyCase(this.charClass()));
    if (c === "\\") return this.escape(false) as Item;
    this.i++;
    if (c === ".") return charItem(kAll);
    if (c === "^" || c === "$") return zeroWidth();
    return charItem(this.applyCase(set(c.charCodeAt(0))));
  }

  private applyCase(s: CharSet): CharSet {
    return this.ignoreCase ? foldCase(s) : s;
  }

  private group(): Item {
    this.i++; // "("
    let lookaround = false;
    if (this.src[this.i] === "?") {
      const rest = this.src.slice(this.i, this.i + 3);
      if (rest.startsWith("?:")) this.i += 2;
      else if (rest.startsWith("?=") || rest.startsWith("?!")) {
        this.i += 2;
        lookaround = true;
      } else if (rest.startsWith("?<=") || rest.startsWith("?<!")) {
        this.i += 3;
        lookaround = true;
      } else if (rest.startsWith("?<")) {
        const close = this.src.indexOf(">", this.i);
        this.i = close < 0 ? this.src.length : close + 1;
      } else this.i++;
    }
    const alts = this.alternatives(true);
    const all = alts.flat();
    const content = all.reduce((s, it) => s | it.content, 0n);
    const containsUnbounded = all.some((it) => it.unbounded || it.containsUnbounded);
    const containsBackref = all.some((it) => it.isBackref || it.containsBackref);
    checkSequences(alts);
    if (lookaround) {
      return { ...zeroWidth(), containsUnbounded, containsBackref };
    }
    return {
      first: alts.reduce((s, a) => s | seqFirst(a), 0n),
      content,
      nullable: alts.some(seqNullable),
      unbounded: false,
      containsUnbounded,
      containsBackref,
      isBackref: false,
      alts,
    };
  }

  /** Parses an escape at this.i ("\\…"); inside a class it returns only the character set. */
  private escape(inClass: boolean): Item | CharSet {
    const n = this.src[this.i + 1] ?? "";
    this.i += 2;
    const sets: Record<string, CharSet> = {
      d: kDigit,
      D: kAll ^ kDigit,
      w: kWord,
      W: kAll ^ kWord,
      s: kSpace,
      S: kAll ^ kSpace,
      n: set(10),
      r: set(13),
      t: set(9),
      v: set(11),
      f: set(12),
      0: set(0),
    };
    const known = sets[n];
    if (known !== undefined) return inClass ? known : charItem(known);
    if (n === "b" || n === "B") return inClass ? set(8) : zeroWidth();
    if (!inClass && /[1-9]/.test(n)) {
      while (/[0-9]/.test(this.src[this.i] ?? "")) this.i++;
      return { ...charItem(kAll), nullable: true, isBackref: true };
    }
    if (!inClass && n === "k" && this.src[this.i] === "<") {
      const close = this.src.indexOf(">", this.i);
      this.i = close < 0 ? this.src.length : close + 1;
      return { ...charItem(kAll), nullable: true, isBackref: true };
    }
    let s: CharSet;
    if (n === "x") {
      s = set(Number.parseInt(this.src.slice(this.i, this.i + 2), 16) || 0);
      this.i += 2;
    } else if (n === "u" || n === "p" || n === "P") {
      // \uXXXX, \u{…}, \p{…}: approximated as "anything" (conservative).
      if (this.src[this.i] === "{") {
        const close = this.src.indexOf("}", this.i);
        this.i = close < 0 ? this.src.length : close + 1;
      } else if (n === "u") this.i += 4;
      s = kAll;
    } else if (n === "c") {
      this.i++;
      s = range(0, 31);
    } else {
      s = set(n.charCodeAt(0) || 0);
    }
    return inClass ? s : charItem(s);
  }

  private charClass(): CharSet {
    this.i++; // "["
    let negate = false;
    if (this.src[this.i] === "^") {
      negate = true;
      this.i++;
    }
    let s = 0n;
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      let lo: number | null = null;
      if (this.src[this.i] === "\\") {
        const e = this.escape(true) as CharSet;
        // A single-character escape can start a range; a class escape cannot.
        if (e !== 0n && (e & (e - 1n)) === 0n && e !== kNonAscii) lo = e.toString(2).length - 1;
        else {
          s |= e;
          continue;
        }
      } else {
        lo = this.src.charCodeAt(this.i);
        this.i++;
      }
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        let hi: number;
        if (this.src[this.i] === "\\") {
          const e = this.escape(true) as CharSet;
          hi = e === kAll || e === kNonAscii ? 0x10ffff : e.toString(2).length - 1;
        } else {
          hi = this.src.charCodeAt(this.i);
          this.i++;
        }
        s |= range(lo, Math.max(lo, hi));
      } else {
        s |= set(lo);
      }
    }
    this.i++; // "]"
    return negate ? kAll ^ s : s;
  }

  /** If a quantifier follows, apply it to the last item of `cur` and return true. */
  private quantifier(cur: Item[]): boolean {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Number.POSITIVE_INFINITY;
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) return false;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      this.i += m[0].length;
    } else {
      return false;
    }
    if (this.src[this.i] === "?") this.i++; // lazy: same backtracking behaviour on failure
    const last = cur.pop();
    if (last === undefined) return true;
    const repeats = max > 1;
    const big = max >= kBigRepeat;
    if (repeats && (last.isBackref || last.containsBackref))
      throw new Flagged("backreference under a quantifier");
    if (big && last.alts) checkRepeatedGroup(last.alts);
    cur.push({
      ...last,
      nullable: last.nullable || min === 0,
      unbounded: last.unbounded || big,
    });
    return true;
  }
}

function isVariable(it: Item): boolean {
  return it.unbounded || it.containsUnbounded;
}

/** Rules 1 and 2 for a group repeated without a small bound. */
function checkRepeatedGroup(alts: Item[][]): void {
  const firsts = alts.map(seqFirst);
  for (let a = 0; a < firsts.length; a++) {
    for (let b = a + 1; b < firsts.length; b++) {
      if ((firsts[a]! & firsts[b]!) !== 0n) throw new Flagged("alternatives overlap under a quantifier");
    }
  }
  const bodyFirst = firsts.reduce((s, f) => s | f, 0n);
  for (const seq of alts) {
    for (let j = 0; j < seq.length; j++) {
      const it = seq[j]!;
      if (!isVariable(it)) continue;
      const rest = seq.slice(j + 1);
      let follow = seqFirst(rest);
      if (seqNullable(rest)) follow |= bodyFirst;
      if ((follow & it.content) !== 0n) throw new Flagged("nested quantifier");
    }
  }
}

/** Rule 4 within each sequence. */
function checkSequences(alts: Item[][]): void {
  for (const seq of alts) {
    let chain = 0;
    let prev: CharSet = 0n;
    for (const it of seq) {
      if (it.unbounded) {
        chain = chain > 0 && (prev & it.content) !== 0n ? chain + 1 : 1;
        prev = it.content;
        if (chain >= kMaxChain) throw new Flagged("overlapping repeats in a row");
      } else if (!it.nullable) {
        chain = 0;
      }
    }
  }
}

/**
 * True when `source` looks prone to catastrophic backtracking. A leading "(?i)" (our own
 * case-insensitive marker, see custom.ts) is understood.
 */
export function isCatastrophicPattern(source: string): boolean {
  return catastrophicReason(source) !== null;
}

/** The reason the pattern is flagged, or null. */
export function catastrophicReason(source: string): string | null {
  const ignoreCase = source.startsWith("(?i)");
  try {
    new Parser(ignoreCase ? source.slice(4) : source, ignoreCase).parse();
    return null;
  } catch (e) {
    if (e instanceof Flagged) return e.message;
    // Nesting too deep to walk: too deep to trust.
    if (e instanceof RangeError) return "nesting too deep to check";
    // A parse the heuristic does not understand: let the RegExp constructor be the judge.
    return null;
  }
}
