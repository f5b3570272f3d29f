/**
 * Reimplements `maelstrom.workload.unique-ids` (docs/MAELSTROM.md#workloads).
 * Maelstrom's `maelstrom.workload.unique-ids`: generate ids that must all differ.
 */
import { checkUniqueIds } from "../checkers/unique-ids.js";
import type { Workload } from "./workload.js";

export const uniqueIds: Workload = {
  name: "unique-ids",
  reusableClient: true,
  idempotent: new Set(),
  withErrors: true,
  sendsTopology: false,
  generator: () => () => ({ f: "generate", value: null }),
  finalOp: null,
  request: () => ({ type: "generate" }),
  response: () => ({ type: "generate_ok", fields: { id: false } }),
  completionValue: (_op, reply) => reply.id,
  check: (history) => checkUniqueIds(history),
};
