/**
 * Benchmark: would a memo of encoded deltas earn its place at the hub? Within one tick the hub
 * computes one delta per child against the summary that child reported; children that reported
 * the same summary get the same delta. This runs the 3d workload (rate 100, latency 100 ms,
 * 20 s) in virtual time with the broadcast program, once as it is and once with the hub's
 * `deltaFor` memoised per (summary it was computed against, hub state) — an upper bound for
 * any bounded cache, which can only miss more — and reports, per hub tick: deltas computed,
 * distinct summaries among them, CPU in `deltaFor`, and all the hub's CPU (handlers and timers).
 * The hub's sent messages must be identical both ways (compared by hash).
 *
 * The deterministic figure is the share of deltas the memo can save, 1 − distinct / computed.
 *
 *   node dist/bench/hub-delta-memo.js [nodes=25,100] [seed=1] [profile=default|efficient]
 */
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Json, Summary } from "../crdt/index.js";
import { simulate } from "../maelstrom/simulate.js";
import { PROFILES } from "../src/programs/broadcast/config.js";
import { broadcast } from "../src/programs/broadcast.js";

const [nodesArg = "25,100", seedArg = "1", profileArg = "default"] = process.argv.slice(2);
const profile = PROFILES[profileArg as keyof typeof PROFILES];
if (profile === undefined) throw new Error(`no profile ${profileArg}`);
const store = mkdtempSync(join(tmpdir(), "treecast-memo-"));

interface Figures {
  ticks: number;
  deltas: number;
  distinct: number;
  deltaMs: number;
  hubMs: number;
  sentHash: string;
  sent: number;
}

/** CPU time of this process in ms (user + system): unlike wall time, preemption does not count. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const keyOf = (summary: Summary) =>
  [...summary]
    .sort(([a], [b]) => a - b)
    .map(([log, count]) => `${log}:${count}`)
    .join(",");

async function measure(nodeCount: number, memo: boolean): Promise<Figures> {
  const figures: Figures = {
    ticks: 0,
    deltas: 0,
    distinct: 0,
    deltaMs: 0,
    hubMs: 0,
    sentHash: "",
    sent: 0,
  };
  const hash = createHash("sha256");
  const program = broadcast(profile, (node, { replica }) => {
    if (node.nodeId !== node.nodeIds[0]) return;
    const timed =
      <A extends unknown[], R>(f: (...args: A) => R) =>
      (...args: A): R => {
        const started = cpuMs();
        try {
          return f(...args);
        } finally {
          figures.hubMs += cpuMs() - started;
        }
      };
    // Everything the hub does runs in a timer callback or in receive.
    const setTimer = node.env.setTimer.bind(node.env);
    let sendsInCallback = 0;
    node.env.setTimer = (delay, callback) =>
      setTimer(delay, () => {
        sendsInCallback = 0;
        timed(callback)();
        if (sendsInCallback >= 2) figures.ticks++; // a tick: pushes to several children
      });
    node.receive = timed(node.receive.bind(node));
    const send = node.send.bind(node);
    node.send = (dest, body) => {
      sendsInCallback++;
      figures.sent++;
      hash.update(`${dest} ${JSON.stringify(body)}\n`);
      send(dest, body);
    };

    const deltaFor = replica.deltaFor.bind(replica);
    let memoFor: Summary | undefined;
    const memoised = new Map<string, { delta: Json | undefined }>();
    // Plain: time deltaFor alone. Memo: time the key, the lookup and deltaFor on a miss.
    replica.deltaFor = (peer) => {
      figures.deltas++;
      const started = cpuMs();
      if (!memo) {
        const delta = deltaFor(peer);
        figures.deltaMs += cpuMs() - started;
        return delta;
      }
      if (replica.summary() !== memoFor) {
        memoFor = replica.summary(); // the hub's state changed: every delta may differ
        memoised.clear();
      }
      const key = keyOf(peer);
      let result = memoised.get(key);
      if (result === undefined) {
        figures.distinct++;
        result = { delta: deltaFor(peer) };
        memoised.set(key, result);
      }
      figures.deltaMs += cpuMs() - started;
      return result.delta;
    };
  });
  const run = await simulate({
    test: {
      workload: "broadcast",
      nodeCount,
      rate: 100,
      latencyMs: 100,
      timeLimitS: 20,
      seed: Number(seedArg),
      storeDir: join(store, `${nodeCount}-${memo}`),
    },
    program,
  });
  if (run.exitCode !== 0) throw new Error(`run with ${nodeCount} nodes was not valid`);
  figures.sentHash = hash.digest("hex").slice(0, 12);
  return figures;
}

for (const nodeCount of nodesArg.split(",").map(Number)) {
  // After a warm-up run, alternate the variants, 3 rounds each; medians of the CPU figures.
  const rounds: Record<"plain" | "memo", Figures[]> = { plain: [], memo: [] };
  await measure(nodeCount, false); // warm-up
  for (let round = 0; round < 3; round++) {
    for (const memo of round % 2 === 0 ? [false, true] : [true, false])
      rounds[memo ? "memo" : "plain"].push(await measure(nodeCount, memo));
  }
  const distinct = rounds.memo[0]!.distinct; // deterministic: the same in every memo run
  for (const [variant, runs] of Object.entries(rounds)) {
    const med = (f: (x: Figures) => number) => runs.map(f).sort((a, b) => a - b)[1]!;
    const r = { ...runs[0]!, distinct };
    console.log(
      `${nodeCount} nodes, ${profileArg}, ${variant}: ${r.ticks} hub ticks, ${r.deltas} deltas for ` +
        `${r.distinct} distinct (summary, state) pairs (memo saves at most ${(100 * (1 - r.distinct / r.deltas)).toFixed(1)} %); per tick ` +
        `deltaFor ${((1000 * med((x) => x.deltaMs)) / r.ticks).toFixed(0)} µs, ` +
        `all hub CPU ${((1000 * med((x) => x.hubMs)) / r.ticks).toFixed(0)} µs; ` +
        `${r.sent} hub messages, hash ${r.sentHash}`,
    );
  }
}
