// The sweep: it catches a planted bug (a node that forgets a value when a partition starts),
// prints a repro command that reproduces it, shrinks it; and our broadcast node passes a small
// sweep of 20 seeds run through the CLI's worker threads.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testOptions } from "../../../maelstrom/options.js";
import { scenario } from "../../../maelstrom/sim/scenarios.js";
import { smallerVariants } from "../../../maelstrom/sim/shrink.js";
import { runSweep, scenarioTest } from "../../../maelstrom/sim/sweep.js";

const ROOT = join(import.meta.dirname, "../../..");
const store = mkdtempSync(join(tmpdir(), "treecast-sweep-"));
const forgetful = join(ROOT, "test/support/fixtures/forgetful-broadcast.ts");

/** Runs a `bin/maelstrom …` command line as printed, from the project root. */
const shell = (command: string) =>
  spawnSync("sh", ["-c", command], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });

describe("sweep", () => {
  it("catches a node that drops a value when a partition starts, with a repro that reproduces it", async () => {
    const lines: string[] = [];
    const report = await runSweep({
      base: { workload: "broadcast", bin: forgetful, timeLimitS: 5, rate: 20, storeDir: store },
      scenarios: [scenario("calm")!, scenario("grudge-one")!],
      seeds: [1, 2, 3],
      workers: 1,
      shrink: true,
      keep: false,
      out: (line) => lines.push(line),
    });
    expect(report.results).toHaveLength(6);
    expect(report.failures.map((f) => f.scenario)).toEqual([
      "grudge-one",
      "grudge-one",
      "grudge-one",
    ]);
    expect(report.failures[0]!.reason).toMatch(/lost \d+/);
    expect(lines[0]).toMatch(/^FAIL grudge-one seed \d: invalid/);

    const { repro, smaller } = report.failures[0]!;
    expect(repro).toMatch(/^bin\/maelstrom test .*--seed 1 .*--sim$/);
    const rerun = shell(repro);
    expect(rerun.stdout).toMatch(/lost [1-9]/);
    expect(rerun.status).toBe(1);
    // The smaller case fails too, and is smaller.
    expect(smaller).toBeDefined();
    expect(smaller!.length).toBeLessThan(repro.length + 40);
    expect(shell(smaller!).status).toBe(1);
  });

  it("passes our broadcast node on 20 seeds across scenarios, in worker threads", () => {
    const result = shell(
      `bin/maelstrom sweep -w broadcast --bin bin/broadcast --time-limit 5 --rate 20 --seeds 5 --scenarios calm,grudge-majority,partitions-short,latency-exponential --store ${store}`,
    );
    expect(result.stdout).toMatch(/^all\s+20\s+20\s+0\s+0\s+0\s/m);
    expect(result.stdout).toMatch(/20 runs, 0 failed/);
    expect(result.status).toBe(0);
  });

  it("splits the seeds with --shard and refuses bad sweep flags", () => {
    const shard = shell(
      `bin/maelstrom sweep -w echo --bin bin/echo --time-limit 2 --seeds 5 --scenarios calm --shard 2/2 --workers 1 --store ${store}`,
    );
    expect(shard.stdout).toMatch(/^calm\s+2\s+2\s/m);
    expect(shell("bin/maelstrom sweep -w echo --bin bin/echo --shard 3/2").status).toBe(254);
    expect(shell("bin/maelstrom sweep -w echo --bin bin/echo --scenarios nope").status).toBe(254);
  });
});

describe("shrink", () => {
  it("tries fewer nodes, less time, fewer nemesis events and a lower rate", () => {
    const test = scenarioTest(
      { workload: "broadcast", bin: "x.js", timeLimitS: 20, rate: 10, concurrency: "2n" },
      scenario("partitions-short")!,
      5,
    );
    const variants = smallerVariants(test);
    expect(
      variants.map((v) => [
        v.nodes.length,
        v.concurrency,
        v.timeLimitS,
        v.nemesisIntervalS,
        v.rate,
      ]),
    ).toEqual([
      [3, 6, 20, 1, 10],
      [5, 10, 10, 1, 10],
      [5, 10, 20, 2, 10],
      [5, 10, 20, 1, 5],
    ]);
    expect(variants.every((v) => v.seed === 5)).toBe(true);
    expect(
      smallerVariants(
        testOptions({ workload: "echo", nodes: ["n1", "n2"], timeLimitS: 1, rate: 1 }),
      ),
    ).toEqual([]);
  });
});
