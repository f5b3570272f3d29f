import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("waits for file I/O in flight however long it takes, but not for nothing", async () => {
    // Opening a FIFO for reading blocks (in libuv's thread pool) until a writer opens it: a
    // request in flight with no event scheduled, as when a run's journal is being flushed.
    const fifo = join(mkdtempSync(join(tmpdir(), "treecast-stall-")), "fifo");
    execFileSync("mkfifo", [fifo]);
    const stallMs = 20;
    const reading = readFile(fifo, "utf8");
    const writer = new Promise<void>((resolve) =>
      setTimeout(() => resolve(writeFile(fifo, "written")), 15 * stallMs),
    );
    const scheduler = new VirtualScheduler();
    await expect(scheduler.runUntilSettled(reading, stallMs)).resolves.toBe("written");
    await writer;
    await expect(
      new VirtualScheduler().runUntilSettled(new Promise(() => {}), stallMs),
    ).rejects.toThrow(/virtual run stalled/);
  });
});
