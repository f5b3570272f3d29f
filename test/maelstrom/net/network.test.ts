import { describe, expect, it } from "vitest";
import { JVM_WAKE_UP_NS } from "../../../maelstrom/clock.js";
import { type NetMessage, Network, sleepBeforeDelivery } from "../../../maelstrom/net/network.js";
import type { JournalEvent } from "../../../maelstrom/output/history.js";
import { VirtualScheduler } from "../../../maelstrom/virtual-scheduler.js";

const MS = 1_000_000;
/** Maelstrom's receiver wakes about 0.1 ms after the whole milliseconds it slept. */
const WAKE = JVM_WAKE_UP_NS / MS;

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
  it("delays server messages by the latency, truncated as Maelstrom sleeps, and client messages not at all", async () => {
    const { scheduler, network, inbox } = setup(100);
    network.send("n0", "n1", { type: "gossip" });
    network.send("c9", "n2", { type: "read", msg_id: 1 });
    network.send("n2", "c9", { type: "read_ok", in_reply_to: 1 });
    await scheduler.run();
    // An idle receiver dequeues just after the send: it sleeps 99 whole ms, then wakes.
    expect(inbox.n1!.map((d) => d.at)).toEqual([99 + WAKE]);
    expect(inbox.n2!.map((d) => d.at)).toEqual([0]);
    expect(inbox.c9!.map((d) => d.at)).toEqual([0]);
  });

  it("sleeps whole milliseconds, truncated, so a message lands up to 1 ms before its deadline", async () => {
    expect([0, 0.3, 1, 1.4, 10, 10.999].map((ms) => sleepBeforeDelivery(ms * MS) / MS)).toEqual([
      0, 0, 0, 1, 9, 10,
    ]);
    const { scheduler, network, events, inbox } = setup(100);
    network.send("n0", "n1", { type: "first" }); // n1 dequeues it at once and sleeps on it
    scheduler.at(0.05 * MS, () => network.send("n2", "n1", { type: "close" })); // due 100.05
    scheduler.at(0.5 * MS, () => network.send("n2", "n1", { type: "near" })); // due 100.5
    scheduler.at(10.4 * MS, () => network.send("n2", "n1", { type: "far" })); // due 110.4
    await scheduler.run();
    expect(WAKE).toBe(0.1);
    expect(inbox.n1!.map((d) => [d.message.body.type, d.at])).toEqual([
      ["first", 99.1],
      ["close", 99.1], // 0.95 ms left: (long dt) is 0, no sleep
      ["near", 100.2], // 1.4 ms left: sleeps 1
      ["far", 110.3], // 10.2 ms left: sleeps 10
    ]);
    // No message arrives after its deadline; none more than a millisecond before it.
    const due = new Map(
      events.filter((e) => e.type === "send").map((e) => [e.message.id, e.deadline!]),
    );
    for (const e of events.filter((e) => e.type === "recv")) {
      const offset = (e.time - due.get(e.message.id)!) / MS;
      expect(offset).toBeGreaterThan(-1);
      expect(offset).toBeLessThanOrEqual(0);
    }
  });

  it("hands a client its messages, and journals them, only while it listens", async () => {
    const scheduler = new VirtualScheduler();
    const events: JournalEvent[] = [];
    const network = new Network({ scheduler, latencyMs: () => 0, onEvent: (e) => events.push(e) });
    const got: unknown[] = [];
    network.add("n0", () => {});
    network.add("c0", (message) => got.push(message.body.type), { onlyWhileListening: true });
    network.send("n0", "c0", { type: "late-reply" });
    await scheduler.run();
    expect([got, events.map((e) => e.type)]).toEqual([[], ["send"]]);
    network.listen("c0", true); // the client's next RPC wait takes it, and it is journaled
    network.send("n0", "c0", { type: "reply" });
    network.listen("c0", false);
    network.send("n0", "c0", { type: "after" });
    await scheduler.run();
    expect(got).toEqual(["late-reply", "reply"]);
    expect(events.map((e) => `${e.type} ${e.message.body.type}`)).toEqual([
      "send late-reply",
      "recv late-reply",
      "send reply",
      "recv reply",
      "send after",
    ]);
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
      ["gossip", 99 + WAKE],
      ["read", 99 + WAKE],
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
      ["late", 9 + WAKE],
      ["later", 9 + WAKE],
    ]);
  });
});

describe("what the network carries", () => {
  it("hands each receiver a copy of the message as sent, and the JSON it journals", async () => {
    const scheduler = new VirtualScheduler();
    const lines: string[] = [];
    const network = new Network({
      scheduler,
      latencyMs: () => 10,
      onEvent: (e, json) => lines.push(`${e.type} ${json}`),
    });
    const got: Array<{ message: NetMessage; json: string }> = [];
    network.add("n0", () => {});
    network.add("n1", (message, json) => got.push({ message, json }));
    const body = { type: "gossip", values: [1, 2] };
    network.send("n0", "n1", body);
    network.send("n0", "n1", body);
    body.values.push(3); // the sender changes its object after sending
    await scheduler.run();
    const json = '{"id":0,"src":"n0","dest":"n1","body":{"type":"gossip","values":[1,2]}}';
    expect(got[0]).toEqual({ message: JSON.parse(json), json });
    expect(got[1]!.message.body).toEqual({ type: "gossip", values: [1, 2] });
    expect(got[1]!.message.body).not.toBe(got[0]!.message.body);
    expect(lines.slice(0, 2)).toEqual([`send ${json}`, `send ${json.replace('"id":0', '"id":1')}`]);
    expect(lines.filter((line) => line.startsWith("recv"))).toHaveLength(2);
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
