/**
 * Reimplements `maelstrom.workload.echo` (docs/MAELSTROM.md#workloads).
 * Maelstrom's `maelstrom.workload.echo`: each op asks a node to echo a random string.
 */
import { checkEcho } from "../checkers/echo.js";
import type { Workload } from "./workload.js";

export const echo: Workload = {
  name: "echo",
  reusableClient: false,
  idempotent: new Set(),
  withErrors: true,
  sendsTopology: false,
  generator: (random) => () => ({ f: "echo", value: `Please echo ${random.int(128)}` }),
  finalOp: null,
  request: (op) => ({ type: "echo", echo: op.value }),
  response: () => ({ type: "echo_ok", fields: { echo: false } }),
  completionValue: (_op, reply) => reply,
  check: (history) => checkEcho(history),
};
