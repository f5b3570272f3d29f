/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * `--check-determinism`: two runs of one seed must leave the same history and results. The
 * first differing history line says where the runs parted, which is where to look.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The files a deterministic run reproduces byte for byte, history first. */
const COMPARED = ["history.jsonl", "results.json"] as const;

/** Null when the runs in `dirA` and `dirB` agree; otherwise where they first differ. */
export function firstDifference(dirA: string, dirB: string): string | null {
  for (const file of COMPARED) {
    const a = readLines(join(dirA, file));
    const b = readLines(join(dirB, file));
    if (a === null || b === null) {
      if (a !== b) return `${file} exists in only one run`;
      continue;
    }
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (a[i] !== b[i])
        return `${file} line ${i + 1} differs:\n  first run:  ${a[i] ?? "(end of file)"}\n  second run: ${b[i] ?? "(end of file)"}`;
    }
  }
  return null;
}

function readLines(path: string): string[] | null {
  try {
    return readFileSync(path, "utf8").split("\n");
  } catch {
    return null;
  }
}
