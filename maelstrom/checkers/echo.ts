/**
 * Reimplements the checker of `maelstrom.workload.echo` (docs/MAELSTROM.md#checkers).
 * Maelstrom's echo checker: every invocation paired with an `:ok` or
 * `:fail` completion must come back with `value.echo` equal to the invoked value. A `:fail`
 * therefore always counts as an error (its value is the request, which has no `echo`).
 *
 * Pairing follows knossos `pair-index`, which Maelstrom's checker uses: an `:info` completion is
 * not paired with its invocation, so timeouts and crashes are not echo errors (the stats and
 * availability checkers see them instead). Invocations that never complete are skipped too.
 */
import { list } from "../output/edn.js";
import { isClientOp, type Op } from "../output/history.js";
import { jsonEquals, withInvocations } from "./common.js";

export interface EchoResult {
  "valid?": boolean;
  /** Each `["Expected a message with :echo" invoked "But received" completion-value]`. */
  errors: unknown[][];
}

function echoOf(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>).echo
    : undefined;
}

export function checkEcho(history: readonly Op[]): EchoResult {
  const errors: unknown[][] = [];
  for (const { op, invocation } of withInvocations(history.filter(isClientOp))) {
    if (!invocation || (op.type !== "ok" && op.type !== "fail")) continue;
    if (!jsonEquals(invocation.value, echoOf(op.value))) {
      errors.push([
        "Expected a message with :echo",
        invocation.value ?? null,
        "But received",
        op.value ?? null,
      ]);
    }
  }
  return { "valid?": errors.length === 0, errors: list(errors) };
}
