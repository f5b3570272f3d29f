// The baseline designs of the comparison, each through the real harness in virtual time: valid
// on the 3b shape (5 nodes, rate 10), valid under partitions where the design claims to be,
// and flood's message count on a tree exactly n−1 per broadcast.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lookup } from "../../maelstrom/challenges.js";
import type { TestOptionsInput } from "../../maelstrom/options.js";
import { simulate } from "../../maelstrom/simulate.js";
import { BASELINE_NAMES, BASELINES } from "../../src/programs/baselines/index.js";
import type { Program } from "../../src/runtime/node.js";

const store = mkdtempSync(join(tmpdir(), "treecast-baselines-"));

async function run(program: Program, test: Partial<TestOptionsInput>) {
  const { analysis } = await simulate({
    test: {
      workload: "broadcast",
      nodeCount: 5,
      rate: 10,
      timeLimitS: 20,
      seed: 3,
      storeDir: store,
      ...test,
    },
    program,
  });
  return analysis?.json;
}

describe("baseline designs", () => {
  for (const name of BASELINE_NAMES) {
    const { program, partitionTolerant } = BASELINES[name];
    it(`${name} is valid on the 3b shape`, async () => {
      const results = await run(program, { latencyMs: 100 });
      expect(lookup(results, ["valid?"])).toBe(true);
      expect(lookup(results, ["workload", "lost-count"])).toBe(0);
    });
    if (partitionTolerant)
      it(`${name} is valid under partitions`, async () => {
        const results = await run(program, { nemesis: ["partition"] });
        expect(lookup(results, ["valid?"])).toBe(true);
      });
  }

  it("flood loses values under partitions (it claims nothing else)", async () => {
    const results = await run(BASELINES.flood.program, { nemesis: ["partition"], seed: 1 });
    expect(lookup(results, ["workload", "lost-count"])).toBeGreaterThan(0);
  });

  it("flood sends n−1 messages per broadcast on a tree", async () => {
    const nodeCount = 13;
    const results = await run(BASELINES.flood.program, {
      nodeCount,
      topology: "tree3",
      latencyMs: 20,
      timeLimitS: 5,
    });
    const broadcasts = Number(lookup(results, ["stats", "by-f", "broadcast", "ok-count"]));
    expect(broadcasts).toBeGreaterThan(10);
    expect(lookup(results, ["net", "servers", "msg-count"])).toBe((nodeCount - 1) * broadcasts);
  });
});
