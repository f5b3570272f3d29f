/**
 * What both replicas share: the read index of distinct values (value-index.ts), adding a
 * local value, and the cached summary. Subclasses say how a value is stored and how their
 * summary is computed.
 */
import type { Json } from "./json.js";
import type { Summary } from "./summary.js";
import { ValueIndex } from "./value-index.js";

export abstract class IndexedReplica {
  protected readonly index = new ValueIndex();
  private cachedSummary: Summary | undefined;

  /** Adds a value written at this node. False (and nothing changes) if it is already present. */
  add(value: Json): boolean {
    if (this.index.has(value)) return false;
    // A private copy: the caller may still change its object.
    const stored = typeof value === "object" && value !== null ? structuredClone(value) : value;
    this.appendOwn([stored]);
    this.summaryChanged();
    return true;
  }

  adopt(values: readonly Json[]): void {
    if (values.length === 0) return;
    this.appendOwn(values); // held already, so the index is unchanged
    this.summaryChanged();
  }

  has(value: Json): boolean {
    return this.index.has(value);
  }

  get size(): number {
    return this.index.size;
  }

  values(): readonly Json[] {
    return this.index.values;
  }

  summary(): Summary {
    this.cachedSummary ??= this.computeSummary();
    return this.cachedSummary;
  }

  /** Call after anything that changes what the replica holds. */
  protected summaryChanged(): void {
    this.cachedSummary = undefined;
  }

  /** Appends values to this node's own log, in one go, and to the index. */
  protected abstract appendOwn(values: readonly Json[]): void;
  protected abstract computeSummary(): Summary;
}
