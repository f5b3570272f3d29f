/**
 * Benchmark: messages per op against latency for broadcast strategies (settings of our node),
 * on the 3d/3e workload (25 nodes, rate 100, latency 100 ms, 20 s) run through the real harness
 * in virtual time (maelstrom/simulate.ts). Prints a Markdown table of means over the seeds.
 * Unlike the harness proper, this script imports our node program, to run it in-process.
 *
 *   node dist/bench/compare-broadcast.js [seeds=1,2] [--nemesis]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lookup } from "../maelstrom/challenges.js";
import type { NemesisKind } from "../maelstrom/options.js";
import { simulate } from "../maelstrom/simulate.js";
import { type BroadcastConfig, PROFILES } from "../src/programs/broadcast/config.js";
import { broadcast } from "../src/programs/broadcast.js";

const STRATEGIES: Array<[string, BroadcastConfig]> = [
  ["star, leaves at once, hub every 250 ms", { ...PROFILES.default, tickMs: 250 }],
  ["star, leaves at once, hub every 375 ms (default)", PROFILES.default],
  ["star, leaves at once, hub every 500 ms", { ...PROFILES.default, tickMs: 500 }],
  ["tree fan-out 4, at once, every 375 ms", { ...PROFILES.default, fanout: 4 }],
  [
    "star, leaves batched 500 ms unaligned, hub every 700 ms",
    { ...PROFILES.efficient, align: false, leafFlushMs: 500, tickMs: 700 },
  ],
  [
    "star, leaves aligned, hub every 1000 ms",
    { ...PROFILES.efficient, tickMs: 1000, leafFlushMs: 1000 },
  ],
  ["star, leaves aligned, hub every 1300 ms (efficient)", PROFILES.efficient],
  [
    "star, leaves aligned, hub every 1500 ms",
    { ...PROFILES.efficient, tickMs: 1500, leafFlushMs: 1500 },
  ],
];

const args = process.argv.slice(2);
const seeds = (args.find((a) => /^\d+(,\d+)*$/.test(a)) ?? "1,2").split(",").map(Number);
const nemesis: NemesisKind[] = args.includes("--nemesis") ? ["partition"] : [];
const store = mkdtempSync(join(tmpdir(), "treecast-compare-"));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log(
  `3d/3e workload${nemesis.length ? " with partitions" : ""}, seeds ${seeds.join(", ")} (means)\n`,
);
console.log("| strategy | servers msgs/op | median / max stable latency (ms) | lost |");
console.log("|---|---|---|---|");
for (const [name, config] of STRATEGIES) {
  const rows: Array<Record<"msgs" | "median" | "max" | "lost", number>> = [];
  for (const seed of seeds) {
    const { analysis } = await simulate({
      test: {
        workload: "broadcast",
        nodeCount: 25,
        timeLimitS: 20,
        rate: 100,
        latencyMs: 100,
        nemesis,
        seed,
        storeDir: store,
      },
      program: broadcast(config),
    });
    const figure = (...path: string[]) => Number(lookup(analysis?.json, path) ?? Number.NaN);
    rows.push({
      msgs: figure("net", "servers", "msgs-per-op"),
      median: figure("workload", "stable-latencies", "0.5"),
      max: figure("workload", "stable-latencies", "1"),
      lost: figure("workload", "lost-count"),
    });
  }
  const m = (key: "msgs" | "median" | "max" | "lost") => mean(rows.map((r) => r[key]));
  console.log(
    `| ${name} | ${m("msgs").toFixed(2)} | ${m("median").toFixed(0)} / ${m("max").toFixed(0)} | ${m("lost")} |`,
  );
}
