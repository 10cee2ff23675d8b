/**
 * The things a scenario measures, behind one interface: the naive baseline, ours with three
 * offload settings, and an empty subject (no-op hooks) that measures the driver's own overhead.
 *   inline   = ours with offload.poolSize 0 (everything on the host thread, I/O in-process too)
 *   default  = ours with default config (poolSize 1, inline threshold 32 KiB)
 *   poolOnly = ours with offload.inlineThresholdBytes 0 (every CPU task goes to the pool)
 * Ours is imported dynamically so naive-only runs work while src is still being written.
 */
import type { Atreides } from "../../src/main/plugin.js";
import { NaiveAtreides, type NaiveOptions } from "../baselines/naive.js";
import { fakeInput, type TempRoot } from "./host.js";
import { nextTurn } from "./measure.js";

export type SubjectKind = "naive" | "inline" | "default" | "poolOnly" | "empty";

type HookFn = (input: unknown, output: unknown) => Promise<void>;

export interface Subject {
  kind: SubjectKind;
  before: HookFn;
  after: HookFn;
  event: (event: unknown) => Promise<void>;
  /** Wait until every deferred effect of the calls so far (scans, redaction, writes) is done. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
  ours: Atreides | null;
  naive: NaiveAtreides | null;
}

export interface SubjectOptions {
  temp: TempRoot;
  /** Extra Atreides options, deep-merged over the per-kind ones. */
  options?: Record<string, unknown>;
  naive?: Partial<NaiveOptions>;
}

// settle() waits at most this long for one session's pending scans (they finish in µs–ms).
const kSettleBarrierMs = 10_000;

export type PluginModule = typeof import("../../src/main/plugin.js");

let pluginModule: Promise<PluginModule> | null = null;

export function loadOurs(): Promise<PluginModule> {
  pluginModule ??= import("../../src/main/plugin.js");
  return pluginModule;
}

export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/**
 * Every config section named explicitly. With zod 4, `.default({})` on an object section returns
 * `{}` without parsing it, so a section that is absent from the options gets none of its field
 * defaults; naming each section makes the schema fill them in. Harmless once the schema uses
 * `.prefault({})`, and it keeps the bench measuring the documented defaults either way.
 */
const ALL_SECTIONS: Record<string, unknown> = {
  identity: {},
  features: {},
  offload: {},
  logging: { retention: {}, redact: {} },
  persistence: { retention: {} },
  limits: {},
  security: {},
  recovery: {},
  todos: {},
  thinkMode: { triggers: {}, budgets: {} },
  notifications: {},
  systemPrompt: {},
};

export function oursOptions(
  kind: SubjectKind,
  temp: TempRoot,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const base = deepMerge(ALL_SECTIONS, {
    logging: { dir: temp.logDir },
    persistence: { dir: temp.stateDir },
  });
  if (kind === "inline") base.offload = { poolSize: 0 };
  if (kind === "poolOnly") base.offload = { inlineThresholdBytes: 0 };
  return deepMerge(base, extra);
}

export async function createSubject(kind: SubjectKind, so: SubjectOptions): Promise<Subject> {
  if (kind === "empty") {
    const noop = async () => {};
    return {
      kind,
      before: noop,
      after: noop,
      event: noop,
      settle: noop,
      dispose: noop,
      ours: null,
      naive: null,
    };
  }
  if (kind === "naive") {
    const n = await NaiveAtreides.create({ logDir: so.temp.logDir, stateDir: so.temp.stateDir, ...so.naive });
    return {
      kind,
      before: n.hooks["tool.execute.before"] as HookFn,
      after: n.hooks["tool.execute.after"] as HookFn,
      event: (event) => n.hooks.event({ event }),
      settle: async () => {},
      dispose: async () => n.dispose(),
      ours: null,
      naive: n,
    };
  }
  const { createAtreides } = await loadOurs();
  const a = createAtreides(fakeInput(so.temp.project), oursOptions(kind, so.temp, so.options), {
    env: so.temp.env,
  });
  if (a.issues.length > 0)
    throw new Error(`bench config rejected: ${JSON.stringify(a.issues).slice(0, 500)}`);
  const h = a.hooks as Record<string, unknown>;
  const before = (h["tool.execute.before"] as HookFn | undefined) ?? (async () => {});
  const after = (h["tool.execute.after"] as HookFn | undefined) ?? (async () => {});
  const ev = h.event as ((x: { event: unknown }) => Promise<void>) | undefined;
  return {
    kind,
    before,
    after,
    event: async (event) => ev?.({ event }),
    settle: () => settleOurs(a),
    dispose: async () => {
      await (h.dispose as (() => Promise<void>) | undefined)?.();
    },
    ours: a,
    naive: null,
  };
}

async function settleOurs(a: Atreides): Promise<void> {
  const rt = a.runtime;
  if (!rt) return;
  // Scans are batched per tick (setImmediate): let the current batch start.
  await nextTurn();
  await nextTurn();
  for (const s of [...rt.registry.all()]) await rt.barrier.wait(s.id, kSettleBarrierMs);
  await rt.pipeline.flushNow();
  await rt.io.flush();
}

/** The offload settings a kind stands for, for notes. */
export function describeKind(kind: SubjectKind): string {
  switch (kind) {
    case "naive":
      return "naive baseline (original design)";
    case "inline":
      return "ours, offload.poolSize 0";
    case "default":
      return "ours, default config";
    case "poolOnly":
      return "ours, offload.inlineThresholdBytes 0";
    case "empty":
      return "no-op hooks (driver overhead)";
    default:
      throw new Error(`this should not happen: ${String(kind)}`);
  }
}
