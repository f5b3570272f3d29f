import { describe, expect, it } from "vitest";
import {
  checkBroadcast,
  checkGSet,
  frequencyDistribution,
  QUANTILE_POINTS,
} from "../../../maelstrom/checkers/set-full.js";
import { kw, toEdn, toJsonValue } from "../../../maelstrom/output/edn.js";
import { HistoryBuilder } from "./helpers.js";

/** Five final reads (processes 10..14) invoked together at 32 s, all containing `values`. */
function finalReads(h: HistoryBuilder, values: unknown[]): void {
  for (let p = 10; p < 15; p++) h.invoke(p, "read", null, 32_000, { final: true });
  for (let p = 10; p < 15; p++) h.ok(p, "read", values, 32_001, { final: true });
}

describe("set-full: a worked example (docs/MAELSTROM.md#checkers)", () => {
  function example(variant: boolean) {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 7, 1000);
    if (variant) {
      // A and C start before the ack, and finish after the broadcast was invoked.
      h.invoke(1, "read", null, 1000.5);
      h.ok(1, "read", [], 1001.5);
      h.invoke(3, "read", null, 1001);
    }
    const ack = h.ok(0, "broadcast", 7, 1002);
    if (variant) {
      h.ok(3, "read", [], 1003);
    } else {
      h.read(1, 1050, 1051, []); // A
    }
    h.read(2, 1200, 1201, [7]); // B
    const [c] = variant ? [undefined] : h.read(3, 1300, 1301, []); // C
    finalReads(h, [7]);
    return { result: checkBroadcast(h.ops), ack, c, h };
  }

  it("is stable and stale with a 298 ms stable latency", () => {
    const { result, ack, c } = example(false);
    expect(result["valid?"]).toBe(true);
    expect(result["attempt-count"]).toBe(1);
    expect(result["stable-count"]).toBe(1);
    expect(result["stale-count"]).toBe(1);
    expect(result.stale).toEqual([7]);
    expect(result["stable-latencies"]).toEqual(
      new Map([
        [0, 298],
        [0.5, 298],
        [0.95, 298],
        [0.99, 298],
        [1, 298],
      ]),
    );
    expect(result["lost-latencies"]).toBeUndefined();
    const [worst] = result["worst-stale"];
    expect(worst).toMatchObject({
      element: 7,
      outcome: kw("stable"),
      "stable-latency": 298,
      "lost-latency": null,
    });
    // The broadcast checker renames :broadcast to :add before set-full, so ops print as :add.
    expect(worst?.known?.value).toMatchObject({ index: ack.index, type: kw("ok"), f: kw("add") });
    expect(worst?.["last-absent"]?.value).toMatchObject({ index: c!.index, type: kw("invoke") });
    expect(toEdn(worst?.known)).toBe(
      "#jepsen.history.Op{:index 1, :time 1002000000, :type :ok, :process 0, :f :add, :value 7}",
    );
  });

  it("variant: the last missing read started before the ack, so latency clamps to 0", () => {
    const { result } = example(true);
    expect(result["valid?"]).toBe(true);
    expect(result["stable-count"]).toBe(1);
    expect(result["stale-count"]).toBe(0);
    expect(result.stale).toEqual([]);
    expect(result["worst-stale"]).toEqual([]);
    expect(result["stable-latencies"]?.get(1)).toBe(0);
  });
});

