/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * A simulated run allocates fast (every message of every node, in one thread) and keeps a large
 * heap. With V8's default semi-spaces (16 MB) a 1,000-node run scavenged thousands of times and
 * spent over 40 % of its time in the garbage collector; with 256 MB it took about half the wall
 * time (docs/BENCHMARKS.md#scale). The size takes full effect only when Node starts (set at run
 * time it gave about half the gain), so `maelstrom test --sim` starts itself again with it.
 */
import { spawnSync } from "node:child_process";
import { constants } from "node:os";

const FLAG = "--max-semi-space-size";
export const SIM_YOUNG_GENERATION = `${FLAG}=256`;

/**
 * Runs this command again in a Node started with `SIM_YOUNG_GENERATION`, and returns its exit
 * code; undefined when this process already has a semi-space size (then run here).
 */
export function rerunWithSimHeap(): number | undefined {
  const started = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  if (started.some((flag) => flag.startsWith(FLAG))) return undefined;
  const script = process.argv[1];
  if (script === undefined) return undefined;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, SIM_YOUNG_GENERATION, script, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  if (child.error) throw child.error;
  if (child.signal) return 128 + (constants.signals[child.signal] ?? 0);
  return child.status ?? 255;
}
