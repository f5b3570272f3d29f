/**
 * The baseline broadcast designs the comparison (`bin/maelstrom compare`) sets against
 * treecast, by name: each a short Program written from the design's description, in its module.
 */
import type { Program } from "../../runtime/node.js";
import { allToAll } from "./all-to-all.js";
import { flood } from "./flood.js";
import { floodEcho } from "./flood-echo.js";
import { floodRetry } from "./flood-retry.js";
import { starBatch } from "./star-batch.js";
import { starRpc } from "./star-rpc.js";
import { treeSync } from "./tree-sync.js";

export interface Baseline {
  program: Program;
  /** One line: the design it reproduces. */
  design: string;
  /** Whether the design claims to stay correct under partitions. */
  partitionTolerant: boolean;
}

export const BASELINES = {
  flood: {
    program: flood,
    design: "Maelstrom's tutorial flood, fire-and-forget to topology neighbours",
    partitionTolerant: false,
  },
  "flood-echo": {
    program: floodEcho,
    design: "flood forwarding the client's request (msg_id included), answered by every receiver",
    partitionTolerant: false,
  },
  "flood-retry": {
    program: floodRetry,
    design: "flood as acked RPCs, resent every 500 ms until acked",
    partitionTolerant: true,
  },
  "star-rpc": {
    program: starRpc,
    design: "one hub, one acked RPC per value per destination",
    partitionTolerant: true,
  },
  "star-batch": {
    program: starBatch,
    design: "one hub, per-destination batches as one acked RPC every 500 ms",
    partitionTolerant: true,
  },
  "all-to-all": {
    program: allToAll(500),
    design: "the full set to every other node every 500 ms",
    partitionTolerant: true,
  },
  "all-to-all-1s": {
    program: allToAll(1000),
    design: "the full set to every other node every 1 s",
    partitionTolerant: true,
  },
  "tree-sync": {
    program: treeSync,
    design: "fan-out-5 BFS tree, every 250 ms all values not received from each neighbour",
    partitionTolerant: true,
  },
} as const satisfies Record<string, Baseline>;

export type BaselineName = keyof typeof BASELINES;
export const BASELINE_NAMES = Object.keys(BASELINES) as BaselineName[];
