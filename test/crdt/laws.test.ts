// State-based CRDT laws and convergence for both set replicas, and the differential test that
// the yjs replica agrees with the plain version-vector oracle on every generated schedule.
import { test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { dominates, EMPTY_SUMMARY, type ReplicaKind, type SetReplica } from "../../crdt/index.js";
import { Cluster, contents, join, longScheduleArb, type Step, scheduleArb } from "./schedule.js";

const KINDS: ReplicaKind[] = ["yjs", "plain"];

/** Three replica states reached by a random schedule (gaps, stale and optimistic deltas included). */
function statesAfter(kind: ReplicaKind, schedule: Step[]): SetReplica[] {
  const cluster = new Cluster(kind);
  for (const step of schedule) cluster.run(step);
  return cluster.replicas.slice(0, 3);
}

describe.each(KINDS)("%s replica", (kind) => {
  test.prop([scheduleArb])("merge is commutative", (schedule) => {
    const [a, b] = statesAfter(kind, schedule);
    expect(contents(join(kind, 0, a!, b!))).toEqual(contents(join(kind, 1, b!, a!)));
  });

  test.prop([scheduleArb])("merge is associative", (schedule) => {
    const [a, b, c] = statesAfter(kind, schedule);
    const left = join(kind, 0, join(kind, 1, a!, b!), c!);
    const right = join(kind, 2, a!, join(kind, 3, b!, c!));
    expect(contents(left)).toEqual(contents(right));
  });

  test.prop([scheduleArb])("merge is idempotent", (schedule) => {
    const [a] = statesAfter(kind, schedule);
    const once = join(kind, 0, a!);
    expect(contents(join(kind, 1, a!, a!))).toEqual(contents(once));
    const before = contents(a!);
    const full = a!.deltaFor(EMPTY_SUMMARY);
    if (full !== undefined) expect(a!.merge(full)).toBe(0);
    expect(contents(a!)).toEqual(before);
  });

  test.prop([scheduleArb])("a delta against the receiver's summary yields the join", (schedule) => {
    const [a, b] = statesAfter(kind, schedule);
    const expected = contents(join(kind, 0, a!, b!));
    const summaryBefore = b!.summary();
    const delta = a!.deltaFor(b!.summary());
    if (delta !== undefined) b!.merge(JSON.parse(JSON.stringify(delta)));
    expect(contents(b!)).toEqual(expected);
    expect(dominates(b!.summary(), summaryBefore)).toBe(true); // summaries only grow
    expect(a!.deltaFor(b!.summary()) === undefined || kind === "yjs").toBe(true);
  });

  test.prop([longScheduleArb])(
    "converges under reordering, duplication and loss once retries run",
    (schedule) => {
      const cluster = new Cluster(kind);
      for (const step of schedule) cluster.run(step);
      cluster.antiEntropy();
      const [first, ...rest] = cluster.replicas.map(contents);
      expect(first!.values).toEqual([...cluster.added].sort());
      for (const other of rest) expect(other).toEqual(first);
    },
  );
});

describe("yjs replica against the plain oracle", () => {
  test.prop([longScheduleArb], { numRuns: 200 })("agree on every schedule", (schedule) => {
    const yjs = new Cluster("yjs");
    const plain = new Cluster("plain");
    for (const step of schedule) {
      yjs.run(step);
      plain.run(step);
      // Without optimistic deltas there are no gaps, so both hold exactly the same at every step.
      if (!plain.optimistic) {
        expect(yjs.replicas.map(contents)).toEqual(plain.replicas.map(contents));
      }
    }
    yjs.antiEntropy();
    plain.antiEntropy();
    expect(yjs.replicas.map(contents)).toEqual(plain.replicas.map(contents));
  });
});
