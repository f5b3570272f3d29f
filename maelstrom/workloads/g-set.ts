/**
 * Reimplements `maelstrom.workload.g-set` (docs/MAELSTROM.md#workloads).
 * Maelstrom's `maelstrom.workload.g-set`: add 0, 1, 2, … and read, half each, then a final read;
 * errors throw instead of mapping to :fail (no `with-errors`).
 */
import { checkGSet } from "../checkers/set-full.js";
import { counter, type ResponseSchema, type Workload } from "./workload.js";

export const gSet: Workload = {
  name: "g-set",
  reusableClient: false,
  idempotent: new Set(),
  withErrors: false,
  sendsTopology: false,
  generator(random) {
    const nextValue = counter();
    return () =>
      random.next() < 0.5 ? { f: "add", value: nextValue() } : { f: "read", value: null };
  },
  finalOp: { f: "read", value: null },
  request: (op) => (op.f === "add" ? { type: "add", element: op.value } : { type: "read" }),
  response: (f): ResponseSchema =>
    f === "add" ? { type: "add_ok", fields: {} } : { type: "read_ok", fields: { value: true } },
  completionValue: (op, reply) => (op.f === "add" ? op.value : reply.value),
  check: (history, options) => checkGSet(history, options),
};
