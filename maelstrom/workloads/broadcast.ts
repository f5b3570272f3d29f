/**
 * Reimplements `maelstrom.workload.broadcast` (docs/MAELSTROM.md#workloads).
 * Maelstrom's `maelstrom.workload.broadcast`: broadcast 0, 1, 2, … and read, half each, then one
 * final read per client; judged by Jepsen's set-full checker. Nodes get a topology first.
 */
import { checkBroadcast } from "../checkers/set-full.js";
import { counter, type ResponseSchema, type Workload } from "./workload.js";

export const broadcast: Workload = {
  name: "broadcast",
  reusableClient: false,
  idempotent: new Set(["read"]),
  withErrors: true,
  sendsTopology: true,
  generator(random) {
    const nextValue = counter();
    return () =>
      random.next() < 0.5 ? { f: "broadcast", value: nextValue() } : { f: "read", value: null };
  },
  finalOp: { f: "read", value: null, final: true },
  request: (op) =>
    op.f === "broadcast" ? { type: "broadcast", message: op.value } : { type: "read" },
  response: (f): ResponseSchema =>
    f === "broadcast"
      ? { type: "broadcast_ok", fields: {} }
      : { type: "read_ok", fields: { messages: true } },
  completionValue: (op, reply) => (op.f === "broadcast" ? op.value : reply.messages),
  check: (history, options) => checkBroadcast(history, options),
};