describe("set-full: outcomes", () => {
  it("a read that missed the element but was invoked before it was known → never-read", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 5, 0);
    h.invoke(1, "read", null, 0.5);
    h.ok(0, "broadcast", 5, 2);
    h.ok(1, "read", [], 3);
    const result = checkBroadcast(h.ops);
    expect(result["never-read"]).toEqual([5]);
    expect(result["never-read-count"]).toBe(1);
    expect(result["lost-count"]).toBe(0);
    expect(result["stable-count"]).toBe(0);
    // No stable and no lost elements.
    expect(result["valid?"]).toBe(kw("unknown"));
    expect(result["stable-latencies"]).toBeUndefined();
  });

  it("never-read includes adds that never completed ok and were never seen", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 1, 0);
    h.info(0, "broadcast", 1, 5000, { error: "net-timeout" });
    h.broadcast(1, 2, 10, 11);
    h.read(2, 20, 21, [2, 99]); // 99 was never added: ignored
    const result = checkBroadcast(h.ops);
    expect(result["attempt-count"]).toBe(2);
    expect(result["never-read"]).toEqual([1]);
    expect(result["stable-count"]).toBe(1);
    expect(result["valid?"]).toBe(true);
  });

  it("lost when the latest read, invoked after the element was known, misses it", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, 3, 0, 2); // known at 2 ms
    h.read(1, 10, 11, [3]); // last-present invoked at 10 ms
    h.read(1, 20, 21, []); // last-absent
    h.broadcast(0, 4, 30, 32); // acked, never seen
    h.read(1, 40, 41, []); // misses 3 and 4, invoked after both were known
    const result = checkBroadcast(h.ops);
    expect(result.lost).toEqual([3, 4]);
    expect(result["lost-count"]).toBe(2);
    expect(result["valid?"]).toBe(false);
    // Lost latency: last-present invocation + 1 ns − known, floored ms (8 ms for 3; 0 for 4).
    expect(result["lost-latencies"]).toEqual(
      new Map([
        [0, 0],
        [0.5, 8],
        [0.95, 8],
        [0.99, 8],
        [1, 8],
      ]),
    );
  });

  it("an element seen by a later-invoked read is stable even if an earlier-invoked one missed it", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, 9, 0, 1);
    h.invoke(1, "read", null, 500); // invoked first
    h.invoke(2, "read", null, 500.25); // invoked later: decides
    h.ok(2, "read", [9], 501);
    h.ok(1, "read", [], 502);
    const result = checkBroadcast(h.ops);
    expect(result["stable-count"]).toBe(1);
    expect(result["valid?"]).toBe(true);
    // stable-latency = floor((500 ms + 1 ns − 1 ms) in ms) = 499.
    expect(result["worst-stale"][0]?.["stable-latency"]).toBe(499);
  });

  it("and lost when the latest-invoked read misses it, whatever the completion order", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, 9, 0, 1);
    h.invoke(2, "read", null, 500);
    h.invoke(1, "read", null, 500.25);
    h.ok(2, "read", [9], 501);
    h.ok(1, "read", [], 502);
    expect(checkBroadcast(h.ops).lost).toEqual([9]);
  });

  it("known is the first read to see the element when that beats the ack", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 1, 0);
    const [, seen] = h.read(1, 1, 2, [1]);
    h.ok(0, "broadcast", 1, 50);
    h.read(2, 100, 101, []); // invoked after `seen` completed: stale by 98 ms
    h.read(1, 200, 201, [1]);
    const result = checkBroadcast(h.ops);
    expect(result["worst-stale"][0]?.known?.value.index).toBe(seen.index);
    expect(result["worst-stale"][0]?.["stable-latency"]).toBe(98);
  });

  it("ignores failed and crashed reads, and nemesis ops", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, 1, 0, 1);
    h.invoke("nemesis", "start-partition", "majority", 2);
    h.info("nemesis", "start-partition", "majority", 2);
    h.invoke(1, "read", null, 10);
    h.fail(1, "read", null, 11, { error: "net-timeout" });
    h.read(1, 20, 21, [1]);
    h.invoke(2, "read", null, 30);
    h.info(2, "read", null, 31, { error: "net-timeout" });
    const result = checkBroadcast(h.ops);
    expect(result["stable-count"]).toBe(1);
    expect(result["stale-count"]).toBe(0);
  });

  it("compares elements by JSON value, not by reference or key order", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, { a: 1, b: [1, 2] }, 0, 1);
    h.broadcast(0, "1", 2, 3);
    h.read(1, 10, 11, [{ b: [1, 2], a: 1 }, 1]);
    const result = checkBroadcast(h.ops);
    expect(result["stable-count"]).toBe(1);
    expect(result.lost).toEqual(["1"]); // the number 1 is not the string "1"
  });

  it("sorts mixed elements: numbers numerically, then others by canonical JSON", () => {
    const h = new HistoryBuilder();
    for (const [i, v] of [10, "b", { a: 1 }, 2, "a", [0]].entries()) h.broadcast(0, v, i, i + 0.5);
    h.read(1, 100, 101, []);
    expect(checkBroadcast(h.ops).lost).toEqual([2, 10, "a", "b", [0], { a: 1 }]);
  });
});

