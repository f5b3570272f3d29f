/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * Faults beyond Maelstrom's partitions, each off unless named in `--nemesis`: `loss` drops a
 * fraction of server messages, `duplicate` delivers a fraction twice, `delay` slows some links
 * ×10 (Maelstrom's net has `slow!` but never uses it), `pause` freezes nodes (their inbox and
 * timers held), `crash` kills nodes and restarts them empty (they get `init` again).
 *
 * Each kind runs as the partition nemesis does: windows that start and stop at times drawn
 * U(0, 2·interval) apart, recorded in the history as `:nemesis` info ops (`start-loss`,
 * `stop-loss`, …). The link faults are consulted by the network on every server-to-server send;
 * the node faults act through `NodeControl`, which the run wires to its hosts.
 */
import type { Random } from "../../src/lib/random.js";
import { NS_PER_S, type Scheduler } from "../clock.js";

export const FAULT_KINDS = ["loss", "duplicate", "delay", "pause", "crash"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How often a fault window opens and how hard it hits. */
export interface FaultSettings {
  /** Mean seconds between a window's start and stop, and between windows. */
  intervalS: number;
  /** In (0, 1]: the fraction of messages (loss, duplicate), links (delay) or nodes (pause, crash; at least one). */
  intensity: number;
}

export const FAULT_INTENSITY_HELP: Readonly<Record<FaultKind, string>> = {
  loss: "fraction of server messages dropped",
  duplicate: "fraction of server messages delivered twice",
  delay: "fraction of directed links slowed ×10",
  pause: "fraction of nodes paused (at least one)",
  crash: "fraction of nodes crashed and restarted (at least one)",
};

export const DEFAULT_FAULT_SETTINGS: FaultSettings = { intervalS: 5, intensity: 0.2 };

/** Latency factor on a slowed link. */
export const DELAY_FACTOR = 10;

/** What happens to one server-to-server message. */
export interface LinkFate {
  drop: boolean;
  duplicate: boolean;
  latencyFactor: number;
}

const UNHARMED: LinkFate = { drop: false, duplicate: false, latencyFactor: 1 };

/** The link faults now in force; the network asks `fate` for every server-to-server send. */
export class LinkFaults {
  lossRate = 0;
  duplicateRate = 0;
  /** Slowed directed links, as "src dest". */
  slowLinks = new Set<string>();
  private readonly random: Random;

  constructor(random: Random) {
    this.random = random;
  }

  get active(): boolean {
    return this.lossRate > 0 || this.duplicateRate > 0 || this.slowLinks.size > 0;
  }

  fate(src: string, dest: string): LinkFate {
    if (!this.active) return UNHARMED;
    // Draw all three every time, so one fault's window does not shift another's choices.
    const lost = this.random.next() < this.lossRate;
    const doubled = this.random.next() < this.duplicateRate;
    return {
      drop: lost,
      duplicate: !lost && doubled,
      latencyFactor: this.slowLinks.has(`${src} ${dest}`) ? DELAY_FACTOR : 1,
    };
  }
}

/** What the node faults do to nodes; the run implements it over its hosts and network. */
export interface NodeControl {
  /** Freezes a node: nothing delivered to it, its timers held, until `resume`. */
  pause(node: string): void;
  resume(node: string): void;
  /** Kills a node; messages to it are lost until it is restarted. */
  crash(node: string): Promise<void>;
  /** Starts a crashed node again with an empty state and sends it `init`. */
  restart(node: string): Promise<void>;
}

export interface FaultContext {
  scheduler: Scheduler;
  random: Random;
  nodes: readonly string[];
  links: LinkFaults;
  control: NodeControl;
  /** Records a `:nemesis` info op. */
  record(f: string, value: unknown): void;
}

/** Picks ⌈fraction·n⌉ (at least one) of `items`, in a seeded order. */
function some<T>(items: readonly T[], fraction: number, random: Random): T[] {
  const count = Math.min(items.length, Math.max(1, Math.ceil(fraction * items.length)));
  return random.shuffle(items).slice(0, count);
}

/** Starts one window of `kind`; resolves with the function that ends it. */
async function startWindow(
  kind: FaultKind,
  { intensity }: FaultSettings,
  context: FaultContext,
): Promise<{ value: unknown; stop: () => Promise<unknown> }> {
  const { links, control, nodes, random } = context;
  switch (kind) {
    case "loss":
      links.lossRate = intensity;
      return { value: { rate: intensity }, stop: async () => (links.lossRate = 0) };
    case "duplicate":
      links.duplicateRate = intensity;
      return { value: { rate: intensity }, stop: async () => (links.duplicateRate = 0) };
    case "delay": {
      const pairs = nodes.flatMap((a) => nodes.filter((b) => b !== a).map((b) => `${a} ${b}`));
      const slow = some(pairs, intensity, random).sort();
      for (const link of slow) links.slowLinks.add(link);
      return {
        value: { factor: DELAY_FACTOR, links: slow },
        stop: async () => {
          for (const link of slow) links.slowLinks.delete(link);
        },
      };
    }
    case "pause": {
      const paused = some(nodes, intensity, random).sort();
      for (const node of paused) control.pause(node);
      return {
        value: paused,
        stop: async () => {
          for (const node of paused) control.resume(node);
        },
      };
    }
    case "crash": {
      const crashed = some(nodes, intensity, random).sort();
      await Promise.all(crashed.map((node) => control.crash(node)));
      return {
        value: crashed,
        stop: () => Promise.all(crashed.map((node) => control.restart(node))),
      };
    }
  }
}

/**
 * Runs the windows of one fault kind from `start` until `limit` (scheduler times), and ends an
 * open window at the limit, so the drain and final reads see a whole cluster.
 */
export async function runFault(
  kind: FaultKind,
  settings: FaultSettings,
  context: FaultContext,
  start: number,
  limit: number,
): Promise<void> {
  const { scheduler, random, record } = context;
  const gap = () => Math.floor(random.uniform(0, 2 * settings.intervalS) * NS_PER_S);
  let time = start + gap();
  while (time < limit) {
    await scheduler.sleepUntil(time);
    record(`start-${kind}`, null);
    const window = await startWindow(kind, settings, context);
    record(`start-${kind}`, window.value);
    time = scheduler.now() + gap();
    await scheduler.sleepUntil(Math.min(time, limit));
    record(`stop-${kind}`, null);
    await window.stop();
    record(`stop-${kind}`, window.value);
    time = scheduler.now() + gap();
  }
}
