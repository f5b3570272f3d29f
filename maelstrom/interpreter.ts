/**
 * Reimplements `jepsen.generator.interpreter` (docs/MAELSTROM.md#generator-and-phases).
 * Runs a test's phases against the network: client threads bound to nodes,
 * the global stagger, the time limit, the partition nemesis, the drain, and the final phase.
 * Records every op in the history. Time comes only from the injected Scheduler.
 */
import type { Random } from "../src/lib/random.js";
import { errorName, isDefinite } from "../src/runtime/errors.js";
import type { Body } from "../src/runtime/protocol.js";
import { NS_PER_S, type Scheduler, threadWakeTime } from "./clock.js";
import { Client, RpcTimeout } from "./net/client.js";
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultSettings,
  type LinkFaults,
  type NodeControl,
  runFault,
} from "./net/faults.js";
import {
  describeGrudge,
  PARTITION_KINDS,
  type PartitionKind,
  partitionGrudge,
} from "./net/nemesis.js";
import type { Network } from "./net/network.js";
import type { NemesisKind } from "./options.js";
import type { Op, OpError } from "./output/history.js";
import type { RunLog } from "./output/log.js";
import { type OpRequest, schemaProblem, type Workload } from "./workloads/index.js";

export const RPC_TIMEOUT_MS = 5000;
export const RECOVERY_S = 10;

export interface InterpreterOptions {
  /** Scheduler time of the test origin; history times are relative to it. */
  origin: number;
  nodes: readonly string[];
  concurrency: number;
  rate: number;
  timeLimitS: number;
  nemesis: readonly NemesisKind[];
  nemesisIntervalS: number;
  /** The grudges `start-partition` picks from. @default all of PARTITION_KINDS */
  partitionKinds?: readonly PartitionKind[];
  workload: Workload;
  scheduler: Scheduler;
  network: Network;
  log: RunLog;
  /** Drives the op mix and stagger. */
  generatorRandom: Random;
  /** Drives partition choices and their schedule. */
  nemesisRandom: Random;
  /** What the faults beyond partitions need, when `nemesis` names any. */
  faults?: {
    settings: Record<FaultKind, FaultSettings>;
    links: LinkFaults;
    control: NodeControl;
    /** Forked once per kind, so one kind's choices never shift another's. */
    random: Random;
  };
  onOp?(op: Op): void;
}

interface Thread {
  index: number;
  process: number;
  node: string;
  client: Client | null;
  clientProcess: number;
  busy: boolean;
}

/**
 * The node a client process talks to: process p runs on thread p mod concurrency (a process
 * that crashes with :info is replaced by p + concurrency on the same thread), and thread t
 * talks to node t mod n.
 */
export function processNode(
  process: number,
  concurrency: number,
  nodes: readonly string[],
): string {
  return nodes[(process % concurrency) % nodes.length]!;
}

type Completion = Pick<Op, "type" | "value"> & { error?: OpError; exception?: Op["exception"] };

export class Interpreter {
  readonly history: Op[] = [];
  private readonly options: InterpreterOptions;
  private readonly threads: Thread[];
  private idleWaiters: Array<() => void> = [];
  /** Jepsen's `next-thread-index`: where the search for a free thread starts. */
  private nextThreadIndex = 0;

  constructor(options: InterpreterOptions) {
    this.options = options;
    this.threads = Array.from({ length: options.concurrency }, (_, index) => ({
      index,
      process: index,
      node: processNode(index, options.concurrency, options.nodes),
      client: null,
      clientProcess: index,
      busy: false,
    }));
  }

