/**
 * Atreides for OpenCode. OpenCode calls every exported function of this module as a plugin and
 * rejects any non-function export, so this module exports the plugin and nothing else.
 */
import type { Plugin } from "@opencode-ai/plugin";
import { createAtreides } from "./main/plugin.js";

const AtreidesPlugin: Plugin = async (input, options) => {
  try {
    return createAtreides(input, options).hooks;
  } catch (err) {
    // A bug in setup must not take OpenCode down: run without Atreides and say why.
    try {
      await input.client?.app?.log?.({
        body: {
          service: "atreides",
          level: "error",
          message: `Atreides failed to start: ${(err as Error)?.message ?? err}`,
        },
      });
    } catch {
      // nothing left to report to
    }
    return {};
  }
};

export default AtreidesPlugin;
