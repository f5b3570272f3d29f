/**
 * Reimplements `jepsen.checker/set-full` (docs/MAELSTROM.md#checkers).
 * Jepsen's `set-full` checker, as Maelstrom's broadcast and g-set workloads use it: per-element
 * known / last-present / last-absent states built over client ops in history order, stable / lost / never-read outcomes by read *invocation* index, stable
 * and lost latencies in whole milliseconds, and Jepsen's always-empty duplicate report.
 *
 * One addition that is not a Maelstrom key: `real-duplicated` maps each value some single ok read
 * returned more than once to the highest multiplicity seen, with `real-duplicated-count`.
 */
import { canonicalJson } from "../../src/lib/canonical-json.js";
import { type Keyword, kw, list, type OpEdn, opToEdn, type Tagged } from "../output/edn.js";
import { isClientOp, type Op } from "../output/history.js";
import { compareElements, type Validity, withInvocations } from "./common.js";

export const QUANTILE_POINTS: readonly number[] = [0, 0.5, 0.95, 0.99, 1];

export interface SetFullOptions {
  /** Jepsen's `:linearizable?`: stale elements make the result invalid. Maelstrom uses false. */
  linearizable?: boolean;
}

export interface SetFullElementResult {
  element: unknown;
  outcome: Keyword;
  "stable-latency": number | null;
  "lost-latency": number | null;
  known: Tagged<OpEdn> | null;
  "last-absent": Tagged<OpEdn> | null;
}

export interface SetFullResult {
  "attempt-count": number;
  "stable-count": number;
  "lost-count": number;
  lost: unknown[];
  "never-read-count": number;
  "never-read": unknown[];
  "stale-count": number;
  stale: unknown[];
  "worst-stale": SetFullElementResult[];
  /** Quantile → ms, keys at QUANTILE_POINTS; absent when no element is stable. */
  "stable-latencies"?: Map<number, number>;
  "lost-latencies"?: Map<number, number>;
  /** Always 0 and empty: Jepsen's detector keeps only frequencies `< 1`, which never occur. */
  "duplicated-count": number;
  duplicated: Map<unknown, number>;
  "real-duplicated-count": number;
  "real-duplicated": Map<unknown, number>;
  "valid?": Validity;
}

interface ElementState {
  element: unknown;
  known?: Op;
  lastPresent?: Op;
  lastAbsent?: Op;
}

type Outcome = "stable" | "lost" | "never-read";

interface ElementOutcome {
  state: ElementState;
  outcome: Outcome;
  stableLatency: number | null;
  lostLatency: number | null;
}

const nanosToMs = (ns: number) => Math.floor(Math.max(0, ns) / 1e6);

function readElements(op: Op): unknown[] {
  if (op.value === null || op.value === undefined) return [];
  if (Array.isArray(op.value)) return op.value;
  throw new Error(`read ${op.index} returned a non-collection: ${canonicalJson(op.value)}`);
}

/** The outcome (stable, lost, never-read) and latencies of one element. */
function elementOutcome(state: ElementState): ElementOutcome {
  const { known, lastPresent, lastAbsent } = state;
  const presentIndex = lastPresent?.index ?? -1;
  const absentIndex = lastAbsent?.index ?? -1;
  const stable = lastPresent !== undefined && absentIndex < presentIndex;
  const lost =
    known !== undefined &&
    lastAbsent !== undefined &&
    presentIndex < absentIndex &&
    known.index < absentIndex;
  // known is always set when stable or lost (a present read sets it).
  const knownTime = known?.time ?? 0;
  const stableTime = lastAbsent ? lastAbsent.time + 1 : 0;
  const lostTime = lastPresent ? lastPresent.time + 1 : 0;
  return {
    state,
    outcome: stable ? "stable" : lost ? "lost" : "never-read",
    stableLatency: stable ? nanosToMs(stableTime - knownTime) : null,
    lostLatency: lost ? nanosToMs(lostTime - knownTime) : null,
  };
}

