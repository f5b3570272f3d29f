/**
 * What each workload's Maelstrom client does (maelstrom-spec §4.4, §5): the ops its generator
 * emits, the request each op becomes, the closed schema its response must match, the value a
 * completion records, and how errors and timeouts map to :fail or :info.
 */
import type { Random } from "../src/lib/random.js";
import type { Body } from "../src/runtime/protocol.js";

export type WorkloadName = "echo" | "unique-ids" | "broadcast" | "g-set";
export const WORKLOAD_NAMES: readonly WorkloadName[] = ["echo", "unique-ids", "broadcast", "g-set"];

export interface OpRequest {
  f: string;
  value: unknown;
  final?: boolean;
}

interface ResponseSchema {
  type: string;
  /** Field name → array-valued (true) or any JSON (false). All are required. */
  fields: Record<string, boolean>;
}

export interface Workload {
  name: WorkloadName;
  /** Reusable clients survive an :info (only unique-ids). */
  reusableClient: boolean;
  /** Ops that are safe to count as failed on timeout or any error. */
  idempotent: ReadonlySet<string>;
  /** echo, unique-ids and broadcast map errors with `with-errors`; g-set throws instead. */
  withErrors: boolean;
  /** Broadcast sends a topology during client setup. */
  sendsTopology: boolean;
  /** A fresh generator for one test: emits the next main-phase op. */
  generator(random: Random): () => OpRequest;
  /** The op each client thread performs once in the final phase, if any. */
  finalOp: OpRequest | null;
  request(op: OpRequest): { type: string; [field: string]: unknown };
  response(f: string): ResponseSchema;
  completionValue(op: OpRequest, reply: Body): unknown;
}

function counter(): () => number {
  let next = 0;
  return () => next++;
}

const echo: Workload = {
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
};

const uniqueIds: Workload = {
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
};

const broadcast: Workload = {
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
};

const gSet: Workload = {
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
};

export const WORKLOADS: Record<WorkloadName, Workload> = {
  echo,
  "unique-ids": uniqueIds,
  broadcast,
  "g-set": gSet,
};

/** Why a reply breaks the workload's closed response schema, or null when it fits. */
export function schemaProblem(schema: ResponseSchema, reply: Body): string | null {
  if (reply.type !== schema.type)
    return `expected type ${schema.type}, got ${JSON.stringify(reply.type)}`;
  if (!Number.isInteger(reply.in_reply_to)) return "missing integer in_reply_to";
  if (reply.msg_id !== undefined && !Number.isInteger(reply.msg_id))
    return "msg_id is not an integer";
  for (const [field, isArray] of Object.entries(schema.fields)) {
    if (!(field in reply)) return `missing key ${field}`;
    if (isArray && !Array.isArray(reply[field])) return `${field} is not an array`;
  }
  const allowed = new Set(["type", "msg_id", "in_reply_to", ...Object.keys(schema.fields)]);
  const extra = Object.keys(reply).filter((key) => !allowed.has(key));
  return extra.length > 0 ? `disallowed keys ${extra.join(", ")}` : null;
}
