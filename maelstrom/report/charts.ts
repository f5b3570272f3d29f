/**
 * Reimplements `jepsen.checker.perf` (docs/MAELSTROM.md#report).
 * The perf charts of a run as Jepsen draws them, as SVG through the
 * harness's one chart renderer: latency-raw (every client op, log scale, coloured by completion,
 * shaped by f), latency-quantiles (30 s buckets) and rate (10 s buckets), each with the nemesis's
 * activity shaded.
 */
import type { TopLevelSpec } from "../charts/render.js";
import { withInvocations } from "../checkers/common.js";
import { frequencyDistribution } from "../checkers/set-full.js";
import { isClientOp, type Op, type OpType } from "../output/history.js";

export const TYPE_COLOURS: Record<Exclude<OpType, "invoke">, string> = {
  ok: "#81BFFC",
  info: "#FFA400",
  fail: "#FF1E90",
};
const NEMESIS_COLOUR = "#E9DCA0";
const QUANTILES = [0.5, 0.95, 0.99, 1];
const QUANTILE_BUCKET_S = 30;
const RATE_BUCKET_S = 10;
/** Log scales cannot show 0: a latency below this (in virtual time, often exactly 0) shows here. */
export const MIN_LATENCY_MS = 0.001;

export interface OpPoint {
  /** Invocation, seconds since the origin. */
  time: number;
  /** Completion, seconds since the origin. */
  done: number;
  latencyMs: number;
  type: Exclude<OpType, "invoke">;
  f: string;
  process: number;
}

export interface NemesisSpan {
  f: string;
  start: number;
  end: number;
}

/** Every completed client op with its invocation. */
export function opPoints(history: readonly Op[]): OpPoint[] {
  const points: OpPoint[] = [];
  for (const { op, invocation } of withInvocations(history)) {
    if (!invocation || op.type === "invoke" || !isClientOp(op)) continue;
    points.push({
      time: invocation.time / 1e9,
      done: op.time / 1e9,
      latencyMs: (op.time - invocation.time) / 1e6,
      type: op.type,
      f: op.f,
      process: op.process,
    });
  }
  return points;
}

/** Partitions, from each start-partition to the stop that ends it (or the end of the test). */
export function nemesisSpans(history: readonly Op[]): NemesisSpan[] {
  const spans: NemesisSpan[] = [];
  let open: number | undefined;
  const end = history.length > 0 ? history[history.length - 1]!.time / 1e9 : 0;
  for (const op of history) {
    if (op.process !== "nemesis") continue;
    if (op.f.startsWith("start-")) open ??= op.time / 1e9;
    else if (op.f.startsWith("stop-") && open !== undefined) {
      spans.push({ f: op.f.slice(5), start: open, end: op.time / 1e9 });
      open = undefined;
    }
  }
  if (open !== undefined) spans.push({ f: "partition", start: open, end });
  return spans;
}

type Layer = Record<string, unknown>;

function nemesisLayers(spans: readonly NemesisSpan[]): Layer[] {
  if (spans.length === 0) return [];
  return [
    {
      data: { values: spans },
      mark: { type: "rect", color: NEMESIS_COLOUR, opacity: 0.6 },
      encoding: { x: { field: "start", type: "quantitative" }, x2: { field: "end" } },
    },
    {
      data: { values: spans.flatMap((s) => [{ t: s.start }, { t: s.end }]) },
      mark: { type: "rule", color: "#C9B870" },
      encoding: { x: { field: "t", type: "quantitative" } },
    },
  ];
}

/** Seconds from 0 to the last completion, the same on every chart of a run. */
function timeAxis(points: readonly OpPoint[]) {
  const end = Math.max(1, ...points.map((p) => Math.ceil(p.done)));
  return { field: "t", type: "quantitative", title: "time (s)", scale: { domain: [0, end] } };
}

const LATENCY_AXIS = {
  field: "latency",
  type: "quantitative",
  title: "latency (ms)",
  scale: { type: "log" },
};

const typeColour = {
  field: "type",
  type: "nominal",
  title: "type",
  scale: { domain: Object.keys(TYPE_COLOURS), range: Object.values(TYPE_COLOURS) },
};

