/**
 * The rows of the comparison: each baseline design, treecast's broadcast node at each profile,
 * and any executable a user adds with `--bin`. A row knows how to run in-process (a Program)
 * and as processes (an executable, its arguments and environment), and which published figures
 * it should reproduce.
 */
import { BASELINE_NAMES, BASELINES } from "../src/programs/baselines/index.js";
import { PROFILE_NAMES, PROFILES } from "../src/programs/broadcast/config.js";
import { broadcast } from "../src/programs/broadcast.js";
import type { Program } from "../src/runtime/node.js";

/** A figure reported elsewhere for the same design on the 3d/3e workload (no nemesis). */
export interface Published {
  msgsPerOp: number;
  medianMs?: number;
  maxMs?: number;
  /** Where it was reported, and on which topology if not Maelstrom's default grid. */
  source: string;
}

export interface Strategy {
  name: string;
  family: "baseline" | "treecast" | "bin";
  /** One line: the design. */
  design: string;
  /** In-process runs: the node program (absent for `--bin` rows). */
  program?: Program;
  /** Process runs: executable (relative to the project root unless absolute), args, env. */
  process: { bin: string; args: string[]; env: Record<string, string> };
  /** Whether it should stay valid under partitions. */
  partitionTolerant: boolean;
  published: Published[];
}

const GUIDE = "Maelstrom's guide";
const ARTICLE = "the seed article";

/** Published figures by baseline, from the issue that set the comparison up. */
const PUBLISHED: Record<string, Published[]> = {
  flood: [{ msgsPerOp: 27.8, source: `${GUIDE}, 25-node grid` }],
  "star-rpc": [
    { msgsPerOp: 23.4, medianMs: 181, maxMs: 207, source: ARTICLE },
    { msgsPerOp: 24.0, medianMs: 177, maxMs: 204, source: ARTICLE },
  ],
  "star-batch": [{ msgsPerOp: 1.92, medianMs: 764, maxMs: 1087, source: ARTICLE }],
  "all-to-all": [{ msgsPerOp: 21.8, medianMs: 319, maxMs: 602, source: ARTICLE }],
  "all-to-all-1s": [{ msgsPerOp: 10.8, medianMs: 564, maxMs: 1077, source: ARTICLE }],
};

const baselines: Strategy[] = BASELINE_NAMES.map((name) => ({
  name,
  family: "baseline",
  design: BASELINES[name].design,
  program: BASELINES[name].program,
  process: { bin: "bin/baseline", args: [name], env: {} },
  partitionTolerant: BASELINES[name].partitionTolerant,
  published: PUBLISHED[name] ?? [],
}));

const profiles: Strategy[] = PROFILE_NAMES.map((profile) => ({
  name: `treecast-${profile}`,
  family: "treecast",
  design: `treecast's broadcast node, profile ${profile} (tick ${PROFILES[profile].tickMs} ms)`,
  program: broadcast(PROFILES[profile]),
  process: { bin: "bin/broadcast", args: [], env: { TREECAST_PROFILE: profile } },
  partitionTolerant: true,
  published: [],
}));

/** Every built-in row, in table order; the default set. */
export const STRATEGIES: readonly Strategy[] = [...baselines, ...profiles];

/** A user's executable as one more row (always run as processes). */
export function binStrategy(name: string, bin: string): Strategy {
  return {
    name,
    family: "bin",
    design: `--bin ${bin}`,
    process: { bin, args: [], env: {} },
    partitionTolerant: true,
    published: [],
  };
}
