/**
 * Synthetic tool outputs: clean build/test logs (no error words, so every subject takes its
 * common "success" path), ASCII or non-ASCII (CJK + emoji, i.e. two-byte JS strings), sized in
 * UTF-8 bytes. Generated once per size and charset and shared by every subject.
 */
import { KiB, MiB } from "./stats.js";

export type Charset = "ascii" | "unicode";

export const OUTPUT_SIZES = [256, 2 * KiB, 50 * KiB, MiB, 8 * MiB] as const;
export const QUICK_OUTPUT_SIZES = [256, 2 * KiB, 50 * KiB] as const;

export function sizeLabel(bytes: number): string {
  if (bytes >= MiB) return `${bytes / MiB} MiB`;
  if (bytes >= KiB) return `${bytes / KiB} KiB`;
  return `${bytes} B`;
}

function asciiLine(i: number): string {
  const mod = i % 7;
  if (mod === 0)
    return `ok ${i} - tests/module_${i % 31}/case_${i % 97}.test.ts passed in ${(i * 7) % 113} ms\n`;
  if (mod === 1)
    return `  compiled src/feature_${i % 43}/index_${i % 89}.ts -> build/feature_${i % 43}.js (${(i * 13) % 997} lines)\n`;
  if (mod === 2)
    return `[${String(i % 60).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}] fetched package-${i % 211}@${i % 9}.${i % 17}.0 from cache\n`;
  if (mod === 3)
    return `    at step ${i}: resolved ${(i * 31) % 4099} modules, wrote ${(i * 17) % 8191} bytes to dist/chunk-${i % 53}.js\n`;
  if (mod === 4) return `  warn-free: lint checked ${i % 300} files under src/components/widget_${i % 71}\n`;
  if (mod === 5)
    return `drwxr-xr-x  4 user staff  128 Jan ${1 + (i % 28)} 12:${String(i % 60).padStart(2, "0")} directory_${i % 123}\n`;
  return `  summary: ${i % 400} passed, 0 skipped, total time ${(i * 3) % 900} ms\n`;
}

function unicodeLine(i: number): string {
  const mod = i % 5;
  if (mod === 0)
    return `✅ 测试 ${i} 通过: tests/模块_${i % 31}/用例_${i % 97}.test.ts 用时 ${(i * 7) % 113} 毫秒\n`;
  if (mod === 1)
    return `🚀 编译完成 src/機能_${i % 43}/索引_${i % 89}.ts → build/機能_${i % 43}.js（${(i * 13) % 997} 行）\n`;
  if (mod === 2)
    return `📦 パッケージ package-${i % 211}@${i % 9}.${i % 17}.0 をキャッシュから取得しました\n`;
  if (mod === 3) return `🔍 검사 완료: 파일 ${i % 300}개, 경고 없음 — src/컴포넌트/위젯_${i % 71}\n`;
  return `  📊 요약: ${i % 400} 통과, 0 건너뜀, 총 ${(i * 3) % 900} ms ✨\n`;
}

const cache = new Map<string, string>();

/** A clean tool output of exactly `bytes` UTF-8 bytes (the last line is cut on a character boundary). */
export function toolOutput(bytes: number, charset: Charset): string {
  const key = `${charset}:${bytes}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = charset === "ascii" ? asciiLine(i) : unicodeLine(i);
    const n = Buffer.byteLength(line);
    if (size + n <= bytes) {
      parts.push(line);
      size += n;
      continue;
    }
    // Fill the rest with whole characters of this line, then pad with ASCII to the exact size.
    let tail = "";
    let tailBytes = 0;
    for (const ch of line) {
      const b = Buffer.byteLength(ch);
      if (size + tailBytes + b > bytes) break;
      tail += ch;
      tailBytes += b;
    }
    parts.push(tail, " ".repeat(bytes - size - tailBytes));
    size = bytes;
  }
  const text = parts.join("");
  cache.set(key, text);
  return text;
}

/** A short failing output (non-zero exit) that every subject recognises as an error. */
export function errorOutput(i: number): string {
  return `npm ERR! code ELIFECYCLE\nError: Cannot find module './missing_${i % 17}.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)\n`;
}

/** A JSON state body of about `bytes` bytes, shaped like a session state with a large history. */
export function stateBody(bytes: number, counter: number): Record<string, unknown> {
  const todos: { content: string; status: string }[] = [];
  const toolHistory: { tool: string; ok: boolean; at: number; ms: number }[] = [];
  let approx = 400;
  for (let i = 0; approx < bytes; i++) {
    if (i % 3 === 0) {
      const t = {
        content: `Refactor module_${i} so the parser handles case ${i} (${counter})`,
        status: i % 2 ? "pending" : "completed",
      };
      todos.push(t);
      approx += t.content.length + 40;
    } else {
      toolHistory.push({
        tool: i % 2 ? "bash" : "edit",
        ok: i % 11 !== 0,
        at: 1_732_000_000_000 + i,
        ms: i % 500,
      });
      approx += 60;
    }
  }
  return {
    v: 1,
    sessionID: "ses_storm",
    savedCounter: counter,
    phase: "implementation",
    todos,
    toolHistory,
    metadata: { note: "bench state", owner: "bench@example.com" },
  };
}
