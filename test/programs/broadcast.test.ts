import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { EMPTY_SUMMARY, summaryToJson } from "../../crdt/index.js";
import { PROFILES } from "../../src/programs/broadcast/config.js";
import { broadcast } from "../../src/programs/broadcast.js";
import { ErrorCode } from "../../src/runtime/errors.js";
import type { Message } from "../../src/runtime/protocol.js";
import { testNode } from "../support/harness-node.js";
import { BroadcastCluster } from "./broadcast-cluster.js";

const sorted = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();
const gossipOf = (messages: Message[]) => messages.filter((m) => m.body.type === "gossip");

describe("broadcast node, on its own", () => {
  it("answers topology, broadcast and read, returning each value once", () => {
    const t = testNode(broadcast());
    t.init("n0", ["n0"]);
    expect(t.request("c0", { type: "topology", msg_id: 2, topology: { n0: [] } })[0]?.body).toEqual(
      { type: "topology_ok", in_reply_to: 2 },
    );
    const values = [1, 2, 1, { a: [1] }, { a: [1] }, "x", null];
    values.forEach((message, i) => {
      const [reply] = t.request("c1", { type: "broadcast", msg_id: 10 + i, message });
      expect(reply?.body).toEqual({ type: "broadcast_ok", in_reply_to: 10 + i });
    });
    const [read] = t.request("c1", { type: "read", msg_id: 99 });
    expect(read?.body.type).toBe("read_ok");
    expect(sorted(read?.body.messages as unknown[])).toEqual(sorted([1, 2, { a: [1] }, "x", null]));
    // A single node has nobody to gossip with.
    t.clock.advanceBy(10_000);
    expect(gossipOf(t.sent)).toEqual([]);
  });

  it("rejects a broadcast without a message", () => {
    const t = testNode(broadcast());
    t.init("n0", ["n0"]);
    const [reply] = t.request("c1", { type: "broadcast", msg_id: 3 });
    expect(reply?.body).toMatchObject({ type: "error", code: ErrorCode.malformedRequest });
  });

  it("answers malformed gossip with an error and a log line, and changes nothing", () => {
    const t = testNode(broadcast());
    t.init("n0", ["n0", "n1", "n2"]);
    t.request("c1", { type: "broadcast", msg_id: 2, message: 7 });
    const bad: Array<[string, Record<string, unknown>, string?]> = [
      ["no summary", {}],
      ["summary not an object", { summary: [1] }],
      ["summary with a stranger", { summary: { "3000000000": 1 } }],
      ["summary count negative", { summary: { "1": -1 } }],
      ["delta not base64", { summary: {}, delta: "!!" }],
      ["delta of random bytes", { summary: {}, delta: "AAECAwQFBgcICQ==" }],
      ["delta in plain format", { summary: {}, delta: { n1: { from: 0, values: [1] } } }],
      ["want_ack not a boolean", { summary: {}, want_ack: "yes" }],
      ["sent_at not a number", { summary: {}, sent_at: "now" }],
      ["tick malformed", { summary: {}, tick: { sent_at: 1, waited: 2, every: 0 } }],
      ["from a client", { summary: {} }, "c3"],
      ["from itself", { summary: {} }, "n0"],
    ];
    bad.forEach(([why, body, src = "n1"], i) => {
      t.logs.length = 0;
      const [reply] = t.request(src, { type: "gossip", epoch: 1, msg_id: 100 + i, ...body });
      expect(reply?.body, why).toMatchObject({
        type: "error",
        in_reply_to: 100 + i,
        code: ErrorCode.malformedRequest,
      });
      expect(t.logs.join("\n"), why).toMatch(/error handling .*gossip.* from/);
    });
    // Without a msg_id there is nobody to answer: only the log line.
    t.logs.length = 0;
    expect(t.request("n1", { type: "gossip", epoch: 1, summary: 5 })).toEqual([]);
    expect(t.logs.join("\n")).toMatch(
      /error handling .*gossip.* from n1: .*summary must be a JSON object/,
    );
    const [read] = t.request("c1", { type: "read", msg_id: 999 });
    expect(read?.body.messages).toEqual([7]);
  });

  it("answers want_ack at once with its summary and what the asker lacks", () => {
    const t = testNode(broadcast());
    t.init("n1", ["n0", "n1", "n2"]);
    t.request("c1", { type: "broadcast", msg_id: 2, message: "mine" });
    const out = t.request("n0", { type: "gossip", epoch: 1, summary: {}, want_ack: true });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      src: "n1",
      dest: "n0",
      // epoch = its clock at init (1 ms); yjs client id = index + n · epoch = 1 + 3 · 1.
      body: { type: "gossip", epoch: 1, summary: { "4": 1 } },
    });
    expect(typeof out[0]?.body.delta).toBe("string");
    expect(out[0]?.body.want_ack).toBeUndefined();
  });

  it("sends a neighbour only the summary entries that grew since its last message, whole every retryMs / 2", () => {
    const { tickMs, retryMs } = PROFILES.default;
    const t = testNode(broadcast({ ...PROFILES.default, replica: "plain" }));
    t.init("n0", ["n0", "n1", "n2"]); // the hub
    const push = (src: string, value: string) =>
      t.request(src, {
        type: "gossip",
        epoch: 1,
        summary: { [src]: 1 },
        delta: { [src]: { from: 0, values: [value] } },
      });
    push("n1", "a");
    t.request("c1", { type: "broadcast", msg_id: 2, message: "x" });
    t.clock.advanceBy(tickMs);
    const summariesTo = (dest: string) =>
      gossipOf(t.sent)
        .filter((m) => m.dest === dest)
        .map((m) => m.body.summary);
    // The hub adopts what its children write into its own log ("a", then its own "x"), and
    // tells n1 nothing of n2's log.
    expect(summariesTo("n1")).toEqual([{ n0: 2, n1: 1 }]);
    push("n2", "b");
    t.clock.advanceBy(tickMs);
    expect(summariesTo("n1")).toEqual([{ n0: 2, n1: 1 }, { n0: 3 }]);
    t.clock.advanceBy(retryMs / 2);
    t.request("c1", { type: "broadcast", msg_id: 3, message: "y" });
    t.clock.advanceBy(tickMs);
    expect(summariesTo("n1").at(-1)).toEqual({ n0: 4, n1: 1 });
  });

  it("keeps a node that gossips from outside its tree view as a child", () => {
    // In a star around n0, n1 and n2 are leaves; n2 gossips to n1 anyway (other settings).
    const t = testNode(broadcast());
    t.init("n1", ["n0", "n1", "n2"]);
    t.request("n2", { type: "gossip", epoch: 1, summary: {} });
    t.request("c1", { type: "broadcast", msg_id: 2, message: 5 });
    t.clock.advanceBy(PROFILES.default.tickMs);
    expect(
      gossipOf(t.sent)
        .map((m) => m.dest)
        .sort(),
    ).toEqual(["n0", "n2"]);
  });
});

