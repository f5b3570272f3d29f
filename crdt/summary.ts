/**
 * Summaries are version vectors: `{key: count}` says "I hold entries [0, count) of the log
 * named key", where a missing key means 0, so counts are positive: no summary made here holds
 * a zero. The yjs replica keys them by yjs client id (its state vector), the plain replica by
 * origin node id; the helpers here only need the shape.
 *
 * A summary that a neighbour itself reported is an acknowledgement: everything it covers has
 * arrived there. Acks may arrive out of order or be stale, so they are combined with
 * `mergeSummaries` (per-key maximum), never assigned.
 */
export type Summary = Readonly<Record<string, number>>;

/**
 * The per-key maximum of two summaries. Summaries only grow, so one side usually covers the
 * other already: that side is returned as is (summaries are read-only), which spares a node of
 * a large cluster a thousand-key object per message. Counts are positive: the summaries made
 * here and by `parseSummary` hold no zero entries, and a merge keeps it so.
 */
export function mergeSummaries(a: Summary, b: Summary): Summary {
  if (dominates(a, b)) return a;
  if (dominates(b, a)) return b;
  const out: Record<string, number> = { ...a };
  for (const key in b) if (b[key]! > (out[key] ?? 0)) out[key] = b[key]!;
  return out;
}

/**
 * The entries of `a` above `b` (what `a` adds to a receiver that holds `b`). Merged into `b` with
 * `mergeSummaries`, it gives back everything `a` covers: a summary sent as this difference
 * against the last one sent says the same with a few keys where `a` has a thousand.
 */
export function summaryAbove(a: Summary, b: Summary): Summary {
  const out: Record<string, number> = {};
  for (const key in a) if (a[key]! > (b[key] ?? 0)) out[key] = a[key]!;
  return out;
}

/** True when `a` covers everything `b` covers (a[k] ≥ b[k] for every key). */
export function dominates(a: Summary, b: Summary): boolean {
  for (const key in b) if ((a[key] ?? 0) < b[key]!) return false;
  return true;
}

/**
 * Validates a summary received from the wire: a JSON object whose keys pass `isKey` and whose
 * values are non-negative safe integers. Throws MalformedInput with the reason.
 */
export function parseSummary(raw: unknown, isKey: (key: string) => boolean): Summary {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MalformedInput("summary must be a JSON object of counts");
  }
  const out: Record<string, number> = {};
  for (const [key, count] of Object.entries(raw)) {
    if (!isKey(key)) throw new MalformedInput(`summary has an unknown key ${JSON.stringify(key)}`);
    if (!Number.isSafeInteger(count) || (count as number) < 0) {
      throw new MalformedInput(`summary count for ${key} is not a non-negative integer`);
    }
    if ((count as number) > 0) out[key] = count as number;
  }
  return out;
}

/** Input from another node that a replica refuses (bad shape, or state that cannot be right). */
export class MalformedInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedInput";
  }
}
