/**
 * Test helper: a cluster of broadcast nodes on the in-process adapter, wired through a
 * simulated network on one VirtualClock. Server-to-server messages take a constant latency and
 * can be cut by partitions (checked at delivery, so messages in flight when a partition starts
 * are lost); client messages take no time.
 *
 * With `maelstromQueues`, each node receives as Maelstrom's network delivers (spec §3.3): one
 * queue per receiver ordered by deadline, and a receiver waiting for the head message's
 * deadline holds back everything behind it, client requests included (head-of-line blocking).
 * Client requests then complete asynchronously; use `send`.
 *
 * `runWorkload` replays the shape of Maelstrom's broadcast workload (one client thread per
 * node, a staggered 50/50 mix of broadcasts and reads handed to free threads in turn, a 10 s
 * recovery, a final read per thread) and scores it like set-full: a value's stable latency is
 * the invocation time of the last read that missed it minus the completion time of its
 * broadcast.
 */
import { PriorityQueue } from "../../src/lib/priority-queue.js";
import { seededRandom } from "../../src/lib/random.js";
import { PROFILES } from "../../src/programs/broadcast/config.js";
import {
  type BroadcastConfig,
  type BroadcastState,
  broadcast,
} from "../../src/programs/broadcast.js";
import { startInProcess } from "../../src/runtime/in-process.js";
import type { MaelstromNode } from "../../src/runtime/node.js";
import type { Body, Message } from "../../src/runtime/protocol.js";
import { VirtualClock } from "../../src/runtime/virtual-clock.js";

export interface ClusterOptions {
  nodes: number;
  config?: Partial<BroadcastConfig>;
  latencyMs?: number;
  seed?: number;
  /** Deliver through per-receiver deadline queues with head-of-line blocking, as Maelstrom. */
  maelstromQueues?: boolean;
  /** Extra delay for single server messages (jitter). */
  jitter?: (message: Message) => number;
}

interface Queued {
  deadline: number;
  seq: number;
  message: Message;
}

interface Inbox {
  queue: PriorityQueue<Queued>;
  /** Waiting for the deadline of a message already taken from the queue. */
  waiting: boolean;
  pumping: boolean;
}

export class BroadcastCluster {
  readonly clock = new VirtualClock(1);
  readonly ids: string[];
  readonly nodes = new Map<string, MaelstromNode>();
  readonly states = new Map<string, BroadcastState>();
  readonly logs: string[] = [];
  /** Every server-to-server message sent (including ones a partition then dropped). */
  readonly serverMessages: Message[] = [];
  /** When each of `serverMessages` was sent. */
  readonly serverTimes: number[] = [];
  dropped = 0;
  private readonly latencyMs: number;
  /** "a>b": b drops messages from a. */
  private readonly cuts = new Set<string>();
  private readonly replies: Message[] = [];
  private readonly callbacks = new Map<number, (body: Body) => void>();
  private readonly inboxes = new Map<string, Inbox>();
  private readonly maelstromQueues: boolean;
  private readonly jitter: (message: Message) => number;
  private seq = 0;
  private nextMsgId = 1;