function chart(title: string, layers: Layer[], subtitle?: string): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: subtitle ? { text: title, subtitle } : title,
    width: 760,
    height: 320,
    background: "#fff",
    layer: layers,
    // The layers are plain objects built above; vega-lite validates them when it compiles.
  } as unknown as TopLevelSpec;
}

export function latencyRawSpec(
  points: readonly OpPoint[],
  spans: readonly NemesisSpan[],
): TopLevelSpec {
  const values = points.map((p) => ({
    t: p.time,
    latency: Math.max(p.latencyMs, MIN_LATENCY_MS),
    type: p.type,
    f: p.f,
  }));
  const under = points.filter((p) => p.latencyMs < MIN_LATENCY_MS).length;
  const note =
    under > 0
      ? `${under} ops took under ${MIN_LATENCY_MS} ms (in virtual time, often 0): drawn at ${MIN_LATENCY_MS}`
      : undefined;
  return chart(
    "Latency, every op",
    [
      ...nemesisLayers(spans),
      {
        data: { values },
        mark: { type: "point", filled: true, size: 18, opacity: 0.8 },
        encoding: {
          x: timeAxis(points),
          y: LATENCY_AXIS,
          color: typeColour,
          shape: { field: "f", type: "nominal", title: "f" },
        },
      },
    ],
    note,
  );
}

export function quantileRows(points: readonly OpPoint[]) {
  const rows: Array<{ t: number; f: string; q: string; latency: number }> = [];
  for (const [k, bucket] of groupBy(points, (p) => Math.floor(p.time / QUANTILE_BUCKET_S))) {
    for (const [f, ops] of groupBy(bucket, (p) => p.f)) {
      const dist = frequencyDistribution(
        QUANTILES,
        ops.map((p) => p.latencyMs),
      )!;
      for (const [q, latency] of dist)
        rows.push({
          t: (k + 0.5) * QUANTILE_BUCKET_S,
          f,
          q: String(q),
          latency: Math.max(latency, MIN_LATENCY_MS),
        });
    }
  }
  return rows.sort((a, b) => a.t - b.t);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function latencyQuantilesSpec(
  points: readonly OpPoint[],
  spans: readonly NemesisSpan[],
): TopLevelSpec {
  return chart(`Latency quantiles (${QUANTILE_BUCKET_S} s buckets)`, [
    ...nemesisLayers(spans),
    {
      data: { values: quantileRows(points) },
      mark: { type: "line", point: true },
      encoding: {
        x: timeAxis(points),
        y: LATENCY_AXIS,
        color: { field: "q", type: "ordinal", title: "quantile", sort: QUANTILES.map(String) },
        shape: { field: "f", type: "nominal", title: "f" },
        detail: { field: "f" },
      },
    },
  ]);
}

export function rateRows(points: readonly OpPoint[]) {
  const rows: Array<{ t: number; f: string; type: string; rate: number }> = [];
  for (const [k, bucket] of groupBy(points, (p) => Math.floor(p.done / RATE_BUCKET_S)))
    for (const [key, ops] of groupBy(bucket, (p) => `${p.f}\u0000${p.type}`)) {
      const [f, type] = key.split("\u0000") as [string, string];
      rows.push({ t: (k + 0.5) * RATE_BUCKET_S, f, type, rate: ops.length / RATE_BUCKET_S });
    }
  return rows.sort((a, b) => a.t - b.t);
}

export function rateSpec(points: readonly OpPoint[], spans: readonly NemesisSpan[]): TopLevelSpec {
  return chart(`Throughput (${RATE_BUCKET_S} s buckets, by completion)`, [
    ...nemesisLayers(spans),
    {
      data: { values: rateRows(points) },
      mark: { type: "line", point: true },
      encoding: {
        x: timeAxis(points),
        y: { field: "rate", type: "quantitative", title: "ops / s" },
        color: typeColour,
        shape: { field: "f", type: "nominal", title: "f" },
        detail: { field: "f" },
      },
    },
  ]);
}
