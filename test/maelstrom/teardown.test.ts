// The end of a run in Maelstrom's order: clients closed, history written and nodes killed while
// the network still delivers and journals, the network closed last. Virtual time, so the steps'
// real I/O takes no simulated time and the counts are exact.
import { describe, expect, it } from "vitest";
import { NS_PER_MS } from "../../maelstrom/clock.js";
import { Network } from "../../maelstrom/net/network.js";
import type { JournalEvent } from "../../maelstrom/output/history.js";
import { RunLog } from "../../maelstrom/output/log.js";
import { TeardownWindow, tearDown } from "../../maelstrom/teardown.js";
import { VirtualScheduler } from "../../maelstrom/virtual-scheduler.js";

describe("teardown", () => {
  it("keeps the network delivering and journaling until the nodes are stopped", async () => {
    const scheduler = new VirtualScheduler();
    const events: JournalEvent[] = [];
    const window = new TeardownWindow();
    const network = new Network({
      scheduler,
      latencyMs: () => 0,
      onEvent: (event) => {
        events.push(event);
        window.add(event);
      },
    });
    const steps: string[] = [];
    for (const id of ["n0", "n1", "c0"])
      network.add(id, (m) => steps.push(`${id} got ${m.body.type}`));
    network.send("n0", "n1", { type: "before" }); // not in the window
    scheduler.at(5 * NS_PER_MS, () => {}); // due during the real I/O: must not move the clock
    const work = tearDown({
      scheduler,
      network,
      window,
      log: new RunLog({ quiet: true }),
      closeClients: () => {
        network.remove("c0");
        steps.push("clients closed");
      },
      writeHistory: async () => {
        await new Promise((done) => setTimeout(done, 20)); // real I/O
        network.send("n0", "n1", { type: "while-writing" });
        network.send("n1", "n0", { type: "while-writing" });
        steps.push("history written");
      },
      stopNodes: async () => {
        network.send("n1", "n0", { type: "while-stopping" });
        steps.push("nodes stopped");
      },
    });
    const report = await scheduler.runUntilSettled(work);
    network.send("n0", "n1", { type: "after" });
    await scheduler.run();
    expect(steps).toEqual([
      "n1 got before",
      "clients closed",
      "n1 got while-writing",
      "n0 got while-writing",
      "history written",
      "n0 got while-stopping",
      "nodes stopped",
    ]);
    expect(events.map((e) => `${e.type} ${e.message.body.type}`)).not.toContain("send after");
    expect(events.filter((e) => e.type === "recv")).toHaveLength(4);
    // Virtual time stands still while real I/O runs, so the window is exactly as long as the
    // simulated events in it, here none.
    expect(report).toEqual({ ms: 0, historyMs: 0, serverMessages: 3 });
  });
});
