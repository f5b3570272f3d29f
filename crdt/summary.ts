/**
 * Summaries are version vectors: `log → count` says "I hold entries [0, count) of that log",
 * where a missing log means 0, so counts are positive: no summary made here holds a zero. Logs
 * are numbered by the replica (the yjs replica by yjs client id, the plain one by the origin's
 * index in `node_ids`) and named on the wire by `SummaryWire`; the helpers here only need the
 * shape. A `Map` rather than an object keyed by numbers: its loops and lookups take the numbers
 * as they are, where an object with integer keys hands them out as strings (at 1,000 logs per
 * summary that was a tenth of a node's time).
 *
 * A summary that a neighbour itself reported is an acknowledgement: everything it covers has
 * arrived there. Acks may arrive out of order or be stale, so they are combined with
 * `mergeSummaries` (per-log maximum), never assigned.
 */
export type Summary = ReadonlyMap<number, number>;

/** The summary of an empty replica. */
export const EMPTY_SUMMARY: Summary = new Map();

/** How a replica names its logs on the wire, where a summary is a JSON object of counts. */
export interface SummaryWire {
  /** The wire key of a log. */
  logName(log: number): string;
  /** The log a wire key names, or undefined if it names none of this cluster's. */
  logOf(name: string): number | undefined;
}

/**
 * The per-log maximum of two summaries. Summaries only grow, so one side usually covers the
 * other already: that side is returned as is (summaries are read-only), which spares a copy per
 * message.
 */
export function mergeSummaries(a: Summary, b: Summary): Summary {
  if (dominates(a, b)) return a;
  if (dominates(b, a)) return b;
  const out = new Map(a);
  for (const [log, count] of b) if (count > (out.get(log) ?? 0)) out.set(log, count);
  return out;
}

/**
 * The entries of `a` above `b` (what `a` adds to a receiver that holds `b`). Merged into `b` with
 * `mergeSummaries`, it gives back everything `a` covers: a summary sent as this difference
 * against the last one sent says the same with the few entries that changed.
 */
export function summaryAbove(a: Summary, b: Summary): Summary {
  const out = new Map<number, number>();
  for (const [log, count] of a) if (count > (b.get(log) ?? 0)) out.set(log, count);
  return out;
}

/** The entries of the logs `keep` accepts. */
export function summaryOf(summary: Summary, keep: (log: number) => boolean): Summary {
  const out = new Map<number, number>();
  for (const [log, count] of summary) if (keep(log)) out.set(log, count);
  return out;
}

/** True when `a` covers everything `b` covers (a[log] ≥ b[log] for every log). */
export function dominates(a: Summary, b: Summary): boolean {
  if (b.size > a.size) return false; // counts are positive: b has a log that a lacks
  for (const [log, count] of b) if ((a.get(log) ?? 0) < count) return false;
  return true;
}

/** A summary as a JSON object for the wire, `{"<log name>": count}`. */
export function summaryToJson(summary: Summary, wire: SummaryWire): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [log, count] of summary) out[wire.logName(log)] = count;
  return out;
}

/**
 * Validates a summary received from the wire: a JSON object whose keys name logs of `wire` and
 * whose values are non-negative safe integers (zeros are dropped). Throws MalformedInput with
 * the reason.
 */
export function parseSummary(raw: unknown, wire: SummaryWire): Summary {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MalformedInput("summary must be a JSON object of counts");
  }
  const out = new Map<number, number>();
  for (const name in raw) {
    const count = (raw as Record<string, unknown>)[name];
    const log = wire.logOf(name);
    if (log === undefined) {
      throw new MalformedInput(`summary has an unknown key ${JSON.stringify(name)}`);
    }
    if (!Number.isSafeInteger(count) || (count as number) < 0) {
      throw new MalformedInput(`summary count for ${name} is not a non-negative integer`);
    }
    if ((count as number) > 0) out.set(log, count as number);
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
