import { describe, expect, it } from "vitest";
import { VirtualScheduler } from "../../maelstrom/virtual-scheduler.js";

describe("the virtual scheduler", () => {
  it("keeps time in whole nanoseconds when a timer asks for a fraction", async () => {
    const scheduler = new VirtualScheduler();
    const seen: number[] = [];
    scheduler.at(0.3e6 + 0.25, () => seen.push(scheduler.now())); // a node's 0.30000025 ms timer
    scheduler.at(7_749_048_972.000001, () => seen.push(scheduler.now()));
    await scheduler.run();
    expect(seen).toEqual([300_001, 7_749_048_973]);
    expect(seen.every(Number.isInteger)).toBe(true);
  });
});