/** Jepsen's `frequency-distribution`: sorted samples at index min(n−1, floor(n·q)). */
export function frequencyDistribution(
  points: readonly number[],
  samples: readonly number[],
): Map<number, number> | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const out = new Map<number, number>();
  for (const q of [...points].sort((a, b) => a - b)) {
    out.set(q, sorted[Math.min(n - 1, Math.floor(n * q))]!);
  }
  return out;
}

function elementResult(o: ElementOutcome): SetFullElementResult {
  return {
    element: o.state.element,
    outcome: kw(o.outcome),
    "stable-latency": o.stableLatency,
    "lost-latency": o.lostLatency,
    known: o.state.known ? opToEdn(o.state.known) : null,
    "last-absent": o.state.lastAbsent ? opToEdn(o.state.lastAbsent) : null,
  };
}

/**
 * An element's identity: its canonical JSON, or a plain number as itself (reads of thousands of
 * integers are the common case and the checker's hot loop; a number never equals a string key).
 */
type ElementKey = string | number;
const elementKey = (element: unknown): ElementKey =>
  typeof element === "number" && !Object.is(element, -0) ? element : canonicalJson(element);

/**
 * Per-element read outcomes in typed arrays, one slot per added element: 10,000 reads of up to
 * 10,000 elements update up to 10⁸ of them, too many for object fields and a `Set` per read.
 * A slot holds history indices of invocations (−1: none).
 */
class Slots {
  size = 0;
  /** The read (its number, from 1) that last saw the element. */
  seen: Float64Array = new Float64Array(1024);
  lastPresent: Float64Array = new Float64Array(1024).fill(-1);
  lastAbsent: Float64Array = new Float64Array(1024).fill(-1);

  add(): number {
    if (this.size === this.seen.length) {
      this.seen = grown(this.seen, 0);
      this.lastPresent = grown(this.lastPresent, -1);
      this.lastAbsent = grown(this.lastAbsent, -1);
    }
    return this.size++;
  }
}

function grown(a: Float64Array, fill: number): Float64Array {
  const b = new Float64Array(a.length * 2).fill(fill);
  b.set(a);
  return b;
}

/** Element states over client ops, plus the highest multiplicity of each value within one read. */
function buildStates(history: readonly Op[]): {
  states: Map<ElementKey, ElementState>;
  dups: Map<ElementKey, { element: unknown; count: number }>;
} {
  // An add invoked again starts a fresh state (Jepsen's assoc), in a slot of its own.
  const slotOf = new Map<ElementKey, number>();
  const slotStates: ElementState[] = [];
  const slots = new Slots();
  const dups = new Map<ElementKey, { element: unknown; count: number }>();
  const invocations = new Map<number, Op>(); // of ok reads, by history index
  let reads = 0;
  for (const { op, invocation } of withInvocations(history.filter(isClientOp))) {
    if (op.f === "add") {
      const key = elementKey(op.value);
      if (op.type === "invoke") {
        slotOf.set(key, slots.add());
        slotStates.push({ element: op.value });
      } else {
        const slot = slotOf.get(key);
        const state = slot === undefined ? undefined : slotStates[slot]!;
        if (state && op.type === "ok" && !state.known) state.known = op;
      }
    } else if (op.f === "read" && op.type === "ok") {
      if (!invocation) throw new Error(`read completion ${op.index} has no invocation`);
      const read = ++reads;
      const { seen } = slots;
      // Presence by slot; elements never added only count towards duplicates.
      let unadded: Set<ElementKey> | undefined;
      const repeated = new Map<ElementKey, { element: unknown; count: number }>();
      for (const element of readElements(op)) {
        const key = elementKey(element);
        const slot = slotOf.get(key);
        if (slot !== undefined) {
          if (seen[slot] !== read) {
            seen[slot] = read;
            continue;
          }
        } else {
          unadded ??= new Set();
          if (!unadded.has(key)) {
            unadded.add(key);
            continue;
          }
        }
        const c = repeated.get(key);
        if (c) c.count++;
        else repeated.set(key, { element, count: 2 });
      }
      for (const [key, c] of repeated) {
        if (c.count > (dups.get(key)?.count ?? 0)) dups.set(key, c);
      }
      const at = invocation.index;
      invocations.set(at, invocation);
      const { lastPresent, lastAbsent } = slots;
      for (let slot = 0; slot < slots.size; slot++) {
        if (seen[slot] === read) {
          slotStates[slot]!.known ??= op;
          if (lastPresent[slot]! < at) lastPresent[slot] = at;
        } else if (lastAbsent[slot]! < at) {
          lastAbsent[slot] = at;
        }
      }
    }
  }
  const byIndex = (index: number) => invocations.get(index);
  const states = new Map<ElementKey, ElementState>();
  for (const [key, slot] of slotOf) {
    const state = slotStates[slot]!;
    const present = byIndex(slots.lastPresent[slot]!);
    const absent = byIndex(slots.lastAbsent[slot]!);
    if (present) state.lastPresent = present;
    if (absent) state.lastAbsent = absent;
    states.set(key, state);
  }
  return { states, dups };
}

