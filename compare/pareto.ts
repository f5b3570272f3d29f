/**
 * pareto.svg: servers msgs/op (log scale) against median and against max stable latency, one
 * point per row, Fly.io's 3d and 3e limits as boxes, and each panel's Pareto frontier (the rows
 * no other row beats on both of its axes) as a step line. Rendered by maelstrom/charts.
 */

import { CHALLENGES, type Threshold } from "../maelstrom/challenges.js";
import { renderSvg, type TopLevelSpec } from "../maelstrom/charts/render.js";
import type { Row } from "./table.js";

interface Point {
  strategy: string;
  family: string;
  msgs: number;
  latency: number;
}

/** The points no other point beats on both axes (fewer msgs and lower latency), by msgs. */
export function frontier(points: readonly Point[]): Point[] {
  const kept = points.filter(
    (p) =>
      !points.some(
        (q) =>
          q !== p &&
          q.msgs <= p.msgs &&
          q.latency <= p.latency &&
          (q.msgs < p.msgs || q.latency < p.latency),
      ),
  );
  return [...kept].sort((a, b) => a.msgs - b.msgs);
}

/**
 * Which side of its point each label goes: below when the label of a point just left of it, at
 * nearly the same height, is above (so neighbouring labels do not overprint), else above.
 */
function sides(points: readonly Point[]): Map<Point, "above" | "below"> {
  const span = Math.max(1, ...points.map((p) => p.latency));
  const placed = new Map<Point, "above" | "below">();
  for (const p of [...points].sort((a, b) => a.msgs - b.msgs)) {
    const near = [...placed.keys()].filter(
      (q) =>
        Math.abs(Math.log10(p.msgs / q.msgs)) < 0.3 &&
        Math.abs(p.latency - q.latency) < span * 0.06,
    );
    placed.set(p, near.some((q) => placed.get(q) === "above") ? "below" : "above");
  }
  return placed;
}

function limit(id: string, label: string): number {
  const threshold = CHALLENGES.find((c) => c.id === id)!.thresholds.find(
    (t: Threshold) => t.label === label,
  );
  return threshold!.below;
}

function panel(
  rows: readonly Row[],
  axis: "medianMs" | "maxMs",
  title: string,
  xDomain: [number, number],
): Record<string, unknown> {
  const points: Point[] = rows.map((row) => ({
    strategy: row.strategy,
    family: row.family,
    msgs: row.figures!.msgsPerOp.mean,
    latency: row.figures![axis].mean,
  }));
  const labelSides = sides(points);
  const label = axis === "medianMs" ? "median latency" : "max latency";
  const boxes = ["3d", "3e"].map((id) => ({
    limit: `Fly.io ${id}`,
    x0: xDomain[0],
    x: limit(id, "msgs-per-op"),
    y0: 0,
    y: limit(id, label),
  }));
  const x = {
    field: "msgs",
    type: "quantitative",
    title: "servers msgs/op (log)",
    scale: { type: "log", domain: xDomain },
  };
  const y = { field: "latency", type: "quantitative", title: `${title} (ms)` };
  return {
    title,
    width: 360,
    height: 300,
    layer: [
      {
        data: { values: boxes },
        mark: { type: "rect", fillOpacity: 0.08, strokeOpacity: 0.6, strokeDash: [4, 3] },
        encoding: {
          x: { ...x, field: "x0" },
          x2: { field: "x" },
          y: { field: "y0", type: "quantitative" },
          y2: { field: "y" },
          color: {
            field: "limit",
            type: "nominal",
            scale: { range: ["#2a9d8f", "#e9c46a"] },
            title: "limits",
          },
          stroke: { field: "limit", type: "nominal", title: "limits" },
        },
      },
      {
        data: { values: boxes },
        mark: {
          type: "text",
          align: "left",
          baseline: "top",
          dx: 4,
          dy: 4,
          fontSize: 10,
          color: "#666",
        },
        encoding: {
          x: { ...x, field: "x0" },
          y: { field: "y", type: "quantitative" },
          text: { field: "limit" },
        },
      },
      {
        data: { values: frontier(points) },
        mark: { type: "line", interpolate: "step-after", color: "#555", strokeDash: [2, 2] },
        encoding: { x, y },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          x,
          y,
          shape: { field: "family", type: "nominal", title: "row" },
          fill: {
            field: "family",
            type: "nominal",
            scale: { range: ["#d62828", "#1d3557", "#7b2cbf"] },
            title: "row",
          },
          tooltip: [{ field: "strategy" }, { field: "msgs", format: ".2f" }, { field: "latency" }],
        },
      },
      ...(["above", "below"] as const).map((side) => ({
        data: { values: points.filter((p) => labelSides.get(p) === side) },
        mark: {
          type: "text",
          align: "left",
          dx: 6,
          dy: side === "above" ? -6 : 10,
          fontSize: 10,
        },
        encoding: { x, y, text: { field: "strategy" } },
      })),
    ],
  };
}

/** The chart for the rows of one configuration (rows without figures are left out). */
export function paretoSpec(rows: readonly Row[], subtitle: string): TopLevelSpec {
  const measured = rows.filter((row) => row.figures);
  const msgs = measured.map((row) => row.figures!.msgsPerOp.mean);
  const xDomain: [number, number] = [
    Math.min(0.1, ...msgs.map((m) => m / 1.5)),
    Math.max(100, ...msgs.map((m) => m * 1.5)),
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Broadcast designs: messages against latency",
      subtitle: [subtitle, "dotted: the Pareto frontier (rows no other row beats on both axes)"],
    },
    resolve: { scale: { color: "shared", shape: "shared" } },
    hconcat: [
      panel(measured, "medianMs", "median stable latency", xDomain),
      panel(measured, "maxMs", "max stable latency", xDomain),
    ],
    config: { font: "sans-serif", background: "white" },
  } as unknown as TopLevelSpec;
}

export function renderPareto(rows: readonly Row[], subtitle: string): Promise<string> {
  return renderSvg(paretoSpec(rows, subtitle));
}
