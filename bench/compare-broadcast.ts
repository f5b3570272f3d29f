/**
 * Benchmark: settings of our broadcast node side by side, beyond its named profiles, through the
 * comparison's machinery (compare/comparison.ts) on the 3d/3e workload in virtual time: writes
 * table.md, table.json and pareto.svg to store/compare/<time>/ and prints the table.
 *
 *   node dist/bench/compare-broadcast.js [seeds=1,2] [--nemesis]
 */
import { relative } from "node:path";
import { runComparison } from "../compare/comparison.js";
import { STRATEGIES, type Strategy } from "../compare/strategies.js";
import { tableMarkdown } from "../compare/table.js";
import { type BroadcastConfig, PROFILES } from "../src/programs/broadcast/config.js";
import { broadcast } from "../src/programs/broadcast.js";

const VARIANTS: Array<[string, BroadcastConfig]> = [
  ["star, leaves at once, hub every 250 ms", { ...PROFILES.default, tickMs: 250 }],
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
  [
    "star, leaves aligned, hub every 1500 ms",
    { ...PROFILES.efficient, tickMs: 1500, leafFlushMs: 1500 },
  ],
];

const variants: Strategy[] = VARIANTS.map(([design, config]) => ({
  name: design,
  family: "treecast",
  design,
  program: broadcast(config),
  process: { bin: "bin/broadcast", args: [], env: {} },
  partitionTolerant: true,
  published: [],
}));

const args = process.argv.slice(2);
const seeds = (args.find((a) => /^\d+(,\d+)*$/.test(a)) ?? "1,2").split(",").map(Number);
const { dir, table } = await runComparison({
  entries: [...STRATEGIES.filter((s) => s.family === "treecast"), ...variants].map((strategy) => ({
    strategy,
  })),
  seeds,
  nemesis: args.includes("--nemesis"),
  processes: false,
  timeLimitS: 20,
  storeDir: "store",
  projectRoot: process.cwd(),
  command: `node dist/bench/compare-broadcast.js ${args.join(" ")}`.trim(),
});
console.log(`${tableMarkdown(table, dir)}\n${relative(process.cwd(), dir)}`);
