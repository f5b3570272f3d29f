/**
 * The plain grow-only set: one append-only log per origin node, summarised by a version
 * vector of log lengths (logs numbered by the origin's index in `node_ids`, named on the wire
 * by its id: `{"n3": 12}`). It is the oracle the yjs replica is tested against, and a
 * drop-in alternative (`TREECAST_REPLICA=plain`) whose deltas are readable JSON.
 *
 * Delta on the wire: `{"n3": {"from": 12, "values": [40, 41]}, ...}`, the suffix of each
 * origin's log from the peer's count on. Merging appends the part not held yet; a suffix that
 * starts beyond the end of our log (a gap: it was computed against a summary we never
 * reported) is dropped, and the next delta, computed against our real summary, carries it.
 * Each log is a chain ordered by "is a prefix of", so the join is commutative, associative
 * and idempotent.
 */

import { IndexedReplica } from "./indexed-replica.js";
import { isJson, type Json } from "./json.js";
import { originIndex, type ReplicaKind, type SetReplica } from "./replica.js";
import { MalformedInput, type Summary, summaryToJson } from "./summary.js";

interface Suffix {
  from: number;
  values: Json[];
}

export class VersionVectorReplica extends IndexedReplica implements SetReplica {
  readonly kind: ReplicaKind = "plain";
  readonly self: string;
  private readonly nodeIds: readonly string[];
  private readonly me: number;
  private readonly slots: ReadonlyMap<string, number>;
  private readonly logs: Json[][];

  constructor(nodeIds: readonly string[], self: string) {
    super();
    this.me = originIndex(nodeIds, self);
    this.self = self;
    this.nodeIds = [...nodeIds];
    this.slots = new Map(nodeIds.map((id, i) => [id, i]));
    this.logs = nodeIds.map(() => []);
  }

  protected appendOwn(values: readonly Json[]): void {
    for (const value of values) {
      this.logs[this.me]!.push(value);
      this.index.add(value);
    }
  }

  protected computeSummary(): Summary {
    const out = new Map<number, number>();
    this.logs.forEach((log, slot) => {
      if (log.length > 0) out.set(slot, log.length);
    });
    return out;
  }

  summaryByOrigin(): Readonly<Record<string, number>> {
    return summaryToJson(this.summary(), this);
  }

  originOf(slot: number): string {
    return this.nodeIds[slot]!;
  }

  logName(slot: number): string {
    return this.originOf(slot); // a log is named after its origin
  }

  logOf(name: string): number | undefined {
    return this.slots.get(name);
  }

  deltaFor(peer: Summary, sends?: (log: number) => boolean): Json | undefined {
    let delta: Record<string, Json> | undefined;
    this.logs.forEach((log, slot) => {
      if (sends !== undefined && !sends(slot)) return;
      const origin = this.nodeIds[slot]!;
      const from = peer.get(slot) ?? 0;
      if (log.length > from) {
        delta ??= {};
        delta[origin] = { from, values: log.slice(from) };
      }
    });
    return delta;
  }

  merge(delta: unknown): number {
    const suffixes = this.parseDelta(delta);
    let added = 0;
    for (const [slot, { from, values }] of suffixes) {
      const log = this.logs[slot]!;
      if (from > log.length) continue; // a gap: wait for a delta against our real summary
      for (const value of values.slice(log.length - from)) {
        log.push(value);
        this.index.add(value);
        added++;
      }
    }
    if (added > 0) this.summaryChanged();
    return added;
  }

  /** Checks the whole delta before anything is applied, so a bad delta changes nothing. */
  private parseDelta(delta: unknown): Array<[number, Suffix]> {
    if (typeof delta !== "object" || delta === null || Array.isArray(delta)) {
      throw new MalformedInput("plain delta must be a JSON object keyed by origin");
    }
    const out: Array<[number, Suffix]> = [];
    for (const [origin, raw] of Object.entries(delta)) {
      const slot = this.slots.get(origin);
      if (slot === undefined) throw new MalformedInput(`delta names an unknown origin ${origin}`);
      const suffix = raw as Partial<Suffix> | null;
      if (
        typeof suffix !== "object" ||
        suffix === null ||
        !Number.isSafeInteger(suffix.from) ||
        (suffix.from as number) < 0 ||
        !Array.isArray(suffix.values) ||
        !suffix.values.every(isJson)
      ) {
        throw new MalformedInput(
          `delta entry for ${origin} must be {from: integer ≥ 0, values: [...]}`,
        );
      }
      const { from, values } = suffix as Suffix;
      if (slot === this.me && from + values.length > this.logs[slot]!.length) {
        // Only this node appends to its own log: entries beyond its end mean another node
        // believes it is us (a duplicated node id or a restarted node).
        throw new MalformedInput(`delta claims entries of ${origin}'s own log that it never wrote`);
      }
      out.push([slot, { from, values }]);
    }
    return out;
  }
}
