/**
 * The canonical text of a JSON value, object keys sorted at every level, so
 * equal values give equal text (Maelstrom's checkers compare elements by JSON value equality).
 */

/** A value that is not plain JSON but stands for one gives its own canonical text here. */
export const CANONICAL_TEXT: unique symbol = Symbol("canonical JSON text");

export interface HasCanonicalText {
  [CANONICAL_TEXT](): string;
}

function hasCanonicalText(value: object): value is HasCanonicalText {
  return typeof (value as Partial<HasCanonicalText>)[CANONICAL_TEXT] === "function";
}

/**
 * Stable JSON text: keys sorted, `undefined` fields left out, non-finite numbers and
 * `undefined` as `null` (as JSON.stringify writes them in arrays).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (hasCanonicalText(value)) return value[CANONICAL_TEXT]();
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}
