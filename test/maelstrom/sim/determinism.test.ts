// --sim runs are deterministic for a seed: the same seed leaves identical files, another seed a
// different history, and firstDifference names the line where two runs part.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTestOptions, testCommandLine, testOptions } from "../../../maelstrom/options.js";
import { firstDifference } from "../../../maelstrom/sim/determinism.js";
import { simulate } from "../../../maelstrom/simulate.js";
import { createProgram } from "../../../src/bin/broadcast.js";

const store = mkdtempSync(join(tmpdir(), "treecast-determinism-"));
const run = (seed: number) =>
  simulate({
    test: {
      workload: "broadcast",
      nodeCount: 5,
      timeLimitS: 4,
      rate: 30,
      latencyMs: 20,
      latencyDist: "exponential",
      nemesis: ["partition"],
      nemesisIntervalS: 1,
      seed,
      storeDir: store,
    },
    program: createProgram({}),
  });

describe("simulated runs", () => {
  it("give identical history and results for one seed, and differ for another", async () => {
    const [a, b, c] = [await run(3), await run(3), await run(4)];
    expect(firstDifference(a.dir, b.dir)).toBeNull();
    for (const file of ["history.txt", "results.edn", "net-journal.jsonl"])
      expect(readFileSync(join(a.dir, file), "utf8")).toBe(readFileSync(join(b.dir, file), "utf8"));
    expect(firstDifference(a.dir, c.dir)).toMatch(/^history\.jsonl line \d+ differs/);
  });

  it("name the first differing history line", () => {
    const [a, b] = [mkdtempSync(join(store, "a-")), mkdtempSync(join(store, "b-"))];
    writeFileSync(join(a, "history.jsonl"), "same\nleft\nmore\n");
    writeFileSync(join(b, "history.jsonl"), "same\nright\nmore\n");
    expect(firstDifference(a, b)).toBe(
      "history.jsonl line 2 differs:\n  first run:  left\n  second run: right",
    );
  });
});

describe("testCommandLine", () => {
  it("writes a command line that parses back to the same options", () => {
    const cases = [
      testOptions({ workload: "echo", bin: "bin/echo", seed: 5 }),
      testOptions({
        workload: "broadcast",
        bin: "my node.ts",
        nodeCount: 7,
        concurrency: "2n",
        rate: 12.5,
        latencyMs: 40,
        latencyDist: "uniform",
        nemesis: ["partition"],
        nemesisIntervalS: 0.5,
        partitionKinds: ["one", "majority"],
        topology: "tree4",
        availability: 0.9,
        sim: true,
        seed: 77,
        args: ["--verbose"],
      }),
      testOptions({ workload: "g-set", bin: "x.js", nodes: ["a", "b"], seed: 1 }),
    ];
    for (const options of cases)
      expect(parseTestOptions(testCommandLine(options))).toEqual(options);
  });
});
