/**
 * Test helper: random replication schedules for the set replicas. A schedule is a list of
 * steps (adds, sends computed against current, stale or optimistic summaries, deliveries with
 * reordering and duplication, drops) run against a cluster of replicas of one kind, followed by
 * anti-entropy rounds that stand for the gossip layer's retries.
 */
import { fc } from "@fast-check/vitest";
import {
  canonicalJson,
  createReplica,
  EMPTY_SUMMARY,
  isJson,
  type Json,
  mergeSummaries,
  type ReplicaKind,
  type SetReplica,
  type Summary,
} from "../../crdt/index.js";

export const WRITERS = ["n0", "n1", "n2", "n3"];
/** Ids that never write: fresh replicas used to compute joins. */
export const OBSERVERS = ["o0", "o1", "o2", "o3"];
export const NODE_IDS = [...WRITERS, ...OBSERVERS];

export type Step =
  | { t: "add"; at: number; value: Json }
  | {
      t: "send";
      from: number;
      to: number;
      against: "current" | "stale" | "optimistic";
      pick: number;
    }
  | { t: "deliver"; pick: number; duplicate: boolean }
  | { t: "drop"; pick: number };

/** Small integers collide often (dedupe across origins); some strings and nested JSON too. */
export const valueArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
  // Only what replicas accept: isJson refuses an own `__proto__` key (yjs cannot keep it).
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).filter(isJson) },
);

const replicaArb = fc.integer({ min: 0, max: WRITERS.length - 1 });

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant("add" as const), at: replicaArb, value: valueArb }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("send" as const),
      from: replicaArb,
      to: replicaArb,
      against: fc.constantFrom("current" as const, "stale" as const, "optimistic" as const),
      pick: fc.nat(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("deliver" as const),
      pick: fc.nat(),
      duplicate: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("drop" as const), pick: fc.nat() }) },
);

export const scheduleArb = fc.array(stepArb, { maxLength: 60 });
/** Long enough that gaps are often filled part-way, where yjs (parks) and the oracle (drops) differ for a while. */
export const longScheduleArb = fc.array(stepArb, { maxLength: 150 });

interface InFlight {
  to: number;
  delta: Json;
}

export class Cluster {
  readonly replicas: SetReplica[];
  readonly added = new Set<string>();
  /** Every summary each replica has had, for stale and optimistic sends. */
  private readonly history: Summary[][];
  private readonly network: InFlight[] = [];
  /** True once a delta was computed against a summary its receiver never reported. */
  optimistic = false;

  readonly kind: ReplicaKind;

  constructor(kind: ReplicaKind) {
    this.kind = kind;
    this.replicas = WRITERS.map((id) => createReplica(kind, NODE_IDS, id));
    this.history = this.replicas.map((r) => [r.summary()]);
  }

  run(step: Step): void {
    switch (step.t) {
      case "add": {
        const replica = this.replicas[step.at]!;
        replica.add(step.value);
        this.added.add(canonicalJson(step.value));
        this.history[step.at]!.push(replica.summary());
        return;
      }
      case "send": {
        const from = this.replicas[step.from]!;
        const to = this.replicas[step.to]!;
        const past = this.history[step.to]!;
        let against: Summary;
        if (step.against === "current") against = to.summary();
        else if (step.against === "stale") against = past[step.pick % past.length]!;
        else {
          // What the sender may believe it already sent: one of its own past states.
          const mine = this.history[step.from]!;
          against = mergeSummaries(to.summary(), mine[step.pick % mine.length]!);
          this.optimistic = true;
        }
        const delta = from.deltaFor(against);
        // Over the wire: only JSON survives.
        if (delta !== undefined)
          this.network.push({ to: step.to, delta: JSON.parse(JSON.stringify(delta)) });
        return;
      }
      case "deliver": {
        if (this.network.length === 0) return;
        const i = step.pick % this.network.length;
        const message = this.network[i]!;
        if (!step.duplicate) this.network.splice(i, 1);
        this.replicas[message.to]!.merge(message.delta);
        this.history[message.to]!.push(this.replicas[message.to]!.summary());
        return;
      }
      case "drop": {
        if (this.network.length > 0) this.network.splice(step.pick % this.network.length, 1);
        return;
      }
    }
  }

  /** Retries: every replica sends every other what it lacks by its real summary, until quiet. */
  antiEntropy(): number {
    for (let round = 1; round <= 5; round++) {
      let changed = 0;
      for (const from of this.replicas) {
        for (const to of this.replicas) {
          if (from === to) continue;
          const delta = from.deltaFor(to.summary());
          if (delta !== undefined) changed += to.merge(JSON.parse(JSON.stringify(delta)));
        }
      }
      if (changed === 0) return round;
    }
    throw new Error("anti-entropy did not settle in 5 rounds");
  }
}

/** A replica's content as comparable data: sorted canonical values and per-origin summary. */
export function contents(replica: SetReplica): {
  values: string[];
  summary: Readonly<Record<string, number>>;
} {
  return {
    values: replica.values().map(canonicalJson).sort(),
    summary: replica.summaryByOrigin(),
  };
}

/** A fresh observer replica holding the join of the given replicas' full states. */
export function join(kind: ReplicaKind, observer: number, ...replicas: SetReplica[]): SetReplica {
  const out = createReplica(kind, NODE_IDS, OBSERVERS[observer]!);
  for (const r of replicas) {
    const delta = r.deltaFor(EMPTY_SUMMARY);
    if (delta !== undefined) out.merge(delta);
  }
  return out;
}
