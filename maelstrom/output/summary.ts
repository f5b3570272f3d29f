/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * What a run says at its end: the headline figures (the same list the report and `serve` show,
 * so all three agree), Maelstrom's verdict, and the warnings the verdict does not show (a node
 * whose output Maelstrom stopped reading can still be judged valid, since its later replies just
 * time out).
 */
import { lookup } from "../challenges.js";
import type { NodeFault } from "../hosts/host.js";
import type { Analysis } from "./analysis.js";

const SHOWN_LINE_CHARS = 80;

/** One warning per node whose stdout reader stopped: node, cause and the offending line. */
export function faultWarnings(faults: readonly NodeFault[]): string[] {
  return faults
    .filter((fault) => fault.kind === "stdout-reader-stopped")
    .map((fault) => {
      const { cause, line } = fault.refused ?? { cause: fault.detail, line: "" };
      const shown = line.length > SHOWN_LINE_CHARS ? `${line.slice(0, SHOWN_LINE_CHARS)}…` : line;
      return `${fault.node} stdout reader stopped (${cause}) at ${JSON.stringify(shown)}`;
    });
}

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

export function headline(analysis: Analysis, faults: readonly NodeFault[] = []): string {
  const figures = headlineFigures(analysis.json);
  const find = (path: string) => figures.find((f) => f.path.join(".") === path);
  const warnings = faultWarnings(faults);
  const parts = [
    `valid? ${String(analysis.json["valid?"])}${warnings.length > 0 ? ` (WARNING: ${warnings.join("; ")})` : ""}`,
  ];
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

/** The closing line: Maelstrom's words for its exit code, unless a warning stands against them. */
export function verdictLine(exitCode: number, faults: readonly NodeFault[]): string {
  const warnings = faultWarnings(faults);
  if (exitCode === 0 && warnings.length > 0)
    return `Valid by Maelstrom's rules, but Maelstrom ignored part of what the nodes printed: ${warnings.join("; ")}.`;
  return (
    {
      0: "Everything looks good! ヽ(‘ー`)ノ",
      1: "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻",
      2: "Errors occurred during analysis, but no anomalies found. ಠ~ಠ",
      255: "The test crashed.",
    }[exitCode] ?? ""
  );
}
