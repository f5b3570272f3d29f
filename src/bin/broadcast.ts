#!/usr/bin/env node
/**
 * bin/broadcast (challenges 3a–3e). Exports `createProgram` for in-process runs (`maelstrom test
 * --sim` hands it the node environment, where a process would read its own).
 */
import { ConfigError, parseConfig } from "../programs/broadcast/config.js";
import { broadcast } from "../programs/broadcast.js";
import type { Program } from "../runtime/node.js";
import { runIfMain } from "../runtime/stdio.js";

/** The node for an environment of `TREECAST_*` settings; throws ConfigError on a bad one. */
export function createProgram(env: Readonly<Record<string, string | undefined>>): Program {
  return broadcast(parseConfig(env));
}

runIfMain(import.meta.url, () => {
  try {
    return createProgram(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`broadcast: ${error.message}\n`);
    process.exit(2);
  }
});
