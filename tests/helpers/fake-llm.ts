// A fake OpenAI-compatible chat server for end-to-end tests (reference §4). Plain node:http, no deps.
// The "model" is scripted by lines in the user's prompt:
//   CALL <tool> <json-args>   one tool call
//   TODO <json-todos>         shorthand for CALL todowrite {"todos": <json-todos>}
//   SAY <text>                a text-only assistant turn ("\n" in <text> becomes a newline)
// Step k of the script is played when k assistant messages follow the scripted user message; when the
// steps run out the model answers "DONE: <n> tool results seen". A request without tools (the title
// request) gets "Fake title" (the compaction request: "Fake summary…"); "HTTP400" anywhere in the conversation gets an HTTP 400 error.
// CLI: node build/tests/helpers/fake-llm.js [port] [logfile]  → prints "LISTENING <port>".
import { appendFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type Reply =
  | { kind: "text"; text: string; usage?: Usage }
  | { kind: "tool"; calls: ToolCall[]; usage?: Usage }
  | { kind: "error"; status: number; message: string };

export interface ToolCall {
  name: string;
  /** An object (serialized as JSON) or a raw JSON string sent as-is. */
  args: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown[];
  tool_call_id?: string;
}

export interface ChatBody {
  model?: string;
  messages?: ChatMessage[];
  tools?: Array<{ function?: { name?: string } }>;
  stream?: boolean;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined for GET or unparsable bodies. */
  body: ChatBody | undefined;
  /** All system message contents joined with "\n". */
  systemPrompt: string;
  /** Names of the offered tools ([] for the title request). */
  tools: string[];
  /** Text of the last user message, as sent. */
  lastUserText: string;
  time: number;
  /** What the server answered (undefined for non-chat paths). */
  reply?: Reply;
}

export interface FakeLlmOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Appends one JSON line per request. */
  logFile?: string;
  /** Return a Reply to override the scripted answer, or undefined to fall back to it. */
  onRequest?: (body: ChatBody, recorded: RecordedRequest) => Reply | undefined;
}

export interface FakeLlm {
  port: number;
  /** Base URL for the provider config, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const MODEL_ID = "fake-model";
export const TITLE_TEXT = "Fake title";
export const SUMMARY_TEXT = "Fake summary of the conversation.";
// The compaction agent's request has no tools either; its system prompt is what tells it apart (the
// title agent's prompt also says "summarizing", so "title" is checked first).
const TITLE_SYSTEM = /\btitle\b/i;
const SUMMARY_SYSTEM = /summar/i;
const ERROR_TRIGGER = "HTTP400";
const SCRIPT_LINE = /^\s*(CALL|TODO|SAY)\s+(.*)$/;
const CALL_BODY = /^(\S+)\s*(.*)$/;
const WORD_CHUNK = /\S+\s*|\s+/g;
// Arguments are streamed in this many pieces at most, so the client's concatenation is exercised.
const ARG_PIECES = 3;
// Rough chars-per-token ratio for the fake usage numbers; only needs to be plausible.
const CHARS_PER_TOKEN = 4;

export const text = (t: string): Reply => ({ kind: "text", text: t });
export const toolCall = (name: string, args: unknown): Reply => ({ kind: "tool", calls: [{ name, args }] });

/** Text content of a message whose content is a string or an array of parts. */
export function messageText(m: ChatMessage | undefined): string {
  if (!m) return "";
  if (typeof m.content === "string") return m.content;
  if (Array.isArray(m.content)) {
    return m.content
      .map((p: unknown) =>
        p && typeof p === "object" && "text" in p ? String((p as { text: unknown }).text) : "",
      )
      .join("");
  }
  return "";
}

/** `opencode run "a b"` wraps a positional prompt in quotes and escapes inner quotes; undo that. */
export function unquotePositional(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"') && s.includes(" ")) {
    return s.slice(1, -1).replaceAll('\\"', '"');
  }
  return s;
}

type Step = Reply;

function parseStep(kind: string, rest: string): Step {
  if (kind === "SAY") return text(rest.replaceAll("\\n", "\n"));
  if (kind === "TODO")
    return { kind: "tool", calls: [{ name: "todowrite", args: `{"todos":${rest.trim()}}` }] };
  const m = CALL_BODY.exec(rest.trim());
  const args = m?.[2]?.trim() || "{}";
  return { kind: "tool", calls: [{ name: m?.[1] ?? "", args }] };
}

/** Script steps in a user text (after undoing positional quoting). */
export function parseScript(userText: string): Step[] {
  const steps: Step[] = [];
  for (const line of unquotePositional(userText).split("\n")) {
    const m = SCRIPT_LINE.exec(line);
    if (m) steps.push(parseStep(m[1]!, m[2]!));
  }
  return steps;
}

/** The default (scripted) answer to a chat request. */
export function scriptedReply(body: ChatBody): Reply {
  const messages = body.messages ?? [];
  if (JSON.stringify(messages).includes(ERROR_TRIGGER)) {
    return { kind: "error", status: 400, message: `fake error: conversation contains ${ERROR_TRIGGER}` };
  }
  if (!body.tools || body.tools.length === 0) {
    const system = messages
      .filter((m) => m.role === "system")
      .map(messageText)
      .join("\n");
    const isSummary = !TITLE_SYSTEM.test(system) && SUMMARY_SYSTEM.test(system);
    return text(isSummary ? SUMMARY_TEXT : TITLE_TEXT);
  }
  // The script lives in the last user message that has script lines, so a plugin's follow-up user
  // message (e.g. a continuation prompt) continues the same script instead of resetting it.
  let anchor = -1;
  let steps: Step[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role !== "user") continue;
    if (anchor < 0) anchor = i;
    const s = parseScript(messageText(messages[i]));
    if (s.length > 0) {
      anchor = i;
      steps = s;
      break;
    }
  }
  const after = messages.slice(anchor + 1);
  const played = after.filter((m) => m.role === "assistant").length;
  const step = steps[played];
  if (step) return step;
  const results = after.filter((m) => m.role === "tool").length;
  return text(`DONE: ${results} tool results seen`);
}