  /** Main phase, drain and final phase. Resolves when every op has completed. */
  async run(): Promise<void> {
    const { scheduler, nemesis, timeLimitS, workload, log } = this.options;
    const start = scheduler.now();
    const limit = start + timeLimitS * NS_PER_S;
    await Promise.all([
      this.runClients(start, limit),
      nemesis.includes("partition") ? this.runNemesis(start, limit) : Promise.resolve(),
      ...this.runFaults(start, limit),
    ]);
    await this.allIdle();
    if (workload.finalOp) {
      if (nemesis.includes("partition")) this.nemesisOp("stop-partition", null);
      log.info("Waiting for recovery...");
      await scheduler.sleepUntil(scheduler.now() + RECOVERY_S * NS_PER_S);
      // Every thread reads at once; which is dispatched first (and so which read gets the
      // highest index, the one set-full trusts) is a seeded random tie-break, as in Jepsen.
      const finalOp = workload.finalOp;
      const order = this.options.generatorRandom.shuffle(this.threads);
      await Promise.all(order.map((thread) => this.perform(thread, finalOp)));
    }
  }

  /** Closes every client (teardown). */
  closeClients(): void {
    for (const thread of this.threads) thread.client?.close();
  }

  /**
   * The main phase's client ops under Jepsen's stagger (docs/MAELSTROM.md#generator-and-phases): an op is
   * stamped when it is actually dispatched, and the next gap is drawn from that moment, so the
   * interpreter's wake-up lateness accumulates with no catch-up.
   */
  private async runClients(start: number, limit: number): Promise<void> {
    const { scheduler, rate, workload, generatorRandom } = this.options;
    if (rate === 0) {
      await scheduler.sleepUntil(limit);
      return;
    }
    const next = workload.generator(generatorRandom);
    let due = start; // Stagger's first op is not delayed
    for (;;) {
      if (due >= limit) return; // the first op due at or after the limit ends the phase
      if (scheduler.now() < due) await scheduler.sleepUntil(threadWakeTime(scheduler, due));
      while (this.threads.every((thread) => thread.busy)) {
        await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      }
      const time = scheduler.now();
      if (time >= limit) return;
      void this.perform(this.claimFreeThread(), next());
      // Stagger: the next op no earlier than U[0, 2/rate) s after this one.
      due = time + Math.floor(generatorRandom.uniform(0, 2 / rate) * NS_PER_S);
    }
  }

  private async runNemesis(start: number, limit: number): Promise<void> {
    const { scheduler, nemesisIntervalS, nemesisRandom } = this.options;
    const kinds = this.options.partitionKinds ?? PARTITION_KINDS;
    let time = start;
    let starting = true;
    for (;;) {
      if (time >= limit) return;
      await scheduler.sleepUntil(threadWakeTime(scheduler, time));
      this.nemesisOp(
        starting ? "start-partition" : "stop-partition",
        starting ? nemesisRandom.pick(kinds) : null,
      );
      starting = !starting;
      time =
        scheduler.now() + Math.floor(nemesisRandom.uniform(0, 2 * nemesisIntervalS) * NS_PER_S);
    }
  }

  /** The windows of every fault kind named in `nemesis` (see net/faults.ts). */
  private runFaults(start: number, limit: number): Promise<void>[] {
    const { faults, nemesis, scheduler, nodes } = this.options;
    if (!faults) return [];
    const randoms = new Map(FAULT_KINDS.map((kind) => [kind, faults.random.fork()]));
    return FAULT_KINDS.filter((kind) => nemesis.includes(kind)).map((kind) =>
      runFault(
        kind,
        faults.settings[kind],
        {
          scheduler,
          random: randoms.get(kind)!,
          nodes,
          links: faults.links,
          control: faults.control,
          record: (f, value) =>
            this.record({ time: scheduler.now(), type: "info", process: "nemesis", f, value }),
        },
        start,
        limit,
      ),
    );
  }

  private nemesisOp(
    f: "start-partition" | "stop-partition",
    kind: (typeof PARTITION_KINDS)[number] | null,
  ): void {
    const { network, nodes, nemesisRandom, scheduler } = this.options;
    this.advanceThreadIndex(); // a nemesis dispatch takes a turn of the rotation too
    this.record({ time: scheduler.now(), type: "info", process: "nemesis", f, value: kind });
    let value: unknown = "network-healed";
    if (kind) {
      const grudge = partitionGrudge(kind, nodes, nemesisRandom);
      network.setPartitions(grudge);
      value = describeGrudge(grudge);
    } else {
      network.setPartitions(new Map());
    }
    this.record({ time: scheduler.now(), type: "info", process: "nemesis", f, value });
  }

