/**
 * Treecast's own (docs/MAELSTROM.md#challenges).
 * `maelstrom challenge`: Fly.io's parameter sets, run and judged (see `challenge-runner.ts`).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runChallenges } from "../challenge-runner.js";
import { ALL_CHALLENGES, CHALLENGES } from "../challenges.js";
import { type FlagHelp, flagUsage, UsageError } from "../options.js";
import { type Command, parseCommandArgs } from "./command.js";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const FLAGS: FlagHelp[] = [
  { name: "bin", value: "PATH", help: "the node to test (default: ours for each challenge)" },
  { name: "maelstrom", value: "PATH", help: "run a real Maelstrom launcher instead of ours" },
  { name: "seed", value: "N", help: "seed for every run (default: random, printed)" },
  { name: "store", value: "DIR", help: "where run folders go (default store)" },
];

export const challengeCommand: Command = {
  name: "challenge",
  summary: "run and judge Fly.io's challenges (1, 2, 3a–3e, all)",
  usage: () =>
    `Usage: maelstrom challenge ${[...CHALLENGES.map((c) => c.id), "all"].join("|")}… [options]\n\n${flagUsage(FLAGS)}`,
  async run(argv) {
    const parsed = parseCommandArgs(argv, OPTIONS);
    const ids = parsed.positionals.flatMap((id) => (id === "all" ? ALL_CHALLENGES : [id]));
    if (ids.length === 0) throw new UsageError("name a challenge, or all");
    for (const id of ids)
      if (!CHALLENGES.some((c) => c.id === id)) throw new UsageError(`unknown challenge ${id}`);
    const { bin, maelstrom, seed, store } = parsed.values;
    if (seed !== undefined && !/^\d+$/.test(seed))
      throw new UsageError(`--seed must be an integer, got ${seed}`);
    return runChallenges({
      ids,
      ...(bin ? { bin: resolve(bin) } : {}),
      ...(maelstrom ? { maelstrom: resolve(maelstrom) } : {}),
      ...(seed !== undefined ? { seed: Number(seed) } : {}),
      storeDir: store,
      projectRoot: PROJECT_ROOT,
    });
  },
};

const OPTIONS = {
  bin: { type: "string" },
  maelstrom: { type: "string" },
  seed: { type: "string" },
  store: { type: "string", default: "store" },
} as const;
