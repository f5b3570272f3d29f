/**
 * Reimplements `jepsen.checker/merge-valid` and Clojure's `compare` (docs/MAELSTROM.md#checkers).
 * Pieces the checkers share: validity values and their merge, JSON value
 * identity, Clojure-style comparison, and invocation/completion pairing.
 */
import { canonicalJson } from "../../src/lib/canonical-json.js";
import { type Keyword, kw, UNKNOWN } from "../output/edn.js";
import { ExactNumber } from "../output/exact-json.js";
import type { Op } from "../output/history.js";

/** `true`, `false` or `:unknown`. */
export type Validity = boolean | Keyword;

const PRIORITY = new Map<Validity, number>([
  [true, 0],
  [UNKNOWN, 0.5],
  [false, 1],
]);

/** Jepsen's `merge-valid`: false beats :unknown beats true; no values at all give true. */
export function mergeValid<V extends Validity>(valids: Iterable<V>): V | true {
  let out: V | true = true;
  for (const v of valids) {
    const p = PRIORITY.get(v);
    if (p === undefined) throw new Error(`${String(v)} is not a known valid? value`);
    if (PRIORITY.get(out)! < p) out = v;
  }
  return out;
}

export function jsonEquals(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

export class IncomparableError extends Error {
  override name = "IncomparableError";
}

/** A JSON number as something `<` can compare exactly (big integers as bigint). */
function numeric(x: unknown): number | bigint | undefined {
  if (typeof x === "number") return x;
  if (x instanceof ExactNumber) return /^-?\d+$/.test(x.text) ? BigInt(x.text) : Number(x.text);
  return undefined;
}

function typeName(x: unknown): string {
  if (x === null || x === undefined) return "nil";
  if (numeric(x) !== undefined) return "number";
  if (Array.isArray(x)) return "vector";
  return typeof x === "object" ? "map" : typeof x;
}

/**
 * Clojure's `compare` over JSON values: nil sorts first; numbers, strings and booleans compare
 * among their own kind; arrays (vectors) compare by length, then element-wise. Anything else
 * (mixed kinds, objects) throws, as the JVM's ClassCastException does. Identical references
 * compare equal without a type check, as `Util.compare` does.
 */
export function compareClojure(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const [an, bn] = [numeric(a), numeric(b)];
  if (an !== undefined && bn !== undefined) return an < bn ? -1 : an > bn ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : 1;
  if (typeof a === "boolean" && typeof b === "boolean") return a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return a.length < b.length ? -1 : 1;
    for (let i = 0; i < a.length; i++) {
      const c = compareClojure(a[i], b[i]);
      if (c !== 0) return c;
    }
    return 0;
  }
  throw new IncomparableError(
    `cannot compare ${typeName(a)} ${canonicalJson(a)} with ${typeName(b)} ${canonicalJson(b)}`,
  );
}

/** A total order for mixed JSON values: numbers numerically first, then by canonical JSON. */
export function compareElements(a: unknown, b: unknown): number {
  const [an, bn] = [numeric(a), numeric(b)];
  if (an !== undefined && bn !== undefined) return an < bn ? -1 : an > bn ? 1 : 0;
  if ((an === undefined) !== (bn === undefined)) return an !== undefined ? -1 : 1;
  const ka = canonicalJson(a);
  const kb = canonicalJson(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function unknownResult(error: unknown): { "valid?": Keyword; error: string } {
  return { "valid?": kw("unknown"), error: error instanceof Error ? error.message : String(error) };
}

/**
 * Walks ops in order, handing each completion its invocation (the latest open invocation of the
 * same process, as a process runs one op at a time). `invocation` is undefined for a completion
 * without one.
 */
export function* withInvocations(
  history: Iterable<Op>,
): Generator<{ op: Op; invocation: Op | undefined }> {
  const open = new Map<Op["process"], Op>();
  for (const op of history) {
    if (op.type === "invoke") {
      open.set(op.process, op);
      yield { op, invocation: undefined };
    } else {
      const invocation = open.get(op.process);
      open.delete(op.process);
      yield { op, invocation };
    }
  }
}