  constructor(options: ClusterOptions) {
    const config = { ...PROFILES.default, ...options.config };
    this.latencyMs = options.latencyMs ?? 100;
    this.maelstromQueues = options.maelstromQueues ?? false;
    this.jitter = options.jitter ?? (() => 0);
    this.ids = Array.from({ length: options.nodes }, (_, i) => `n${i}`);
    const random = seededRandom(options.seed ?? 1);
    for (const id of this.ids) {
      const node = startInProcess(
        broadcast(config, (n, state) => this.states.set(n.nodeId, state)),
        {
          clock: this.clock,
          random: random.fork(),
          deliver: (message) => this.deliver(message),
          log: (line) => this.logs.push(`${id}: ${line}`),
        },
      );
      this.nodes.set(id, node);
      this.inboxes.set(id, {
        queue: new PriorityQueue<Queued>(
          (a, b) => a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq),
        ),
        waiting: false,
        pumping: false,
      });
    }
    for (const id of this.ids) {
      this.request(id, { type: "init", node_id: id, node_ids: this.ids });
      this.request(id, { type: "topology", topology: { [id]: [] } });
    }
  }

  /** A client request; `onReply` runs when the reply arrives (at once unless queues block). */
  send(
    nodeId: string,
    body: Omit<Body, "msg_id">,
    onReply: (body: Body) => void,
    src = "c1",
  ): void {
    const msgId = this.nextMsgId++;
    this.callbacks.set(msgId, onReply);
    this.deliver({ src, dest: nodeId, body: { ...body, msg_id: msgId } as Body });
  }

  /** A client request answered at once; returns the node's reply body. */
  request(nodeId: string, body: Omit<Body, "msg_id">, src = "c1"): Body {
    let reply: Body | undefined;
    this.send(nodeId, body, (b) => (reply = b), src);
    if (!reply) throw new Error(`no immediate reply from ${nodeId} to ${JSON.stringify(body)}`);
    return reply;
  }

  broadcast(nodeId: string, message: unknown): void {
    const reply = this.request(nodeId, { type: "broadcast", message });
    if (reply.type !== "broadcast_ok")
      throw new Error(`broadcast failed: ${JSON.stringify(reply)}`);
  }

  read(nodeId: string): unknown[] {
    const reply = this.request(nodeId, { type: "read" });
    if (reply.type !== "read_ok") throw new Error(`read failed: ${JSON.stringify(reply)}`);
    return reply.messages as unknown[];
  }

  /** Cuts both directions between every node of `a` and every node of `b`. */
  partition(a: readonly string[], b: readonly string[]): void {
    for (const x of a) {
      for (const y of b) {
        this.cuts.add(`${x}>${y}`);
        this.cuts.add(`${y}>${x}`);
      }
    }
  }

  isolate(nodeId: string): void {
    this.partition(
      [nodeId],
      this.ids.filter((id) => id !== nodeId),
    );
  }

  heal(): void {
    this.cuts.clear();
  }

  run(ms: number): void {
    this.clock.advanceBy(ms);
  }

  /** True when every node reads exactly `values` (as sets, each value once). */
  converged(values: readonly unknown[]): boolean {
    const want = JSON.stringify([...values].map((v) => JSON.stringify(v)).sort());
    return this.ids.every((id) => {
      const got = this.read(id);
      return JSON.stringify(got.map((v) => JSON.stringify(v)).sort()) === want;
    });
  }

  private deliver(message: Message): void {
    if (!this.nodes.has(message.dest)) {
      this.replies.push(message);
      const callback = this.callbacks.get(message.body.in_reply_to ?? -1);
      this.callbacks.delete(message.body.in_reply_to ?? -1);
      callback?.(message.body);
      return;
    }
    const fromNode = this.nodes.has(message.src);
    if (fromNode) {
      this.serverMessages.push(message);
      this.serverTimes.push(this.clock.now());
    }
    const latency = fromNode ? this.latencyMs + this.jitter(message) : 0;
    if (this.maelstromQueues) {
      const inbox = this.inboxes.get(message.dest)!;
      inbox.queue.push({ deadline: this.clock.now() + latency, seq: this.seq++, message });
      this.pump(message.dest);
    } else if (!fromNode) {
      this.nodes.get(message.dest)!.receive(message);
    } else {
      this.clock.setTimer(latency, () => this.arrive(message));
    }
  }

  /** Hands a message to its node unless a partition cuts it off (checked on arrival). */
  private arrive(message: Message): void {
    if (this.cuts.has(`${message.src}>${message.dest}`)) this.dropped++;
    else this.nodes.get(message.dest)!.receive(message);
  }

  /** Maelstrom's receive loop: take the head, wait for its deadline, deliver, repeat. */
  private pump(dest: string): void {
    const inbox = this.inboxes.get(dest)!;
    if (inbox.waiting || inbox.pumping) return;
    inbox.pumping = true;
    for (let head = inbox.queue.pop(); head !== undefined; head = inbox.queue.pop()) {
      if (this.cuts.has(`${head.message.src}>${dest}`)) {
        this.dropped++;
        continue;
      }
      if (head.deadline > this.clock.now()) {
        const { message } = head;
        inbox.waiting = true;
        this.clock.setTimer(head.deadline - this.clock.now(), () => {
          inbox.waiting = false;
          this.nodes.get(dest)!.receive(message);
          this.pump(dest);
        });
        break;
      }
      this.nodes.get(dest)!.receive(head.message);
    }
    inbox.pumping = false;
  }
}

