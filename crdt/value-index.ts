/**
 * The distinct values of a set in arrival order, maintained incrementally so a read is O(1):
 * replicas fold each newly integrated log entry in once and hand out the same array.
 *
 * Equality is JSON value equality. Numbers, strings, booleans and null are compared as they
 * are (a `Set` already treats 0 and −0 alike, as JSON does); arrays and objects by their
 * canonical JSON text, kept in a separate `Set` so the string "1" never meets the number 1.
 */
import { canonicalJson, type Json } from "./json.js";

export class ValueIndex {
  private readonly primitives = new Set<Json>();
  private readonly composites = new Set<string>();
  private readonly list: Json[] = [];

  /** Adds `value` unless an equal value is present; true when it was new. */
  add(value: Json): boolean {
    if (value !== null && typeof value === "object") {
      const key = canonicalJson(value);
      if (this.composites.has(key)) return false;
      this.composites.add(key);
    } else {
      if (this.primitives.has(value)) return false;
      this.primitives.add(value);
    }
    this.list.push(value);
    return true;
  }

  has(value: Json): boolean {
    return value !== null && typeof value === "object"
      ? this.composites.has(canonicalJson(value))
      : this.primitives.has(value);
  }

  get size(): number {
    return this.list.length;
  }

  /** Every distinct value once, in the order first seen. The caller must not modify it. */
  get values(): readonly Json[] {
    return this.list;
  }
}
