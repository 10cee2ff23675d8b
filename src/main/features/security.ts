/**
 * The security guard on tool.execute.before: the one place Atreides throws into OpenCode, on
 * purpose, to block a call. Verdicts are cached (LRU). If judging itself fails, the call is blocked
 * (fail closed) with a reason that says so.
 */
import { LRUCache } from "lru-cache";
import type { ConfigIssue } from "../../shared/errors.js";
import {
  cacheKeyFor,
  compileSecurityPolicy,
  evaluateToolCall,
  type SecurityPolicy,
  type SecurityVerdict,
} from "../../shared/security/index.js";
import { validId } from "../hooks/events.js";
import { AtreidesBlock, type Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";

export function securityFeature(rt: Runtime, issues: ConfigIssue[]): Feature {
  const { cfg, registry } = rt;
  const projectDir = rt.input.worktree && rt.input.worktree !== "/" ? rt.input.worktree : rt.input.directory;
  const compiled = compileSecurityPolicy(
    {
      blockedPatterns: cfg.security.blockedPatterns,
      askPatterns: cfg.security.askPatterns,
      allowPatterns: cfg.security.allowPatterns,
      blockedFiles: cfg.security.blockedFiles,
      homeDir: rt.homeDir,
      projectDir,
    },
    "config",
  );
  issues.push(...compiled.issues);
  const policy: SecurityPolicy = compiled.policy;
  const cache =
    cfg.security.cacheSize > 0
      ? new LRUCache<string, SecurityVerdict>({ max: cfg.security.cacheSize })
      : null;
  const counters = { checks: 0, cacheHits: 0, blocked: 0, asked: 0, failures: 0 };

  const judge = (tool: string, args: unknown): SecurityVerdict => {
    const key = cache ? cacheKeyFor(tool, args) : null;
    if (key !== null) {
      const hit = cache!.get(key);
      if (hit) {
        counters.cacheHits++;
        return hit;
      }
    }
    const v = evaluateToolCall(policy, tool, args);
    if (key !== null) cache!.set(key, v);
    return v;
  };

  return {
    name: "security",
    hooks: {
      "tool.execute.before": async (input, output) => {
        counters.checks++;
        let verdict: SecurityVerdict;
        try {
          verdict = judge(String(input.tool), output?.args);
        } catch (err) {
          counters.failures++;
          verdict = {
            action: "deny",
            rule: "validation-failed",
            reason: `the security check itself failed (${(err as Error)?.message ?? "error"}), so the call is blocked`,
            subject: "",
          };
        }
        if (verdict.action === "allow") return;
        const sid = validId(input.sessionID);
        const s = sid ? registry.touch(sid) : null;
        const block = verdict.action === "deny" || cfg.security.onAsk === "deny";
        if (s) {
          if (block) {
            s.state.security.blocked++;
            s.state.security.lastBlock = {
              tool: String(input.tool).slice(0, 100),
              rule: verdict.rule,
              reason: verdict.reason.slice(0, 300),
              at: Date.now(),
            };
            if (typeof input.callID === "string") registry.markCall(s, input.callID);
          } else s.state.security.asked++;
          changed(rt, s);
          rt.log.write(s.id, "warn", block ? "security.blocked" : "security.allowed-risky", verdict.reason, {
            tool: input.tool,
            rule: verdict.rule,
            action: verdict.action,
            subject: verdict.subject,
          });
          rt.notifier.notify(
            s.id,
            block ? "security.blocked" : "security.warning",
            block ? "error" : "warning",
            block ? "Atreides blocked a tool call" : "Atreides allowed a risky call",
            `${input.tool}: ${verdict.reason}`,
          );
        }
        if (!block) {
          counters.asked++;
          return;
        }
        counters.blocked++;
        const how = verdict.action === "ask" ? ' (needs confirmation; security.onAsk is "deny")' : "";
        throw new AtreidesBlock(
          `Atreides security guard blocked this ${input.tool} call${how}: ${verdict.reason}`,
        );
      },
    },
  };
}
