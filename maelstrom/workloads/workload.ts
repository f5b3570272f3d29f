/**
 * Treecast's own (docs/MAELSTROM.md#workloads).
 * What a workload is (Maelstrom's `maelstrom.workload.*` namespaces each return one such map):
 * the ops its generator emits, the request each op becomes, the closed schema its response must
 * match, the value a completion records, how errors and timeouts map to :fail or :info, and the
 * checker that judges its history.
 */
import type { Random } from "../../src/lib/random.js";
import type { Body } from "../../src/runtime/protocol.js";
import type { CheckResult } from "../checkers/compose.js";
import type { SetFullOptions } from "../checkers/set-full.js";
import type { Op } from "../output/history.js";

export type WorkloadName = "echo" | "unique-ids" | "broadcast" | "g-set";

export interface OpRequest {
  f: string;
  value: unknown;
  final?: boolean;
}

export interface ResponseSchema {
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
  /** The workload's own checker (the `:workload` entry of results.edn). */
  check(history: readonly Op[], options?: WorkloadCheckOptions): CheckResult;
}

export type WorkloadCheckOptions = SetFullOptions;

/** 0, 1, 2, …: the values Maelstrom's set workloads add, each once. */
export function counter(): () => number {
  let next = 0;
  return () => next++;
}

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
