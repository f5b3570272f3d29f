/**
 * A run's headline figures, from its results map (JSON form): the line printed at the end of a
 * run, and the figures the report and `serve` show. One list, so all three agree.
 */
import { lookup } from "../challenges.js";
import type { Analysis } from "./analysis.js";

export interface Figure {
  /** Where the figure lives in results.json. */
  path: string[];
  label: string;
  value: number;
}

const COUNTS = [
  "lost-count",
  "stale-count",
  "never-read-count",
  "duplicated-count",
  "real-duplicated-count",
];

/** msgs-per-op (servers, all), stable-latency quantiles, lost/stale/never-read, op counts. */
export function headlineFigures(json: unknown): Figure[] {
  const figures: Figure[] = [];
  const add = (label: string, path: string[]) => {
    const value = lookup(json, path);
    if (typeof value === "number") figures.push({ path, label, value });
  };
  add("servers msgs-per-op", ["net", "servers", "msgs-per-op"]);
  add("all msgs-per-op", ["net", "all", "msgs-per-op"]);
  const quantiles = lookup(json, ["workload", "stable-latencies"]);
  if (quantiles && typeof quantiles === "object")
    for (const q of Object.keys(quantiles).sort((a, b) => Number(a) - Number(b)))
      add(`stable latency ${q} (ms)`, ["workload", "stable-latencies", q]);
  for (const key of COUNTS) add(key.replace("-count", ""), ["workload", key]);
  for (const key of ["ok-count", "fail-count", "info-count"])
    add(`ops ${key.replace("-count", "")}`, ["stats", key]);
  return figures;
}

export function headline(analysis: Analysis): string {
  const figures = headlineFigures(analysis.json);
  const find = (path: string) => figures.find((f) => f.path.join(".") === path);
  const parts = [`valid? ${String(analysis.json["valid?"])}`];
  const msgsPerOp = find("net.servers.msgs-per-op");
  if (msgsPerOp) parts.push(`servers msgs-per-op ${msgsPerOp.value.toFixed(3)}`);
  const quantiles = figures.filter((f) => f.path[1] === "stable-latencies");
  if (quantiles.length > 0)
    parts.push(`stable latency ms: ${quantiles.map((f) => `${f.path[2]}→${f.value}`).join(" ")}`);
  for (const f of figures) if (COUNTS.includes(f.path[1]!)) parts.push(`${f.label} ${f.value}`);
  const ops = ["ok", "fail", "info"].map((k) => find(`stats.${k}-count`)?.value);
  if (ops.every((n) => n !== undefined)) parts.push(`ops ok/fail/info ${ops.join("/")}`);
  return parts.join(" | ");
}