/** set-full over ops whose add is `:f "add"` and read is `:f "read"` (g-set as is). */
export function checkSetFull(history: readonly Op[], options: SetFullOptions = {}): SetFullResult {
  const { states, dups } = buildStates(history);
  const outcomes = [...states.values()]
    .sort((a, b) => compareElements(a.element, b.element))
    .map(elementOutcome);
  const by = (outcome: Outcome) => outcomes.filter((o) => o.outcome === outcome);
  const stable = by("stable");
  const lost = by("lost");
  const neverRead = by("never-read");
  const stale = stable.filter((o) => o.stableLatency! > 0);
  // Jepsen: (->> stale (sort-by :stable-latency) reverse (take 8)), a stable sort.
  const worstStale = [...stale]
    .sort((a, b) => a.stableLatency! - b.stableLatency!)
    .reverse()
    .slice(0, 8);
  const stableLatencies = frequencyDistribution(
    QUANTILE_POINTS,
    stable.map((o) => o.stableLatency!),
  );
  const lostLatencies = frequencyDistribution(
    QUANTILE_POINTS,
    lost.map((o) => o.lostLatency!),
  );
  const realDups = [...dups.values()].sort((a, b) => compareElements(a.element, b.element));

  let valid: Validity = true;
  if (lost.length > 0) valid = false;
  else if (stable.length === 0) valid = kw("unknown");
  else if (options.linearizable && stale.length > 0) valid = false;
  const elements = (os: ElementOutcome[]) => list(os.map((o) => o.state.element));
  return {
    "attempt-count": outcomes.length,
    "stable-count": stable.length,
    "lost-count": lost.length,
    lost: elements(lost),
    "never-read-count": neverRead.length,
    "never-read": elements(neverRead),
    "stale-count": stale.length,
    stale: elements(stale),
    "worst-stale": list(worstStale.map(elementResult)),
    ...(stableLatencies && { "stable-latencies": stableLatencies }),
    ...(lostLatencies && { "lost-latencies": lostLatencies }),
    "duplicated-count": 0,
    duplicated: new Map(),
    "real-duplicated-count": realDups.length,
    "real-duplicated": new Map(realDups.map((d) => [d.element, d.count])),
    "valid?": valid,
  };
}

/** Maelstrom's broadcast checker: `:broadcast` renamed to `:add`, then set-full. */
export function checkBroadcast(
  history: readonly Op[],
  options: SetFullOptions = {},
): SetFullResult {
  const renamed = history.map((op) => (op.f === "broadcast" ? { ...op, f: "add" } : op));
  return checkSetFull(renamed, options);
}

/** g-set: set-full directly over `add` and `read`. */
export function checkGSet(history: readonly Op[], options: SetFullOptions = {}): SetFullResult {
  return checkSetFull(history, options);
}
