/**
 * A grow-only set of JSON values replicated by state: each node appends only its own values
 * (one log per origin node), and replicas exchange deltas computed against each other's
 * summaries (version vectors over the per-origin logs, see summary.ts).
 *
 * Two implementations share this interface: `YjsReplica` (yjs-replica.ts, what the broadcast
 * node runs) and `VersionVectorReplica` (vv-replica.ts, a plain G-Set used as the test oracle
 * and as a fallback). Their summaries and deltas differ on the wire, so one cluster must run
 * one kind.
 */
import type { Json } from "./json.js";
import type { Summary, SummaryWire } from "./summary.js";

export type ReplicaKind = "yjs" | "plain";

/** Also how it names its logs on the wire (`parseSummary` and `summaryToJson` take it). */
export interface SetReplica extends SummaryWire {
  readonly kind: ReplicaKind;
  /** The node this replica belongs to; only it appends to its own log. */
  readonly self: string;
  /** Adds a value written at this node. False (and nothing changes) if it is already present. */
  add(value: Json): boolean;
  /**
   * Appends values this replica already holds, merged from another node's log, to its own log,
   * so that they travel on as this node's writes (the broadcast node adopts what its children
   * wrote, see docs/PROTOCOL.md). The set does not change; only the own log and the summary.
   */
  adopt(values: readonly Json[]): void;
  /** The node that wrote a log (any incarnation of it). */
  originOf(log: number): string;
  has(value: Json): boolean;
  /** Number of distinct values. */
  readonly size: number;
  /**
   * Every distinct value once (JSON equality), in the order this replica first saw them.
   * Maintained incrementally: O(1), returns the replica's own array, which must not be modified.
   */
  values(): readonly Json[];
  /** What this replica holds, as a version vector. Cached; do not modify. */
  summary(): Summary;
  /** How many entries of each origin node's logs this replica holds (for logs and tests). */
  summaryByOrigin(): Readonly<Record<string, number>>;
  /**
   * What a replica holding `peer` lacks, as a JSON value for the wire, or undefined when there
   * is nothing to send. `peer` must be a summary that the peer itself reported (or a merge of
   * such): a delta computed against an optimistic summary can leave a gap the peer cannot fill.
   * Only the logs `sends` accepts go (default: all).
   */
  deltaFor(peer: Summary, sends?: (log: number) => boolean): Json | undefined;
  /**
   * Integrates a delta from another replica (idempotent, in any order). Returns how many log
   * entries became visible. Throws MalformedInput, changing nothing, if the delta is not one
   * this kind of replica produces for this cluster.
   */
  merge(delta: unknown): number;
}

/** Index of `self` in `nodeIds`, checking that the ids are distinct. */
export function originIndex(nodeIds: readonly string[], self: string): number {
  if (new Set(nodeIds).size !== nodeIds.length) {
    throw new RangeError(`node ids must be distinct, got ${JSON.stringify(nodeIds)}`);
  }
  const index = nodeIds.indexOf(self);
  if (index < 0) throw new RangeError(`${self} is not one of the node ids`);
  return index;
}