export interface WorkloadOptions {
  rate: number;
  durationMs: number;
  seed?: number;
  /** Called once per op with the time since start, e.g. to start and stop partitions. */
  onOp?: (elapsedMs: number) => void;
}

export interface WorkloadResult {
  ops: number;
  serverMessages: number;
  msgsPerOp: number;
  broadcasts: number;
  lost: number;
  latencies: { median: number; p95: number; max: number };
}

/** Maelstrom's quantile: the element at floor(n·q) of the sorted samples. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

export function runWorkload(cluster: BroadcastCluster, options: WorkloadOptions): WorkloadResult {
  const random = seededRandom(options.seed ?? 7);
  const start = cluster.clock.now();
  const n = cluster.ids.length;
  const busy = cluster.ids.map(() => false);
  const known = new Map<number, number>(); // value → completion time of its broadcast
  const lastAbsent = new Map<number, number>(); // value → invocation time of the latest read missing it
  let tracked: number[] = []; // broadcast invoked, maybe not everywhere yet
  let ops = 0;
  let next = 0;
  let turn = 0;

  const invoke = (thread: number, read: boolean) => {
    busy[thread] = true;
    ops++;
    const nodeId = cluster.ids[thread]!;
    const invokedAt = cluster.clock.now();
    if (read) {
      cluster.send(nodeId, { type: "read" }, (reply) => {
        busy[thread] = false;
        const seen = new Set(reply.messages as unknown[]);
        for (const v of tracked) {
          if (!seen.has(v) && invokedAt > (lastAbsent.get(v) ?? -1)) lastAbsent.set(v, invokedAt);
        }
      });
    } else {
      const value = next++;
      tracked.push(value);
      cluster.send(nodeId, { type: "broadcast", message: value }, () => {
        busy[thread] = false;
        known.set(value, cluster.clock.now());
      });
    }
  };

  let t = start;
  while (t < start + options.durationMs) {
    cluster.clock.advanceTo(t);
    options.onOp?.(t - start);
    // The first free thread at or after the rotating start index.
    let thread = -1;
    for (let k = 0; k < n && thread < 0; k++) if (!busy[(turn + k) % n]) thread = (turn + k) % n;
    if (thread < 0) {
      t += 1; // every thread busy: nothing is emitted until one frees up
      continue;
    }
    turn = (thread + 1) % n;
    invoke(thread, random.next() >= 0.5);
    if (ops % 50 === 0) {
      tracked = tracked.filter(
        (v) => !cluster.ids.every((id) => cluster.states.get(id)!.replica.has(v)),
      );
    }
    t += random.uniform(0, 2000 / options.rate);
  }
  cluster.heal();
  cluster.run(10_000);
  const finalAt = cluster.clock.now();
  for (let thread = 0; thread < n; thread++) invoke(thread, true);
  cluster.run(1_000);

  let lost = 0;
  const latencies: number[] = [];
  for (const [v, at] of known) {
    const absent = lastAbsent.get(v);
    if (absent !== undefined && absent >= finalAt) lost++;
    else latencies.push(Math.max(0, Math.floor((absent ?? 0) - at)));
  }
  latencies.sort((a, b) => a - b);
  return {
    ops,
    serverMessages: cluster.serverMessages.length,
    msgsPerOp: cluster.serverMessages.length / ops,
    broadcasts: known.size,
    lost,
    latencies: {
      median: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      max: quantile(latencies, 1),
    },
  };
}
