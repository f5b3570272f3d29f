/**
 * Benchmark: what 100,000 values cost the broadcast node. (1) One replica in this process:
 * heap held and read time (`values()` plus the read_ok line). (2) A real `bin/broadcast`
 * process fed 100k values (4k broadcasts of its own, deltas from 24 peers): read round trip over
 * its pipe and RSS. Needs --expose-gc for (1).
 *
 *   node --expose-gc dist/bench/broadcast-cost.js [yjs|plain]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createReplica, type ReplicaKind } from "../crdt/index.js";
import { isClient } from "../maelstrom/net/network.js";
import { encodeGossip } from "../src/programs/broadcast/gossip-codec.js";
import type { Body } from "../src/runtime/protocol.js";
import { formatMessage } from "../src/runtime/protocol.js";

const kind = (process.argv[2] ?? "yjs") as ReplicaKind;
const ids = Array.from({ length: 25 }, (_, i) => `n${i}`);
const PER_ORIGIN = 4000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function replicaCost(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc");
  gc();
  const base = process.memoryUsage().heapUsed;
  const reader = createReplica(kind, ids, "n0");
  for (let i = 0; i < PER_ORIGIN; i++) reader.add(i);
  for (let o = 1; o < ids.length; o++) {
    const writer = createReplica(kind, ids, ids[o]!);
    for (let i = 0; i < PER_ORIGIN; i++) {
      writer.add(o * 100_000 + i);
      if (i % 50 === 49)
        reader.merge(JSON.parse(JSON.stringify(writer.deltaFor(reader.summary()))));
    }
  }
  gc();
  const heapMb = (process.memoryUsage().heapUsed - base) / 1e6;
  const times = Array.from({ length: 20 }, (_, r) => {
    const start = performance.now();
    formatMessage({
      src: "n0",
      dest: "c1",
      body: { type: "read_ok", messages: reader.values(), in_reply_to: r },
    });
    return performance.now() - start;
  });
  console.log(
    `${kind} replica, ${reader.values().length} values: heap ${heapMb.toFixed(1)} MB; read (values() + read_ok line) median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`,
  );
}

async function processCost(): Promise<void> {
  const bin = join(dirname(fileURLToPath(import.meta.url)), "../../bin/broadcast");
  const child = spawn(bin, [], {
    cwd: "/tmp",
    env: { PATH: process.env.PATH, TREECAST_REPLICA: kind },
  });
  const waiting = new Map<number, (body: Body) => void>();
  createInterface({ input: child.stdout }).on("line", (line) => {
    const { dest, body } = JSON.parse(line) as { dest: string; body: Body };
    const wake = waiting.get(body.in_reply_to ?? -1);
    if (wake && isClient(dest)) wake(body);
  });
  const send = (src: string, body: Body) =>
    child.stdin.write(`${JSON.stringify({ src, dest: "n24", body })}\n`);
  let msgId = 1;
  const rpc = (body: Body) =>
    new Promise<Body>((resolve) => {
      const id = msgId++;
      waiting.set(id, resolve);
      send("c1", { ...body, msg_id: id });
    });
  const rssMb = () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;

  await rpc({ type: "init", node_id: "n24", node_ids: ids });
  const rssAtInit = rssMb();
  for (let i = 0; i < PER_ORIGIN; i++)
    send("c1", { type: "broadcast", message: i, msg_id: msgId++ });
  for (let o = 1; o < ids.length; o++) {
    const peer = createReplica(kind, ids, ids[o - 1]!);
    let acked = peer.summary();
    for (let i = 0; i < PER_ORIGIN; i++) {
      peer.add(o * 100_000 + i);
      if (i % 100 === 99) {
        send(
          ids[o - 1]!,
          encodeGossip({ epoch: 1, summary: peer.summary(), delta: peer.deltaFor(acked) }, peer),
        );
        acked = peer.summary();
      }
    }
  }
  await rpc({ type: "topology", topology: {} }); // a barrier: everything sent before is handled
  const times: number[] = [];
  let size = 0;
  for (let r = 0; r < 10; r++) {
    const start = performance.now();
    size = ((await rpc({ type: "read" })).messages as unknown[]).length;
    times.push(performance.now() - start);
  }
  console.log(
    `bin/broadcast (${kind}), ${size} values: read round trip median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; RSS ${rssAtInit.toFixed(0)} MB after init, ${rssMb().toFixed(0)} MB at ${size} values`,
  );
  child.kill("SIGKILL");
}

replicaCost();
await processCost();