describe("broadcast cluster", () => {
  it("spreads every value to every node through the star", () => {
    const c = new BroadcastCluster({ nodes: 5 });
    const values = c.ids.flatMap((id, i) => [i, { from: id }]);
    c.ids.forEach((id, i) => {
      c.broadcast(id, i);
      c.broadcast(id, { from: id });
    });
    c.run(1000);
    expect(c.converged(values)).toBe(true);
    expect(c.logs.filter((l) => !l.includes(": broadcast n"))).toEqual([]);
  });

  it("adopts children's values, so a node holds only its own, its children's and its ancestors' logs", () => {
    // Fan-out 2 over 7 nodes: n0 the root; n1, n2 inner; n3–n6 leaves (n3, n4 under n1).
    for (const replica of ["yjs", "plain"] as const) {
      const c = new BroadcastCluster({ nodes: 7, config: { fanout: 2, replica } });
      for (const [i, id] of c.ids.entries()) c.broadcast(id, i);
      c.run(3000);
      expect(c.converged([0, 1, 2, 3, 4, 5, 6]), replica).toBe(true);
      const writersAt = (id: string) => Object.keys(c.states.get(id)!.replica.summaryByOrigin());
      expect(writersAt("n3").sort(), replica).toEqual(["n0", "n1", "n3"]);
      expect(writersAt("n1").sort(), replica).toEqual(["n0", "n1", "n3", "n4"]);
      expect(writersAt("n0").sort(), replica).toEqual(["n0", "n1", "n2"]);
      // No leaf's log leaves its parent: n4's value reached n6 as the root's (adopted twice).
      const logsOf = (m: Message) => Object.keys(m.body.summary as object);
      const toLeaves = c.serverMessages.filter((m) => ["n3", "n4", "n5", "n6"].includes(m.dest));
      expect(toLeaves.length, replica).toBeGreaterThan(0);
      for (const m of toLeaves) expect(logsOf(m).length, replica).toBeLessThanOrEqual(3);
      expect(c.states.get("n0")!.replica.summaryByOrigin().n0, replica).toBe(7);
    }
  });

  it("keeps a child whose only news was its own values within reach (fast-check counterexample)", () => {
    // A chain n0–n1–n2–n3. n2's delayed ack to n3 carried only n3's own value, adopted into
    // n2's log; n3's answer was cut. Were that send counted as unacknowledged data, n3 would
    // be presumed cut off with no retry due, and n0's values would never reach it.
    const config = { fanout: 1, leafFlushMs: 0, tickMs: 200, retryMs: 1000 };
    const c = new BroadcastCluster({ nodes: 4, config });
    c.partition(["n0"], ["n1", "n2", "n3"]);
    c.broadcast("n3", 0);
    c.run(583);
    c.heal();
    c.broadcast("n0", 1);
    c.run(117);
    c.broadcast("n0", 2);
    c.partition(["n2"], ["n0", "n1", "n3"]);
    c.broadcast("n0", 3);
    c.run(600);
    c.heal();
    c.run(4000);
    expect(c.converged([0, 1, 2, 3])).toBe(true);
  });

  it("retries a partitioned leaf until the partition heals; then nothing is lost", () => {
    const { retryMs } = PROFILES.default;
    const c = new BroadcastCluster({ nodes: 5 });
    c.run(500);
    c.isolate("n3");
    const start = c.serverMessages.length;
    c.broadcast("n0", -1); // so that something is sent at once
    const values: number[] = [-1];
    for (let i = 0; i < 40; i++) {
      const at = c.ids[i % 5]!;
      c.broadcast(at, i);
      values.push(i);
      c.run(250);
    }
    c.run(1000);
    // 10 s cut off: n3 holds only its own values, the others hold everything but n3's.
    expect(sorted(c.read("n3"))).toEqual(sorted(values.filter((v) => v % 5 === 3)));
    expect(sorted(c.read("n1"))).toEqual(sorted(values.filter((v) => v % 5 !== 3)));
    // Once n3 has been silent for a retry interval, only retries cross the cut: about one per
    // retry interval each way (rule 7), instead of a push per tick or per broadcast.
    // Each side stops pushing a retry interval after its first unacknowledged push across.
    const firstAcross = (src: string, dest: string) =>
      c.serverTimes[
        c.serverMessages.findIndex((m, i) => i >= start && m.src === src && m.dest === dest)
      ]!;
    const cutAt = Math.max(firstAcross("n0", "n3"), firstAcross("n3", "n0"));
    const across = c.serverMessages
      .map((m, i) => ({ m, at: c.serverTimes[i]! }))
      .filter(({ m, at }) => at > cutAt + retryMs + 100 && (m.src === "n3" || m.dest === "n3"));
    expect(across.length).toBeGreaterThanOrEqual(2);
    expect(across.length).toBeLessThanOrEqual(2 * Math.ceil((11_000 - retryMs) / retryMs));
    expect(across.every(({ m }) => m.body.want_ack === true)).toBe(true);
    c.heal();
    c.run(retryMs + 1000);
    expect(c.converged(values)).toBe(true);
  });

  it("survives a partition of the hub", () => {
    const c = new BroadcastCluster({ nodes: 6, config: { replica: "plain" } });
    c.isolate("n0");
    for (let i = 0; i < 12; i++) c.broadcast(c.ids[i % 6]!, i);
    c.run(8000);
    expect(c.read("n2")).toEqual([2, 8]);
    c.heal();
    c.run(PROFILES.default.retryMs + 1000);
    expect(c.converged(Array.from({ length: 12 }, (_, i) => i))).toBe(true);
  });

  it("sends no retries and few bare acks while values keep coming", () => {
    const c = new BroadcastCluster({ nodes: 10 });
    for (let i = 0; i < 400; i++) {
      c.broadcast(c.ids[i % 10]!, i);
      c.run(25);
    }
    const stats = [...c.states.values()].map((s) => s.gossip.stats);
    expect(stats.reduce((sum, s) => sum + s.retries, 0)).toBe(0);
    expect(stats.reduce((sum, s) => sum + s.acks, 0)).toBeLessThanOrEqual(2);
    // Hub: one push per leaf per tick and a copy of each of its 40 broadcasts (copyBeforeOk);
    // leaves: one push per broadcast; the hub's greetings at init.
    const ticks = Math.floor(c.clock.now() / PROFILES.default.tickMs);
    expect(c.serverMessages.length).toBeLessThanOrEqual(9 * ticks + 40 + 360 + 9);
  });

  it("times the pushes of leaves to reach the hub just before its tick", () => {
    const { tickMs, alignMarginMs } = PROFILES.efficient;
    const c = new BroadcastCluster({ nodes: 4, config: PROFILES.efficient, latencyMs: 80 });
    for (let i = 0; i < 60; i++) {
      c.broadcast(c.ids[1 + (i % 3)]!, i);
      c.run(137);
    }
    const hubTicks = c.serverMessages.filter((m) => m.src === "n0").map((m) => m.body.tick);
    expect(hubTicks.length).toBeGreaterThan(10);
    // After the first exchange, every leaf push arrives alignMarginMs before a tick: the hub
    // reports that it waited exactly that long.
    const waits = hubTicks
      .filter((t) => t !== undefined)
      .map((t) => (t as { waited: number }).waited);
    expect(waits.slice(6).every((w) => w === alignMarginMs)).toBe(true);
    c.run(3 * tickMs);
    expect(c.converged(Array.from({ length: 60 }, (_, i) => i))).toBe(true);
    expect(tickMs).toBeGreaterThan(alignMarginMs);
  });

  it("runs an extra tick when an aligned push misses the hub's tick", () => {
    const { tickMs, alignMarginMs } = PROFILES.efficient;
    let late = false;
    const c = new BroadcastCluster({
      nodes: 4,
      config: PROFILES.efficient,
      // Once, a stall delays an aligned push of n2 past the tick.
      jitter: (m) => {
        if (!late || m.src !== "n2" || m.body.for_tick !== true) return 0;
        late = false;
        return 2 * alignMarginMs;
      },
    });
    c.broadcast("n2", "warm-up");
    c.run(3 * tickMs);
    const hub = c.states.get("n0")!.gossip.stats;
    expect(hub.extraTicks).toBe(0);
    late = true;
    c.broadcast("n2", "late");
    const sentAt = c.clock.now();
    // Aligned push + 100 ms + missed by one margin + extra tick one margin later + 100 ms.
    c.run(tickMs + 200 + 2 * alignMarginMs + 1);
    expect(late).toBe(false);
    expect(hub.extraTicks).toBe(1);
    expect(c.read("n1")).toContain("late");
    expect(c.read("n3")).toContain("late");
    expect(c.clock.now() - sentAt).toBeLessThan(tickMs + 400);
  });

  test.prop(
    [
      fc.record({
        nodes: fc.integer({ min: 2, max: 9 }),
        fanout: fc.integer({ min: 1, max: 8 }),
        replica: fc.constantFrom("yjs" as const, "plain" as const),
        leafFlushMs: fc.constantFrom(0, 300),
        steps: fc.array(
          fc.record({
            at: fc.nat(),
            cut: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), { freq: 3 }),
            wait: fc.integer({ min: 0, max: 1500 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
      }),
    ],
    { numRuns: 25 },
  )("converges after any partitions heal, in any tree, losing nothing", (run) => {
    const c = new BroadcastCluster({
      nodes: run.nodes,
      config: {
        fanout: run.fanout,
        replica: run.replica,
        leafFlushMs: run.leafFlushMs,
        tickMs: 200,
        retryMs: 1000,
      },
    });
    const values: number[] = [];
    run.steps.forEach((step, i) => {
      if (step.cut === null) c.heal();
      else {
        const side = step.cut.map((k) => c.ids[k % run.nodes]!);
        c.partition(
          side,
          c.ids.filter((id) => !side.includes(id)),
        );
      }
      c.broadcast(c.ids[step.at % run.nodes]!, i);
      values.push(i);
      c.run(step.wait);
    });
    c.heal();
    c.run(4000);
    expect(c.converged(values)).toBe(true);
  });
});

describe("crash and restart (boot epochs)", () => {
  const { retryMs } = PROFILES.default;

  it("makes the neighbours of a quiet restarted hub resend everything it had acknowledged", () => {
    const c = new BroadcastCluster({ nodes: 4 });
    const values = [10, 11, 12, 13];
    values.forEach((v, i) => {
      c.broadcast(c.ids[i]!, v);
    });
    c.run(2000);
    expect(c.converged(values)).toBe(true);
    c.run(1000); // everything acknowledged, nothing left to send
    c.restart("n0");
    expect(c.read("n0")).toEqual([]);
    // No client writes anywhere: only the restarted hub's greeting tells the leaves.
    c.run(retryMs / 2 + 500);
    expect(c.converged(values)).toBe(true);
    for (const leaf of ["n1", "n2", "n3"]) {
      expect(c.states.get(leaf)!.gossip.stats.restartsSeen).toBe(1);
    }
    expect(c.states.get("n0")!.gossip.stats.greetings).toBe(3);
  });

  it("gives the restarted node a new yjs client id, so its new values are not taken as known", () => {
    const c = new BroadcastCluster({ nodes: 3 });
    c.broadcast("n1", "old");
    c.run(2000);
    c.restart("n1");
    const before = c.states.get("n1")!.replica.summary();
    c.broadcast("n1", "new"); // its first write again, at clock 0 of its yjs client
    c.run(retryMs);
    expect(c.converged(["old", "new"])).toBe(true);
    // At the hub, its parent: two incarnations of n1, two client ids; both count as n1's writes.
    const hub = c.states.get("n0")!.replica;
    expect([...hub.summary().keys()].filter((log) => hub.originOf(log) === "n1")).toHaveLength(2);
    expect(hub.summaryByOrigin().n1).toBe(2);
    expect(before).toEqual(EMPTY_SUMMARY);
  });

  it.each([
    [true, [7]],
    [false, []],
  ])(
    "copyBeforeOk %s: a value the hub acknowledged survives its crash right after the ok",
    (copyBeforeOk, kept) => {
      const c = new BroadcastCluster({ nodes: 3, config: { copyBeforeOk } });
      c.run(500);
      c.broadcast("n0", 7); // acknowledged; the hub's next tick is 250 ms away
      c.restart("n0");
      c.run(retryMs + 1000);
      // Without the copy the value died with the hub; with it, n1 held it and resent it.
      expect(c.converged(kept)).toBe(true);
    },
  );

  it("answers a push computed against what it held before its restart at once (rule 8)", () => {
    const c = new BroadcastCluster({ nodes: 3 });
    c.broadcast("n1", 1);
    c.broadcast("n2", 2);
    c.run(4000); // acknowledged everywhere, and the hub's retry timer has run out
    c.restart("n1"); // a leaf: it greets its parent only after retryMs / 2
    c.broadcast("n2", 3);
    // The hub's next tick pushes 3 to n1 as a delta that starts after 1 and 2, which n1 no longer
    // has; n1 answers, the hub learns of the restart and resends everything: well before the
    // greeting would have gone out.
    c.run(PROFILES.default.tickMs + 4 * 100 + 50);
    expect(sorted(c.read("n1"))).toEqual(sorted([1, 2, 3]));
    const hub = c.states.get("n0")!.gossip.stats;
    expect(hub.retries).toBe(0); // no want_ack asked for the answer
    expect(c.states.get("n1")!.gossip.stats.greetings).toBe(0);
    expect(hub.restartsSeen).toBe(1);
  });

  it("greets its children at once after a restart, so they resend what its dead life missed", () => {
    const c = new BroadcastCluster({ nodes: 3 });
    c.run(500);
    c.isolate("n0"); // as good as dead: what is sent to it is lost
    c.broadcast("n1", 5);
    c.run(200);
    c.heal();
    c.restart("n0");
    c.run(2 * 100 + 50); // the greeting reaches n1, whose resend reaches the hub
    c.restart("n1"); // and now the leaf crashes too
    c.run(retryMs + 1000);
    expect(c.converged([5])).toBe(true);
  });

  it("ignores the acknowledgement of a dead incarnation, and keeps resending", () => {
    const c = new BroadcastCluster({ nodes: 2 });
    c.broadcast("n0", 1);
    c.run(2000); // n1 has acknowledged the value (a delayed ack, rule 3)
    const hub = c.states.get("n0")!;
    c.restart("n1");
    c.cutOneWay("n0", "n1"); // the hub's resend after the restart is lost
    c.run(retryMs / 2 + 200);
    expect(hub.gossip.stats.restartsSeen).toBe(1);
    expect(c.read("n1")).toEqual([]);
    // A late message of n1's first life (epoch 1) claims it holds the value: were it believed,
    // the hub would stop retrying and n1 would stay empty.
    const stale = {
      type: "gossip",
      epoch: 1,
      summary: summaryToJson(hub.replica.summary(), hub.replica),
    };
    c.nodes.get("n0")!.receive({ src: "n1", dest: "n0", body: stale });
    c.heal();
    c.run(retryMs + 500);
    expect(c.read("n1")).toEqual([1]);
  });
});

describe("okAfterCopy", () => {
  // The reply is a promise's: let its callbacks run after the virtual clock moved.
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it("replies broadcast_ok only once a neighbour has acknowledged the value", async () => {
    const c = new BroadcastCluster({ nodes: 3, config: { okAfterCopy: true } });
    const replies: string[] = [];
    c.send("n0", { type: "broadcast", message: 1 }, (body) => replies.push(body.type));
    c.run(PROFILES.default.tickMs - 1);
    await settle();
    expect(replies).toEqual([]); // the hub holds it alone until its tick reaches a leaf
    c.run(2 * 100 + PROFILES.default.retryMs / 2); // pushed on the tick, acked (rule 3)
    await settle();
    expect(replies).toEqual(["broadcast_ok"]);
    const alone = new BroadcastCluster({ nodes: 1, config: { okAfterCopy: true } });
    alone.send("n0", { type: "broadcast", message: 2 }, (body) => replies.push(body.type));
    await settle(); // nobody to copy to: at once
    expect(replies).toEqual(["broadcast_ok", "broadcast_ok"]);
  });
});
