import { describe, expect, it } from "vitest";
import { checkTest, compose } from "../../../maelstrom/checkers/compose.js";
import { checkNet, NetStatsFold } from "../../../maelstrom/checkers/net.js";
import { float, kw, printEdn, toEdn, toJsonValue } from "../../../maelstrom/output/edn.js";
import { WORKLOADS } from "../../../maelstrom/workloads/index.js";
import { event, HistoryBuilder } from "./helpers.js";

describe("net", () => {
  /** Two client RPCs, one server message sent and delivered, one dropped (sent, never received). */
  function journal() {
    return [
      event("send", "c0", "n0", 0),
      event("recv", "c0", "n0", 0),
      event("send", "n0", "c0", 1),
      event("recv", "n0", "c0", 1),
      event("send", "n0", "n1", 2),
      event("recv", "n0", "n1", 2),
      event("send", "n1", "n0", 3), // dropped by a partition
      event("send", "n1", "lin-kv", 4), // a service counts as a server
    ];
  }

  it("counts sends, receives and distinct message ids per group", () => {
    const result = checkNet(journal(), []);
    expect(result).toEqual({
      all: { "send-count": 5, "recv-count": 3, "msg-count": 5 },
      clients: { "send-count": 2, "recv-count": 2, "msg-count": 2 },
      servers: { "send-count": 3, "recv-count": 1, "msg-count": 3 },
      "valid?": true,
    });
  });

  it("divides by client invocations, final reads and failures included, nemesis excluded", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 0, 0);
    h.ok(0, "broadcast", 0, 1);
    h.invoke(1, "read", null, 2);
    h.fail(1, "read", null, 3, { error: "net-timeout" });
    h.invoke(2, "broadcast", 1, 4);
    h.info(2, "broadcast", 1, 5, { error: "net-timeout" });
    h.invoke("nemesis", "start-partition", "majority", 6);
    h.info("nemesis", "start-partition", "majority", 6);
    h.invoke(0, "read", null, 10, { final: true });
    h.ok(0, "read", [0, 1], 11, { final: true });
    const fold = new NetStatsFold();
    for (const e of journal()) fold.add(e);
    const result = fold.result(h.ops);
    // 4 client invocations.
    expect(result.all["msgs-per-op"]).toEqual(float(5 / 4));
    expect(result.servers["msgs-per-op"]).toEqual(float(3 / 4));
    expect(result.clients["msgs-per-op"]).toBeUndefined();
    expect(toEdn(result.servers)).toBe(
      "{:send-count 3, :recv-count 1, :msg-count 3, :msgs-per-op 0.75}",
    );
    expect(toEdn(float(1256 / 105))).toBe("11.961905");
  });
});

describe("compose", () => {
  it("merges valid? with priority false > unknown > true", () => {
    const ok = () => ({ "valid?": true });
    const unknown = () => ({ "valid?": kw("unknown") });
    const bad = () => ({ "valid?": false });
    expect(compose({ a: ok, b: ok })["valid?"]).toBe(true);
    expect(compose({ a: ok, b: unknown })["valid?"]).toBe(kw("unknown"));
    expect(compose({ a: bad, b: unknown, c: ok })["valid?"]).toBe(false);
    expect(compose({})["valid?"]).toBe(true);
  });

  it("turns a throwing checker into {valid? :unknown, error}", () => {
    const result = compose({
      good: () => ({ "valid?": true }),
      broken: () => {
        throw new Error("boom");
      },
    });
    expect(result).toEqual({
      good: { "valid?": true },
      broken: { "valid?": kw("unknown"), error: "boom" },
      "valid?": kw("unknown"),
    });
  });

  it("gives each workload its own checker", () => {
    expect(WORKLOADS.echo.check([])).toEqual({ "valid?": true, errors: [] });
    expect(WORKLOADS["g-set"].check([])["valid?"]).toBe(kw("unknown"));
  });

  it("builds Maelstrom's top-level map for a broadcast test", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 0, 0);
    h.ok(0, "broadcast", 0, 1);
    h.invoke(0, "read", null, 2, { final: true });
    h.ok(0, "read", [0], 3, { final: true });
    const results = checkTest({
      workload: "broadcast",
      history: h.ops,
      net: [event("send", "c1", "n0", 0), event("recv", "c1", "n0", 0)],
      availability: "total",
    });
    expect(Object.keys(results)).toEqual([
      "perf",
      "timeline",
      "exceptions",
      "stats",
      "availability",
      "net",
      "workload",
      "valid?",
    ]);
    expect(results.perf).toEqual({
      "latency-graph": { "valid?": true },
      "rate-graph": { "valid?": true },
      "valid?": true,
    });
    expect(results["valid?"]).toBe(true);
    expect(toJsonValue(results)).toMatchObject({
      availability: { "valid?": true, "ok-fraction": 1 },
      net: { all: { "msg-count": 1, "msgs-per-op": 0.5 } },
      workload: {
        "valid?": true,
        "stable-latencies": { "0": 0, "0.5": 0, "0.95": 0, "0.99": 0, "1": 0 },
        lost: [],
        "worst-stale": [],
      },
      "valid?": true,
    });
  });

  it("is unknown overall when the workload checker throws", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "read", null, 0);
    h.ok(0, "read", "not a list", 1);
    const results = checkTest({ workload: "broadcast", history: h.ops, net: [] });
    expect(results.workload).toMatchObject({ "valid?": kw("unknown") });
    expect(results["valid?"]).toBe(kw("unknown"));
    expect(printEdn(results)).toContain(":workload {:valid? :unknown,");
  });
});
