#!/usr/bin/env node
/**
 * A baseline broadcast design over stdio: `bin/baseline <name>` (flood, star-rpc, …). Exports
 * `createProgram` for in-process runs (`maelstrom test --sim --bin bin/baseline -- <name>`).
 */
import { BASELINE_NAMES, BASELINES, type BaselineName } from "../programs/baselines/index.js";
import type { Program } from "../runtime/node.js";
import { runIfMain } from "../runtime/stdio.js";

/** The baseline its first argument names; throws, with the usage, on any other. */
export function createProgram(
  _env: Readonly<Record<string, string | undefined>>,
  args: readonly string[],
): Program {
  const name = args[0] ?? "";
  if (!BASELINE_NAMES.includes(name as BaselineName))
    throw new Error(`usage: baseline ${BASELINE_NAMES.join("|")} (got ${JSON.stringify(name)})`);
  return BASELINES[name as BaselineName].program;
}

runIfMain(import.meta.url, () => {
  try {
    return createProgram(process.env, process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
});
