/**
 * Reimplements `jepsen.checker/unique-ids` (docs/MAELSTROM.md#checkers).
 * Jepsen's `unique-ids` checker, over ops with `:f :generate`: attempted and
 * acknowledged counts, duplicated IDs (the 48 most frequent, keyed in sorted order) and the
 * `[min max]` range under Clojure's `compare`. IDs that can't be compared (mixed kinds, objects)
 * make Jepsen throw, which the composed checker reports as `{:valid? :unknown :error …}`; this
 * module returns that result itself.
 */
import { canonicalJson } from "../../src/lib/canonical-json.js";
import type { Keyword } from "../output/edn.js";
import type { Op } from "../output/history.js";
import { compareClojure, unknownResult } from "./common.js";

export const MAX_DUPLICATES_SHOWN = 48;

export interface UniqueIdsResult {
  "valid?": boolean;
  "attempted-count": number;
  "acknowledged-count": number;
  "duplicated-count": number;
  /** ID → count, sorted by ID. */
  duplicated: Map<unknown, number>;
  /** `[lowest highest]`, `[null null]` when nothing was acknowledged. */
  range: [unknown, unknown];
}

export type UniqueIdsOutcome = UniqueIdsResult | { "valid?": Keyword; error: string };

export function checkUniqueIds(history: readonly Op[]): UniqueIdsOutcome {
  try {
    return uniqueIds(history);
  } catch (error) {
    return unknownResult(error);
  }
}

function uniqueIds(history: readonly Op[]): UniqueIdsResult {
  let attempted = 0;
  let acknowledged = 0;
  const freqs = new Map<string, { id: unknown; count: number }>();
  let range: [unknown, unknown] | undefined;
  for (const op of history) {
    if (op.f !== "generate") continue;
    if (op.type === "invoke") attempted++;
    if (op.type !== "ok") continue;
    acknowledged++;
    const id = op.value ?? null;
    const key = canonicalJson(id);
    const f = freqs.get(key);
    if (f) f.count++;
    else freqs.set(key, { id, count: 1 });
    // tesser's range fold: the first input seeds both ends without a comparison.
    range = range
      ? [
          compareClojure(id, range[0]) < 0 ? id : range[0],
          compareClojure(id, range[1]) > 0 ? id : range[1],
        ]
      : [id, id];
  }
  // (into (sorted-map) dups), then (->> dups (sort-by val) reverse (take 48) (into (sorted-map))).
  const dups = [...freqs.values()]
    .filter((f) => f.count > 1)
    .sort((a, b) => compareClojure(a.id, b.id));
  const shown = [...dups]
    .sort((a, b) => a.count - b.count)
    .reverse()
    .slice(0, MAX_DUPLICATES_SHOWN)
    .sort((a, b) => compareClojure(a.id, b.id));
  return {
    "valid?": dups.length === 0,
    "attempted-count": attempted,
    "acknowledged-count": acknowledged,
    "duplicated-count": dups.length,
    duplicated: new Map(shown.map((d) => [d.id, d.count])),
    range: range ?? [null, null],
  };
}
