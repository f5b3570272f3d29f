/**
 * Benchmark: the real scheduler's ways of waiting out the last milliseconds before a timer
 * (`PreciseWait` in maelstrom/clock.ts), side by side on the flood line and the 3d
 * configuration. Rounds alternate the strategies, rotating which goes first, so a change of
 * machine load spreads over all of them; the summary gives each strategy's median over rounds.
 *
 *   node dist/bench/precise-wait.js [--rounds N] [--seed N] [--node-idle]
 */
import { lookup } from "../maelstrom/challenges.js";
import { PRECISE_WAITS, type PreciseWait } from "../maelstrom/clock.js";
import {
  commandLine,
  configurations,
  deliveryOffsets,
  fixed,
  mainPhaseInvokes,
  measure,
  numberArg,
  pct,
  quantile,
  table,
} from "./timed-runs.js";

const rounds = numberArg("rounds", 5);
const seed = numberArg("seed", 1);
const { challenge, floodLine } = configurations(seed);
const tests = { "flood on a line": floodLine, "3d": challenge("3d") };

interface Row {
  test: string;
  wait: PreciseWait;
  p50: number;
  p99: number;
  max: number;
  issued: number;
  stableMedian: number;
  stableMax: number;
  cpuShare: number;
  load: number;
}

const rows: Row[] = [];
for (let round = 0; round < rounds; round++) {
  for (const [test, options] of Object.entries(tests)) {
    const order = PRECISE_WAITS.map((_, i) => PRECISE_WAITS[(i + round) % PRECISE_WAITS.length]!);
    for (const wait of order) {
      const m = await measure(`${test}, ${wait}, round ${round + 1}`, options, wait);
      const offsets = deliveryOffsets(m.run.dir);
      const stable = (q: string) => Number(lookup(m.results, ["workload", "stable-latencies", q]));
      rows.push({
        test,
        wait,
        p50: quantile(offsets, 0.5),
        p99: quantile(offsets, 0.99),
        max: quantile(offsets, 1),
        issued: (100 * mainPhaseInvokes(m.history).length) / (options.rate * options.timeLimitS),
        stableMedian: stable("0.5"),
        stableMax: stable("1"),
        cpuShare: (100 * m.cpuS) / m.wallS,
        load: m.load,
      });
    }
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const cells = (r: Omit<Row, "test" | "wait">) => [
  `${fixed(r.p50)} / ${fixed(r.p99)} / ${fixed(r.max)}`,
  pct(r.issued),
  `${fixed(r.stableMedian, 0)} / ${fixed(r.stableMax, 0)}`,
  pct(r.cpuShare),
  fixed(r.load, 1),
];
const head = [
  "offset p50 / p99 / max (ms)",
  "ops issued / nominal",
  "stable latency median / max (ms)",
  "harness CPU (of a core)",
  "load",
];

const out = [`Seed ${seed}, ${rounds} rounds. Runs:\n`];
for (const options of Object.values(tests)) out.push(`- \`${commandLine(options)}\``);
out.push("\nMedians over the rounds:\n");
out.push(
  table(
    ["test", "wait", ...head],
    Object.keys(tests).flatMap((test) =>
      PRECISE_WAITS.map((wait) => {
        const mine = rows.filter((r) => r.test === test && r.wait === wait);
        const of = (key: keyof Omit<Row, "test" | "wait">) => median(mine.map((r) => r[key]));
        const summary = {
          p50: of("p50"),
          p99: of("p99"),
          max: of("max"),
          issued: of("issued"),
          stableMedian: of("stableMedian"),
          stableMax: of("stableMax"),
          cpuShare: of("cpuShare"),
          load: of("load"),
        };
        return [test, wait, ...cells(summary)];
      }),
    ),
  ),
);
out.push("\nEvery run, in the order they ran:\n");
out.push(
  table(
    ["test", "wait", ...head],
    rows.map((r) => [r.test, r.wait, ...cells(r)]),
  ),
);
console.log(out.join("\n"));
