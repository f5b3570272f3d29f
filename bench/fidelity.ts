/**
 * Benchmark: how closely the process-mode harness keeps Maelstrom's timing. One run of each:
 * - delivery offset = recv − (send + drawn latency) for every server message in the run's
 *   net-journal.jsonl (Maelstrom's truncated sleep puts it in (−1, 0] ms, plus ~0.1 ms wake-up),
 *   with the harness CPU it cost, with and without the scheduler's last-milliseconds spin;
 * - each node's share of the client ops against Jepsen's rotation with fast ops, 2/(c+1) for
 *   n0 and 1/(c+1) for the others;
 * - the ops issued at rate 1000 (challenge 2) and at rate 100 (3d), against rate × time;
 * - the teardown window (last op to closing the network) and the server messages sent in it.
 * Real time on a shared machine: every row carries the 1-minute load average it ran under.
 *
 *   node dist/bench/fidelity.js [--seed N] [--node-idle]
 */
import { lookup } from "../maelstrom/challenges.js";
import {
  clientInvokes,
  commandLine,
  configurations,
  deliveryOffsets,
  fixed,
  type Measured,
  mainPhaseInvokes,
  measure,
  numberArg,
  pct,
  quantile,
  table,
} from "./timed-runs.js";

const seed = numberArg("seed", 1);
const { challenge, floodLine, periodic } = configurations(seed);
const runCells = (m: Measured) => [
  fixed(m.load, 1),
  `${fixed(m.cpuS)} s (${pct((100 * m.cpuS) / m.wallS)} of a core)`,
];

const runs = {
  floodLine: await measure("flood on a line", floodLine),
  floodLineNoSpin: await measure("flood on a line, setTimeout only", floodLine, "timeout"),
  d3: await measure("3d", challenge("3d")),
  b3: await measure("3b", challenge("3b")),
  c2: await measure("challenge 2", challenge("2")),
  periodic: await measure("periodic gossip, 3b shape", periodic),
};

const out: string[] = [];
out.push(`Seed ${seed}; nodes at niceness 10, as the challenge runner starts them.\n`);
out.push("Runs:\n");
for (const m of Object.values(runs)) out.push(`- ${m.name}: \`${commandLine(m.options)}\``);

out.push("\nDelivery offset, recv − (send + drawn latency), server messages:\n");
out.push(
  table(
    [
      "run",
      "server msgs",
      "offset p1 / p50 / p99 / max (ms)",
      "stable latency median / max (ms)",
      "load",
      "harness CPU",
    ],
    [runs.floodLine, runs.floodLineNoSpin, runs.d3].map((m) => {
      const offsets = deliveryOffsets(m.run.dir);
      const stable = (q: string) => lookup(m.results, ["workload", "stable-latencies", q]);
      return [
        m.name,
        String(offsets.length),
        [0.01, 0.5, 0.99, 1].map((p) => fixed(quantile(offsets, p))).join(" / "),
        `${stable("0.5")} / ${stable("1")}`,
        ...runCells(m),
      ];
    }),
  ),
);

out.push("\nPer-node share of client ops (Jepsen with fast ops: n0 2/(c+1), others 1/(c+1)):\n");
out.push(
  table(
    [
      "run",
      "client ops",
      "n0",
      "Jepsen n0",
      "n1",
      "others: mean (min–max)",
      "Jepsen others",
      "load",
    ],
    [runs.d3, runs.b3].map((m) => {
      const threads = m.options.concurrency;
      const counts = new Array<number>(threads).fill(0);
      const invokes = clientInvokes(m.history);
      for (const op of invokes) counts[(op.process as number) % threads]!++;
      const shares = counts.map((count) => (100 * count) / invokes.length);
      const others = shares.slice(1);
      return [
        m.name,
        String(invokes.length),
        pct(shares[0]!),
        pct(200 / (threads + 1)),
        pct(shares[1]!),
        `${pct(others.reduce((a, b) => a + b, 0) / others.length)} (${fixed(Math.min(...others), 1)}–${fixed(Math.max(...others), 1)})`,
        pct(100 / (threads + 1)),
        fixed(m.load, 1),
      ];
    }),
  ),
);

out.push("\nOps issued in the main phase against rate × time limit:\n");
out.push(
  table(
    [
      "run",
      "rate",
      "ops issued",
      "nominal",
      "issued / nominal",
      "mean gap − 1/rate (ms)",
      "load",
      "harness CPU",
    ],
    [runs.c2, runs.d3].map((m) => {
      const issued = mainPhaseInvokes(m.history);
      const nominal = m.options.rate * m.options.timeLimitS;
      // How late, on average, each op went out: wake-up lateness plus waits for a free thread.
      const spanMs = issued.length < 2 ? Number.NaN : (issued.at(-1)!.time - issued[0]!.time) / 1e6;
      const lateMs = spanMs / (issued.length - 1) - 1000 / m.options.rate;
      return [
        m.name,
        String(m.options.rate),
        String(issued.length),
        String(nominal),
        pct((100 * issued.length) / nominal),
        fixed(lateMs, 3),
        ...runCells(m),
      ];
    }),
  ),
);

out.push("\nTeardown window (last op completed → network closed), charged to `:net`:\n");
out.push(
  table(
    [
      "run",
      "window (ms)",
      "of it writing the history",
      "server msgs in it",
      "servers msgs-per-op",
      "without the window",
      "effect",
      "load",
    ],
    [runs.periodic, runs.d3, runs.floodLine].map((m) => {
      const ops = clientInvokes(m.history).length;
      const msgs = lookup(m.results, ["net", "servers", "msg-count"]) as number;
      const { ms, historyMs, serverMessages } = m.run.teardown;
      return [
        m.name,
        fixed(ms, 1),
        fixed(historyMs, 1),
        String(serverMessages),
        fixed(msgs / ops, 3),
        fixed((msgs - serverMessages) / ops, 3),
        `+${pct((100 * serverMessages) / Math.max(1, msgs - serverMessages))}`,
        fixed(m.load, 1),
      ];
    }),
  ),
);
console.log(out.join("\n"));