describe("set-full: latencies and worst-stale", () => {
  it("quantiles pick index min(n−1, floor(n·q)) over sorted samples", () => {
    const samples = [90, 0, 10, 20, 30, 40, 50, 60, 70, 80];
    expect(frequencyDistribution(QUANTILE_POINTS, samples)).toEqual(
      new Map([
        [0, 0],
        [0.5, 50], // index 5: the upper median
        [0.95, 90], // floor(9.5) = 9
        [0.99, 90],
        [1, 90], // min(9, 10)
      ]),
    );
    expect(frequencyDistribution(QUANTILE_POINTS, [7])?.get(0.5)).toBe(7);
    expect(frequencyDistribution(QUANTILE_POINTS, [])).toBeUndefined();
  });

  it("counts every stable element in the quantiles, zeros included; stale needs ≥ 1 ms", () => {
    const h = new HistoryBuilder();
    // Elements 0..9: element k missed by a read invoked k·10 ms + 0.9 ms after its ack.
    for (let k = 0; k < 10; k++) {
      const t = k * 1000;
      h.broadcast(0, k, t, t + 1);
      if (k > 0) h.read(1, t + 1 + k * 10 + 0.9, t + 500, [...Array(k).keys()]);
      h.read(1, t + 600, t + 601, [...Array(k + 1).keys()]);
    }
    const result = checkBroadcast(h.ops);
    expect(result["stable-count"]).toBe(10);
    expect(result["stale-count"]).toBe(9);
    expect(result["stable-latencies"]).toEqual(
      new Map([
        [0, 0],
        [0.5, 50],
        [0.95, 90],
        [0.99, 90],
        [1, 90],
      ]),
    );
    // Up to 8, in descending latency.
    expect(result["worst-stale"].map((e) => e.element)).toEqual([9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it("sub-millisecond staleness floors to 0 and is not stale", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, 1, 0, 1);
    h.read(1, 1.9, 2, []); // 0.9 ms after the ack
    h.read(1, 3, 4, [1]);
    const result = checkBroadcast(h.ops);
    expect(result["stable-count"]).toBe(1);
    expect(result["stale-count"]).toBe(0);
  });
});

describe("set-full: duplicates", () => {
  it("reports duplicated-count 0 (Jepsen's bug) but real-duplicated counts them", () => {
    const h = new HistoryBuilder();
    h.broadcast(0, 1, 0, 1);
    h.broadcast(0, 2, 2, 3);
    h.read(1, 10, 11, [1, 1, 2]);
    h.read(2, 12, 13, [1, 1, 1, 2, 2, 5, 5]);
    const result = checkBroadcast(h.ops);
    expect(result["duplicated-count"]).toBe(0);
    expect(result.duplicated).toEqual(new Map());
    expect(result["real-duplicated-count"]).toBe(3);
    expect(result["real-duplicated"]).toEqual(
      new Map([
        [1, 3],
        [2, 2],
        [5, 2],
      ]),
    );
    expect(result["valid?"]).toBe(true);
    expect(toJsonValue(result)).toMatchObject({
      "duplicated-count": 0,
      duplicated: {},
      "real-duplicated": { "1": 3, "2": 2, "5": 2 },
    });
  });
});

describe("g-set", () => {
  it("uses :add and :read directly", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "add", 0, 0);
    h.ok(0, "add", 0, 1);
    h.invoke(0, "add", 1, 2);
    h.ok(0, "add", 1, 3);
    h.read(1, 10, 11, [0]);
    const result = checkGSet(h.ops);
    expect(result["stable-count"]).toBe(1);
    expect(result.lost).toEqual([1]);
    expect(result["valid?"]).toBe(false);
    // A broadcast history means nothing to g-set.
    expect(checkGSet(new HistoryBuilder().ops)["valid?"]).toBe(kw("unknown"));
  });
});