  /**
   * Jepsen's free-thread choice (docs/MAELSTROM.md#generator-and-phases): the first free client thread at or after
   * the rotation index, else the lowest free one. The index then moves on by one, modulo the
   * client threads plus the nemesis slot; a client op finds the nemesis slot never free and
   * wraps to thread 0, so thread 0 gets about 2/(c+1) of the ops.
   */
  private claimFreeThread(): Thread {
    const from = this.nextThreadIndex;
    const thread =
      this.threads.find((t) => t.index >= from && !t.busy) ?? this.threads.find((t) => !t.busy);
    if (!thread) throw new Error("no free thread");
    this.advanceThreadIndex();
    return thread;
  }

  private advanceThreadIndex(): void {
    this.nextThreadIndex = (this.nextThreadIndex + 1) % (this.threads.length + 1);
  }

  /** Dispatches one op on `thread`, stamped with the dispatch time, and records its completion. */
  private async perform(thread: Thread, request: OpRequest): Promise<void> {
    const { workload, scheduler, network, concurrency } = this.options;
    thread.busy = true;
    const base = {
      process: thread.process,
      f: request.f,
      ...(request.final ? { final: true } : {}),
    };
    this.record({ ...base, time: scheduler.now(), type: "invoke", value: request.value });
    if (!thread.client || (!workload.reusableClient && thread.clientProcess !== thread.process)) {
      thread.client?.close();
      thread.client = new Client(network, scheduler);
      thread.clientProcess = thread.process;
    }
    const completion = await this.call(thread.client, thread.node, request);
    this.record({ ...base, ...completion, time: scheduler.now() });
    if (completion.type === "info") thread.process += concurrency;
    thread.busy = false;
    if (this.threads.some((t) => !t.busy)) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** One RPC, its outcome mapped to :ok, :fail or :info as the workload's client does. */
  private async call(client: Client, node: string, request: OpRequest): Promise<Completion> {
    const { workload } = this.options;
    const idempotent = workload.idempotent.has(request.f);
    let reply: Body;
    try {
      reply = await client.rpc(node, workload.request(request), RPC_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof RpcTimeout)) throw error;
      if (!workload.withErrors) return indeterminate(request, EXCEPTION_INFO, error.message);
      return { type: idempotent ? "fail" : "info", value: request.value, error: "net-timeout" };
    }
    if (reply.type === "error") {
      // A code outside Maelstrom's table (or not even an integer) is :unknown and indefinite.
      const code = Number.isInteger(reply.code) ? (reply.code as number) : -1;
      const text = typeof reply.text === "string" ? reply.text : null;
      if (!workload.withErrors)
        return indeterminate(request, EXCEPTION_INFO, `RPC error ${code}: ${text}`);
      const definite = isDefinite(code) || idempotent;
      return {
        type: definite ? "fail" : "info",
        value: request.value,
        error: [errorName(code), text],
      };
    }
    const problem = schemaProblem(workload.response(request.f), reply);
    if (problem) {
      return indeterminate(
        request,
        EXCEPTION_INFO,
        `Malformed RPC response: ${problem}: ${JSON.stringify(reply)}`,
      );
    }
    return { type: "ok", value: workload.completionValue(request, reply) };
  }

  private record(fields: Omit<Op, "index">): void {
    const op = {
      index: this.history.length,
      ...fields,
      time: fields.time - this.options.origin,
    } as Op;
    this.history.push(op);
    this.options.onOp?.(op);
  }

  private async allIdle(): Promise<void> {
    while (this.threads.some((thread) => thread.busy)) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }
}

const EXCEPTION_INFO = "clojure.lang.ExceptionInfo";

/** An exception in the client: Jepsen's worker records it as :info with the exception. */
function indeterminate(request: OpRequest, exceptionClass: string, message: string): Completion {
  return {
    type: "info",
    value: request.value,
    error: `indeterminate: ${message}`,
    exception: { class: exceptionClass, message },
  };
}
