/**
 * Test helper: a cluster of broadcast nodes on the in-process adapter, wired through a
 * simulated network on one VirtualClock. Server-to-server messages take a constant latency and
 * can be cut by partitions (checked at delivery, so messages in flight when a partition starts
 * are lost); client messages take no time. A node can be restarted empty (`restart`): messages
 * and timers of its dead incarnation go nowhere.
 * Whole Maelstrom workloads run through the real harness instead (maelstrom/simulate.ts).
 */
import { seededRandom } from "../../src/lib/random.js";
import { PROFILES } from "../../src/programs/broadcast/config.js";
import {
  type BroadcastConfig,
  type BroadcastState,
  broadcast,
} from "../../src/programs/broadcast.js";
import { startInProcess } from "../../src/runtime/in-process.js";
import type { MaelstromNode } from "../../src/runtime/node.js";
import { type Body, encodeInit, type Message } from "../../src/runtime/protocol.js";
import { VirtualClock } from "../../src/runtime/virtual-clock.js";

export interface ClusterOptions {
  nodes: number;
  config?: Partial<BroadcastConfig>;
  latencyMs?: number;
  seed?: number;
  /** Extra delay for single server messages (jitter). */
  jitter?: (message: Message) => number;
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
  private readonly jitter: (message: Message) => number;
  private nextMsgId = 1;
  private readonly config: BroadcastConfig;
  private readonly random: ReturnType<typeof seededRandom>;

  constructor(options: ClusterOptions) {
    this.config = { ...PROFILES.default, ...options.config };
    this.latencyMs = options.latencyMs ?? 100;
    this.jitter = options.jitter ?? (() => 0);
    this.ids = Array.from({ length: options.nodes }, (_, i) => `n${i}`);
    this.random = seededRandom(options.seed ?? 1);
    for (const id of this.ids) this.start(id);
    for (const id of this.ids) this.init(id);
  }

  /** Kills a node and starts it again with the same id and an empty state, then `init`. */
  restart(nodeId: string): void {
    this.start(nodeId);
    this.init(nodeId);
  }

  private start(id: string): void {
    const node: MaelstromNode = startInProcess(
      broadcast(this.config, (n, state) => this.states.set(n.nodeId, state)),
      {
        clock: this.clock,
        random: this.random.fork(),
        // A replaced (dead) incarnation's sends, from its leftover timers, go nowhere.
        deliver: (message) => {
          if (this.nodes.get(id) === node) this.deliver(message);
        },
        log: (line) => this.logs.push(`${id}: ${line}`),
      },
    );
    this.nodes.set(id, node);
  }

  private init(id: string): void {
    this.request(id, encodeInit({ nodeId: id, nodeIds: this.ids }));
    this.request(id, { type: "topology", topology: { [id]: [] } });
  }

  /** A client request; `onReply` runs when the reply arrives. */
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

  /** Cuts one direction only: `to` drops messages from `from`. */
  cutOneWay(from: string, to: string): void {
    this.cuts.add(`${from}>${to}`);
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
    if (!this.nodes.has(message.src)) {
      this.nodes.get(message.dest)!.receive(message); // client requests take no time
      return;
    }
    this.serverMessages.push(message);
    this.serverTimes.push(this.clock.now());
    this.clock.setTimer(this.latencyMs + this.jitter(message), () => this.arrive(message));
  }

  /** Hands a message to its node unless a partition cuts it off (checked on arrival). */
  private arrive(message: Message): void {
    if (this.cuts.has(`${message.src}>${message.dest}`)) this.dropped++;
    else this.nodes.get(message.dest)!.receive(message);
  }
}
