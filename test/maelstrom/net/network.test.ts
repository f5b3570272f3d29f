import { describe, expect, it } from "vitest";
import { type NetMessage, Network } from "../../../maelstrom/net/network.js";
import type { JournalEvent } from "../../../maelstrom/output/history.js";
import { VirtualScheduler } from "../../../maelstrom/virtual-scheduler.js";

const MS = 1_000_000;

function setup(latencyMs = 100) {
  const scheduler = new VirtualScheduler();
  const events: JournalEvent[] = [];
  const network = new Network({
    scheduler,
    latencyMs: () => latencyMs,
    onEvent: (e) => events.push(e),
  });
  const inbox: Record<string, Array<{ at: number; message: NetMessage }>> = {};
  for (const id of ["n0", "n1", "n2", "c9"]) {
    inbox[id] = [];
    network.add(id, (message) => inbox[id]!.push({ at: scheduler.now() / MS, message }));
  }
  return { scheduler, network, events, inbox };
}

describe("network", () => {
  it("delays server messages by the latency and client messages not at all", async () => {
    const { scheduler, network, inbox } = setup(100);
    network.send("n0", "n1", { type: "gossip" });
    network.send("c9", "n2", { type: "read", msg_id: 1 });
    network.send("n2", "c9", { type: "read_ok", in_reply_to: 1 });
    await scheduler.run();
    expect(inbox.n1!.map((d) => d.at)).toEqual([100]);
    expect(inbox.n2!.map((d) => d.at)).toEqual([0]);
    expect(inbox.c9!.map((d) => d.at)).toEqual([0]);
  });

  it("keeps FIFO order per pair under constant latency", async () => {
    const { scheduler, network, inbox } = setup(50);
    for (let i = 0; i < 5; i++) network.send("n0", "n1", { type: "gossip", i });
    await scheduler.run();
    expect(inbox.n1!.map((d) => d.message.body.i)).toEqual([0, 1, 2, 3, 4]);
  });

  it("blocks a client request behind a server message the receiver is sleeping on", async () => {
    const { scheduler, network, inbox } = setup(100);
    network.send("n0", "n1", { type: "gossip" }); // dequeued at once, due at 100 ms
    scheduler.at(10 * MS, () => network.send("c9", "n1", { type: "read", msg_id: 1 }));
    await scheduler.run();
    expect(inbox.n1!.map((d) => [d.message.body.type, d.at])).toEqual([
      ["gossip", 100],
      ["read", 100],
    ]);
  });

  it("checks partitions when a message is dequeued, and journals the send anyway", async () => {
    const { scheduler, network, events, inbox } = setup(100);
    network.send("n0", "n1", { type: "before" }); // dequeued before the partition: delivered
    network.send("n2", "n1", { type: "queued" }); // waits behind it, dequeued during the partition
    network.setPartitions(new Map([["n1", new Set(["n0", "n2"])]]));
    network.send("n0", "n1", { type: "during" });
    scheduler.at(150 * MS, () => network.setPartitions(new Map()));
    scheduler.at(150 * MS, () => network.send("n0", "n1", { type: "after" }));
    await scheduler.run();
    expect(inbox.n1!.map((d) => d.message.body.type)).toEqual(["before", "after"]);
    expect(events.filter((e) => e.type === "send")).toHaveLength(4);
    expect(events.filter((e) => e.type === "recv").map((e) => e.message.body.type)).toEqual([
      "before",
      "after",
    ]);
  });

  it("rejects messages to unknown or closed participants and never reuses client names", () => {
    const { network } = setup();
    expect(() => network.send("n0", "n7", { type: "x" })).toThrow(/Invalid dest/);
    network.remove("c9");
    expect(() => network.send("n0", "c9", { type: "x" })).toThrow(/Invalid dest/);
    expect([network.allocateClientId(), network.allocateClientId()]).toEqual(["c0", "c1"]);
  });
});

describe("network re-entrancy", () => {
  it("keeps one loop per receiver when a delivery sends to the same receiver", async () => {
    const scheduler = new VirtualScheduler();
    const network = new Network({ scheduler, latencyMs: () => 10, onEvent: () => {} });
    const got: Array<[string, number]> = [];
    network.add("n0", () => {});
    network.add("c1", () => {});
    network.add("n1", (message) => {
      got.push([message.body.type, scheduler.now() / MS]);
      // An in-process node answering synchronously, to itself via a client-free path.
      if (message.body.type === "first") network.send("c1", "n1", { type: "from-client" });
    });
    network.send("c1", "n1", { type: "first" });
    network.send("n0", "n1", { type: "late" }); // due at 10 ms
    network.send("n0", "n1", { type: "later" });
    await scheduler.run();
    expect(got).toEqual([
      ["first", 0],
      ["from-client", 0],
      ["late", 10],
      ["later", 10],
    ]);
  });
});

describe("network teardown", () => {
  it("drops and does not journal anything sent after close", async () => {
    const { scheduler, network, events, inbox } = setup(10);
    network.send("n0", "n1", { type: "before" });
    network.close();
    network.send("n0", "n1", { type: "after" });
    await scheduler.run();
    expect(events.map((e) => [e.type, e.message.body.type])).toEqual([["send", "before"]]);
    expect(inbox.n1).toEqual([]);
  });
});
