/**
 * Benchmark: how long N node processes, started together as Maelstrom starts them (cwd = the OS
 * tmpdir), take until every one has answered init_ok (Maelstrom allows 10 s), against the same
 * number of bare Node scripts that only answer init. The bare baseline and each executable take
 * turns within every round (the order rotates), so machine load hits all of them alike; the
 * figures are medians over the rounds, and the ratio is executable median / baseline median.
 * Besides wall time it reports the CPU time the N processes used until init_ok (from
 * /proc/<pid>/schedstat on Linux), which a loaded machine disturbs far less than wall time.
 *
 *   node dist/bench/node-startup.js [--nodes 25] [--rounds 9] [bin/echo ...]
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { nodes: { type: "string", default: "25" }, rounds: { type: "string", default: "9" } },
  allowPositionals: true,
});
const nodeCount = Number(values.nodes);
const rounds = Number(values.rounds);
const ids = Array.from({ length: nodeCount }, (_, i) => `n${i}`);

// The least a node can do: read one line, answer it. Same shebang and stdio as our executables.
const BARE = `#!/usr/bin/env node
import { createInterface } from "node:readline";
createInterface({ input: process.stdin }).once("line", (line) => {
  const { src, dest, body } = JSON.parse(line);
  process.stdout.write(JSON.stringify({ src: dest, dest: src, body: { type: "init_ok", in_reply_to: body.msg_id } }) + "\\n");
});
`;
const bare = join(mkdtempSync(join(tmpdir(), "treecast-startup-")), "bare-init.mjs");
writeFileSync(bare, BARE);
chmodSync(bare, 0o755);

const subjects = [
  { name: "bare Node script", path: bare },
  ...(positionals.length > 0 ? positionals : ["bin/echo"]).map((bin) => ({
    name: bin,
    path: resolve(bin),
  })),
];

/** Nanoseconds the process has run on a CPU so far; NaN where /proc is not available. */
function cpuNs(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return Number.NaN;
  }
}

interface Started {
  cpuMs: number;
  stop: () => void;
}

function startOne(bin: string, id: string): Promise<Started> {
  const child = spawn(bin, [], { cwd: tmpdir(), stdio: ["pipe", "pipe", "ignore"] });
  child.stdin.write(
    `${JSON.stringify({ src: "c0", dest: id, body: { type: "init", node_id: id, node_ids: ids, msg_id: 1 } })}\n`,
  );
  return new Promise((done, fail) => {
    child.on("error", fail);
    createInterface({ input: child.stdout }).once("line", () =>
      done({ cpuMs: cpuNs(child.pid) / 1e6, stop: () => child.kill("SIGKILL") }),
    );
  });
}

/** Wall time until every one of the N has answered, and the CPU time they used until then. */
async function allInitOk(bin: string): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now();
  const nodes = await Promise.all(ids.map((id) => startOne(bin, id)));
  const wallMs = performance.now() - started;
  for (const node of nodes) node.stop();
  await new Promise((pause) => setTimeout(pause, 200)); // let the killed processes go
  return { wallMs, cpuMs: nodes.reduce((sum, node) => sum + node.cpuMs, 0) };
}

const wall = subjects.map(() => [] as number[]);
const cpu = subjects.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < subjects.length; k++) {
    const i = (round + k) % subjects.length;
    const { wallMs, cpuMs } = await allInitOk(subjects[i]!.path);
    wall[i]!.push(wallMs);
    cpu[i]!.push(cpuMs);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [wallBase, cpuBase] = [median(wall[0]!), median(cpu[0]!)];
subjects.forEach(({ name }, i) => {
  const [w, c] = [median(wall[i]!), median(cpu[i]!)];
  const ratio = (value: number, base: number) =>
    i === 0 ? "" : ` (${(value / base).toFixed(3)}× bare)`;
  console.log(
    `${nodeCount} × ${name}: all init_ok after median ${w.toFixed(0)} ms wall${ratio(w, wallBase)}, ` +
      `${c.toFixed(0)} ms CPU${ratio(c, cpuBase)}; wall runs ${wall[i]!.map((t) => t.toFixed(0)).join(", ")} ms`,
  );
});
