/**
 * JSON values as the set stores them, and the canonical text that decides when two values are
 * the same element (Maelstrom's checker compares elements by JSON value equality).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * True for what JSON.parse can produce (finite numbers, strings, booleans, null, arrays, plain
 * objects), except objects with an own `__proto__` key: yjs decodes objects by assignment, where
 * that key sets the prototype instead, so such a value would come back as a different one.
 * Nodes refuse it as a malformed request rather than store something else.
 */
export function isJson(value: unknown): value is Json {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value);
    case "string":
    case "boolean":
      return true;
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJson);
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      if (Object.hasOwn(value, "__proto__")) return false;
      return Object.values(value).every(isJson);
    }
    default:
      return false;
  }
}

/** JSON text with object keys sorted at every level, so equal values give equal text. */
export { canonicalJson } from "../src/lib/canonical-json.js";
