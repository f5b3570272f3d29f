/**
 * Reimplements the node side of `maelstrom.db` (docs/MAELSTROM.md#node-processes).
 * What a run needs from wherever its nodes live (Maelstrom's `maelstrom.db` and
 * `maelstrom.process`): a clock, and a way to start a node and wire it to the network. The
 * process adapter (`process.ts`) and the in-process adapter (`in-process.ts`) implement it.
 */
import type { Scheduler } from "../clock.js";
import type { Network } from "../net/network.js";
import type { RunLog } from "../output/log.js";

/** How many of a node's last output lines a fault report carries, as Maelstrom keeps. */
export const KEPT_LINES = 32;

/** Appends `line`, keeping only the last KEPT_LINES. */
export function remember(lines: string[], line: string): void {
  lines.push(line);
  if (lines.length > KEPT_LINES) lines.shift();
}

/** Something wrong with a node that the run must report: it died, or its output is ignored. */
export interface NodeFault {
  node: string;
  kind: "crashed" | "stdout-reader-stopped";
  detail: string;
  /** For a stopped stdout reader: why the line was refused, and the line itself. */
  refused?: { cause: string; line: string };
  lastStdout: string[];
  lastStderr: string[];
}

export interface NodeHost {
  readonly id: string;
  /** Resolves with a reason if the node dies or cannot start before it is stopped. */
  readonly died: Promise<string>;
  /** Kills the node; resolves with a fault if it had exited on its own before. */
  stop(): Promise<NodeFault | null>;
  /** Freezes the node (the `pause` fault): SIGSTOP for a process, timers held in-process. */
  pause(): void;
  resume(): void;
}

/** Starts one node and wires it to the network. */
export type NodeLauncher = (
  node: string,
  context: { network: Network; logDir: string; log: RunLog; onFault(fault: NodeFault): void },
) => NodeHost;

/** Where a run gets time and nodes from. */
export interface Engine {
  scheduler: Scheduler;
  launch: NodeLauncher;
}
