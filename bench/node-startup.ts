/**
 * Benchmark: how long N node processes, started together as Maelstrom starts them (cwd = the OS
 * tmpdir), take until every one has answered init_ok. Maelstrom allows 10 s.
 *
 *   node dist/bench/node-startup.js [bin=bin/echo] [nodes=25] [rounds=5]
 */
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const [binArg = "bin/echo", nodesArg = "25", roundsArg = "5"] = process.argv.slice(2);
const bin = resolve(binArg);
const nodeCount = Number(nodesArg);
const ids = Array.from({ length: nodeCount }, (_, i) => `n${i}`);

function startOne(id: string): Promise<() => void> {
  const child = spawn(bin, [], { cwd: tmpdir(), stdio: ["pipe", "pipe", "ignore"] });
  child.stdin.write(
    `${JSON.stringify({ src: "c0", dest: id, body: { type: "init", node_id: id, node_ids: ids, msg_id: 1 } })}\n`,
  );
  return new Promise((done, fail) => {
    child.on("error", fail);
    createInterface({ input: child.stdout }).once("line", () => done(() => child.kill("SIGKILL")));
  });
}

const times: number[] = [];
for (let round = 0; round < Number(roundsArg); round++) {
  const started = performance.now();
  const stops = await Promise.all(ids.map(startOne));
  times.push(performance.now() - started);
  for (const stop of stops) stop();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `${nodeCount} × ${binArg}: all init_ok after median ${median.toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms)`,
);