function record(req: IncomingMessage, raw: string): RecordedRequest {
  let body: ChatBody | undefined;
  try {
    body = raw ? (JSON.parse(raw) as ChatBody) : undefined;
  } catch {
    body = undefined;
  }
  const messages = body?.messages ?? [];
  const users = messages.filter((m) => m.role === "user");
  return {
    method: req.method ?? "",
    path: req.url ?? "",
    headers: req.headers,
    body,
    systemPrompt: messages
      .filter((m) => m.role === "system")
      .map(messageText)
      .join("\n"),
    tools: (body?.tools ?? []).map((t) => t.function?.name ?? ""),
    lastUserText: messageText(users[users.length - 1]),
    time: Date.now(),
  };
}

function splitPieces(s: string): string[] {
  const size = Math.max(1, Math.ceil(s.length / ARG_PIECES));
  const out: string[] = [];
  for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
  while (out.length < 2) out.push("");
  return out;
}

const argString = (args: unknown): string => (typeof args === "string" ? args : JSON.stringify(args ?? {}));

function usageOf(reply: Reply, rawLength: number): Usage {
  if (reply.kind !== "error" && reply.usage) return reply.usage;
  const out = reply.kind === "text" ? reply.text.length : 64;
  return {
    prompt_tokens: Math.ceil(rawLength / CHARS_PER_TOKEN),
    completion_tokens: Math.ceil(out / CHARS_PER_TOKEN),
  };
}

function sendStream(res: ServerResponse, reply: Reply, id: string, usage: Usage): void {
  const created = Math.floor(Date.now() / 1000);
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "close",
  });
  const send = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: MODEL_ID, choices, ...extra })}\n\n`,
    );
  const delta = (d: unknown, finish: string | null = null) =>
    send([{ index: 0, delta: d, finish_reason: finish }]);
  if (reply.kind === "text") {
    delta({ role: "assistant", content: "" });
    for (const word of reply.text.match(WORD_CHUNK) ?? []) delta({ content: word });
    delta({}, "stop");
  } else if (reply.kind === "tool") {
    reply.calls.forEach((call, index) => {
      const callId = `${id.replace("chatcmpl-", "call_")}_${index}`;
      const head = { index, id: callId, type: "function", function: { name: call.name, arguments: "" } };
      delta(index === 0 ? { role: "assistant", content: null, tool_calls: [head] } : { tool_calls: [head] });
      for (const piece of splitPieces(argString(call.args))) {
        delta({ tool_calls: [{ index, function: { arguments: piece } }] });
      }
    });
    delta({}, "tool_calls");
  }
  send([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
  res.end("data: [DONE]\n\n");
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify(value));
}

function sendCompletion(res: ServerResponse, reply: Reply, id: string, usage: Usage): void {
  const message =
    reply.kind === "tool"
      ? {
          role: "assistant",
          content: null,
          tool_calls: reply.calls.map((c, i) => ({
            id: `${id.replace("chatcmpl-", "call_")}_${i}`,
            type: "function",
            function: { name: c.name, arguments: argString(c.args) },
          })),
        }
      : { role: "assistant", content: reply.kind === "text" ? reply.text : "" };
  sendJson(res, 200, {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: MODEL_ID,
    choices: [{ index: 0, message, finish_reason: reply.kind === "tool" ? "tool_calls" : "stop" }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

export function startFakeLlm(opts: FakeLlmOptions = {}): Promise<FakeLlm> {
  const requests: RecordedRequest[] = [];
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const rec = record(req, raw);
      requests.push(rec);
      const path = (req.url ?? "").split("?")[0];
      try {
        if (req.method === "GET" && path === "/v1/models") {
          sendJson(res, 200, { object: "list", data: [{ id: MODEL_ID, object: "model", owned_by: "fake" }] });
        } else if (req.method === "POST" && path === "/v1/chat/completions" && rec.body) {
          const reply = opts.onRequest?.(rec.body, rec) ?? scriptedReply(rec.body);
          rec.reply = reply;
          const id = `chatcmpl-${++counter}`;
          if (reply.kind === "error") {
            sendJson(res, reply.status, { error: { message: reply.message, type: "invalid_request_error" } });
          } else if (rec.body.stream === false) {
            sendCompletion(res, reply, id, usageOf(reply, raw.length));
          } else {
            sendStream(res, reply, id, usageOf(reply, raw.length));
          }
        } else {
          sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "not_found" } });
        }
      } catch (err) {
        // A throwing onRequest hook must surface as a visible failure, not a hung request.
        sendJson(res, 500, { error: { message: String(err), type: "fake_server_error" } });
      }
      if (opts.logFile) appendFileSync(opts.logFile, `${JSON.stringify(rec)}\n`);
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolvePromise({
        port,
        url: `http://127.0.0.1:${port}/v1`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const port = Number(process.argv[2] ?? 0);
  const logFile = process.argv[3];
  const llm = await startFakeLlm({ port, ...(logFile ? { logFile } : {}) });
  process.stdout.write(`LISTENING ${llm.port}\n`);
  const stop = () => void llm.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
