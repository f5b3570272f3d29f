/**
 * Reimplements `jepsen.checker/stats` with Maelstrom's wrapper (docs/MAELSTROM.md#checkers).
 * Jepsen's `stats` checker wrapped as Maelstrom composes it: ok / fail /
 * info counts over completions of client ops, overall and per `:f`. Each `:f` is valid iff it has
 * at least one `:ok`; the overall `valid?` merges the per-`:f` ones, and when that is not true it
 * is recomputed ignoring `:crash` and `:debug-topic-partitions` (jepsen.tests.kafka's wrapper).
 */
import { isClientOp, type Op } from "../output/history.js";
import { mergeValid } from "./common.js";

export interface StatsCounts {
  "valid?": boolean;
  count: number;
  "ok-count": number;
  "fail-count": number;
  "info-count": number;
}

export interface StatsResult extends StatsCounts {
  /** Keyed by `:f`, sorted. */
  "by-f": Record<string, StatsCounts>;
}

const IGNORED_FS = new Set(["crash", "debug-topic-partitions"]);

function counts(ops: readonly Op[]): StatsCounts {
  const n = (type: Op["type"]) => ops.filter((op) => op.type === type).length;
  const ok = n("ok");
  const fail = n("fail");
  const info = n("info");
  return {
    "valid?": ok > 0,
    count: ok + fail + info,
    "ok-count": ok,
    "fail-count": fail,
    "info-count": info,
  };
}

export function checkStats(history: readonly Op[]): StatsResult {
  const completions = history.filter((op) => op.type !== "invoke" && isClientOp(op));
  const groups = new Map<string, Op[]>();
  for (const op of completions) {
    const group = groups.get(op.f);
    if (group) group.push(op);
    else groups.set(op.f, [op]);
  }
  const byF: Record<string, StatsCounts> = {};
  for (const f of [...groups.keys()].sort()) byF[f] = counts(groups.get(f)!);
  let valid = mergeValid(Object.values(byF).map((c) => c["valid?"]));
  if (valid !== true) {
    valid = mergeValid(
      Object.entries(byF)
        .filter(([f]) => !IGNORED_FS.has(f))
        .map(([, c]) => c["valid?"]),
    );
  }
  return { ...counts(completions), "valid?": valid, "by-f": byF };
}
