/**
 * Reimplements `jepsen.checker/unhandled-exceptions` (docs/MAELSTROM.md#checkers).
 * Jepsen's `unhandled-exceptions` checker: `:info` ops carrying an
 * exception, grouped by exception class, most frequent first (ties in order of first
 * appearance), each with a count, the class (a symbol) and the first op as an example. Always
 * valid.
 */
import { type EdnSymbol, list, type OpEdn, opToEdn, sym, type Tagged } from "../output/edn.js";
import type { Op } from "../output/history.js";

export interface ExceptionSummary {
  count: number;
  class: EdnSymbol;
  example: Tagged<OpEdn>;
}

export interface ExceptionsResult {
  "valid?": true;
  exceptions?: ExceptionSummary[];
}

export function checkExceptions(history: readonly Op[]): ExceptionsResult {
  const groups = new Map<string, Op[]>();
  for (const op of history) {
    if (op.type !== "info" || !op.exception) continue;
    const group = groups.get(op.exception.class);
    if (group) group.push(op);
    else groups.set(op.exception.class, [op]);
  }
  if (groups.size === 0) return { "valid?": true };
  const exceptions = [...groups]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([cls, ops]) => ({ count: ops.length, class: sym(cls), example: opToEdn(ops[0]!) }));
  return { "valid?": true, exceptions: list(exceptions) };
}
