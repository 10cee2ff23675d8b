/**
 * 3-strike error recovery. Successful tools arrive through tool.execute.after (bash exit code and
 * output), failed ones as tool parts in state "error" and as session.error. Outputs are scanned in
 * a bounded head+tail window through the dispatcher, batched per tick, off the hook's own path.
 * Strikes count per session and reset on a success of the same kind of work.
 */
import type { ErrorCategory, ScanInput, ScanResult } from "../../shared/scan/index.js";
import { RECOVERY, windowText } from "../../shared/scan/index.js";
import { classifyCommand } from "../../shared/workflow/index.js";
import { validId } from "../hooks/events.js";
import type { Feature } from "../hooks/types.js";
import { TickBatch } from "../offload/tick-batch.js";
import { changed, type Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";
import { failedToolPart } from "./events.js";

// The scanner looks for OpenCode's user-abort note in the last 512 units of an output.
const kMinTailUnits = 512;

interface Pending {
  s: Session;
  input: ScanInput;
  kind: string;
}

/** The kind of work: the command class for bash, else the tool name. */
export function workKind(tool: string, args: unknown): string {
  if (tool === "bash") {
    const cmd = (args as { command?: unknown } | null)?.command;
    return `bash:${typeof cmd === "string" ? classifyCommand(cmd) : "other"}`;
  }
  return tool;
}

export function recoveryFeature(rt: Runtime): Feature {
  const { registry, cfg } = rt;
  const max = cfg.recovery.maxStrikes;

  const apply = (p: Pending, r: ScanResult): void => {
    const { s } = p;
    if (!registry.has(s.id)) return;
    const st = s.state;
    if (!r.isError) {
      if (st.strikes > 0 && st.lastError?.kind === p.kind) {
        rt.log.write(s.id, "info", "error.recovered", `recovered after ${st.strikes} strike(s)`, {
          kind: p.kind,
        });
        if (st.escalated)
          rt.notifier.notify(
            s.id,
            "error.recovery",
            "success",
            "Errors resolved",
            "Back to normal operation.",
          );
        st.strikes = 0;
        st.escalated = false;
        changed(rt, s);
      }
      return;
    }
    strike(s, p.input.tool, p.kind, (r.category ?? "generic") as ErrorCategory, r.signal, r.excerpt);
  };

  const strike = (
    s: Session,
    tool: string,
    kind: string,
    category: ErrorCategory,
    signal: string | null,
    excerpt: string,
  ) => {
    const st = s.state;
    st.strikes++;
    st.lastError = {
      tool: tool.slice(0, 100),
      category,
      signal,
      excerpt: excerpt.slice(0, 600),
      at: Date.now(),
      kind,
    };
    const level = st.strikes >= max ? "error" : "warn";
    rt.log.write(
      s.id,
      level,
      st.strikes >= max ? "error.escalation" : "error.strike",
      `strike ${st.strikes}/${max}: ${category}`,
      {
        tool,
        category,
        signal,
      },
    );
    if (st.strikes >= max && !st.escalated) {
      st.escalated = true;
      rt.notifier.notify(
        s.id,
        "error.escalation",
        "error",
        `${max} strikes: step back`,
        `${st.strikes} consecutive ${category} errors. Atreides asks the agent to re-plan before trying again.`,
      );
    } else if (st.strikes === max - 1) {
      rt.notifier.notify(
        s.id,
        "error.strike",
        "warning",
        `Strike ${st.strikes}/${max}`,
        RECOVERY[category].title,
      );
    }
    changed(rt, s);
  };

  // Only the head+tail window of an output is ever scanned. Cut it here, after the hook returned
  // (reading a huge string's content first flattens it, ~60 ms per 100 MiB), so a huge output is
  // never copied to a worker: three 100 MiB outputs in one tick once cost ~1 GiB there. The tail
  // keeps at least the stretch the scanner reads for OpenCode's "User aborted" note.
  const head = cfg.limits.scanHeadBytes;
  const tail = Math.max(cfg.limits.scanTailBytes, kMinTailUnits);
  const window = (input: ScanInput): ScanInput =>
    input.output.length > head + tail ? { ...input, output: windowText(input.output, head, tail) } : input;

  const batch = new TickBatch<Pending>(async (items) => {
    const inputs = items.map((i) => window(i.input));
    let bytes = 0;
    for (const it of inputs) bytes += it.output.length;
    const { results } = await rt.dispatcher.run("scanOutputs", { items: inputs }, bytes);
    items.forEach((it, i) => {
      const r = results[i];
      if (r) apply(it, r);
    });
  });

  const submit = (s: Session, input: ScanInput, kind: string) => {
    rt.barrier.add(s.id, batch.push({ s, input, kind }));
  };

  return {
    name: "recovery",
    hooks: {
      "tool.execute.after": async (input, output) => {
        const sid = validId(input.sessionID);
        if (!sid) return;
        const s = registry.touch(sid);
        const meta = (output?.metadata ?? {}) as { exit?: unknown };
        const text = typeof output?.output === "string" ? output.output : "";
        submit(
          s,
          {
            tool: String(input.tool),
            output: text,
            exitCode: typeof meta.exit === "number" ? meta.exit : null,
          },
          workKind(String(input.tool), input.args),
        );
      },
    },
    events: {
      "message.part.updated": (ev, s) => {
        const part = s ? failedToolPart(ev) : null;
        if (!s || !part) return;
        const callID = part.callID;
        // A call this plugin blocked, or one already counted, is not a new strike.
        if (callID && !registry.markCall(s, callID)) return;
        const tool = part.tool ?? "unknown";
        submit(s, { tool, output: part.error ?? "tool failed", failed: true }, workKind(tool, part.input));
      },
      "session.error": (ev, s) => {
        if (!s) return;
        const e = ev.properties.error as { name?: unknown; data?: { message?: unknown } } | undefined;
        if (e?.name === "MessageAbortedError") return; // a user abort is not an error of the agent
        const msg =
          typeof e?.data?.message === "string" ? e.data.message : String(e?.name ?? "session error");
        submit(s, { tool: "session", output: msg, failed: true }, "session");
      },
    },
  };
}
