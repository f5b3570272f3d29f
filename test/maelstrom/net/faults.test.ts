// Each fault beyond partitions, on a tiny simulated run, changes what it should and nothing
// else: counts in the journal, no deliveries to a paused node, a crashed node initialised again.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FaultKind } from "../../../maelstrom/net/faults.js";
import type { JournalEvent, Op } from "../../../maelstrom/output/history.js";
import { simulate } from "../../../maelstrom/simulate.js";
import { createProgram } from "../../../src/bin/broadcast.js";

const store = mkdtempSync(join(tmpdir(), "treecast-faults-"));
const LATENCY_MS = 20;

async function run(kind: FaultKind | null) {
  const result = await simulate({
    test: {
      workload: "broadcast",
      nodeCount: 5,
      timeLimitS: 6,
      rate: 40,
      latencyMs: LATENCY_MS,
      nemesis: kind ? [kind] : [],
      faults: kind ? { [kind]: { intervalS: 1, intensity: 0.5 } } : {},
      seed: 11,
      storeDir: store,
    },
    program: createProgram({}),
  });
  const lines = (file: string) =>
    readFileSync(join(result.dir, file), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  return {
    result,
    journal: lines("net-journal.jsonl") as JournalEvent[],
    nemesis: (lines("history.jsonl") as Op[]).filter((op) => op.process === "nemesis"),
  };
}

const faulted = (journal: JournalEvent[], fault: string) =>
  journal.filter((e) => e.fault === fault);
const recvs = (journal: JournalEvent[], id: number) =>
  journal.filter((e) => e.type === "recv" && e.message.id === id).length;

describe("faults", () => {
  it("are off by default", async () => {
    const { journal, nemesis, result } = await run(null);
    expect(journal.filter((e) => e.fault !== undefined)).toEqual([]);
    expect(nemesis).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it("loss: harmed sends are journaled and never received", async () => {
    const { journal, nemesis, result } = await run("loss");
    const lost = faulted(journal, "loss");
    expect(lost.length).toBeGreaterThan(5);
    for (const event of lost) expect(recvs(journal, event.message.id)).toBe(0);
    expect(nemesis.map((op) => op.f)).toContain("start-loss");
    expect(nemesis.at(-1)!.f).toBe("stop-loss");
    expect(result.exitCode).toBe(0);
  });

  it("duplicate: the copy is journaled and the message received twice", async () => {
    const { journal, result } = await run("duplicate");
    const copies = faulted(journal, "duplicate");
    expect(copies.length).toBeGreaterThan(5);
    for (const event of copies) expect(recvs(journal, event.message.id)).toBe(2);
    expect(result.exitCode).toBe(0);
  });

  it("delay: sends on a slowed link take ten times the latency", async () => {
    const { journal, nemesis } = await run("delay");
    const slow = faulted(journal, "delay");
    expect(slow.length).toBeGreaterThan(5);
    for (const event of slow) expect(event.deadline! - event.time).toBe(10 * LATENCY_MS * 1e6);
    const started = nemesis.find((op) => op.f === "start-delay" && op.value !== null)!;
    const links = (started.value as { links: string[] }).links;
    expect(links.length).toBe(10); // half of the 20 directed links
  });

  it("pause: a paused node receives nothing until it is resumed", async () => {
    const { journal, nemesis, result } = await run("pause");
    const windows = nemesis.filter((op) => op.f === "start-pause" && op.value !== null);
    expect(windows.length).toBeGreaterThan(0);
    for (const start of windows) {
      const stop = nemesis.find((op) => op.f === "stop-pause" && op.index > start.index)!;
      const paused = start.value as string[];
      expect(paused.length).toBe(3); // ⌈0.5 × 5⌉
      const during = journal.filter(
        (e) =>
          e.type === "recv" &&
          paused.includes(e.message.dest) &&
          e.time > start.time &&
          e.time < stop.time,
      );
      expect(during).toEqual([]);
      // What was held is delivered on the resume.
      const after = journal.filter(
        (e) => e.type === "recv" && paused.includes(e.message.dest) && e.time >= stop.time,
      );
      expect(after[0]!.time).toBe(stop.time);
    }
    expect(result.exitCode).toBe(0);
  });

  it("crash: a crashed node is started again and gets init again", async () => {
    const { journal, nemesis } = await run("crash");
    const crashed = nemesis.find((op) => op.f === "start-crash" && op.value !== null)!;
    const node = (crashed.value as string[])[0]!;
    const inits = journal.filter(
      (e) => e.type === "recv" && e.message.dest === node && e.message.body.type === "init",
    );
    expect(inits.length).toBeGreaterThanOrEqual(2);
    expect(inits[1]!.time).toBeGreaterThan(crashed.time);
  });
});
