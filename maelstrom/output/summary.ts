/**
 * What a run says at its end: the headline figures, Maelstrom's verdict, and the warnings the
 * verdict does not show (a node whose output Maelstrom stopped reading can still be judged
 * valid, since its later replies just time out).
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

export function headline(analysis: Analysis, faults: readonly NodeFault[] = []): string {
  const { json } = analysis;
  const warnings = faultWarnings(faults);
  const parts = [
    `valid? ${String(json["valid?"])}${warnings.length > 0 ? ` (WARNING: ${warnings.join("; ")})` : ""}`,
  ];
  const msgsPerOp = lookup(json, ["net", "servers", "msgs-per-op"]);
  if (typeof msgsPerOp === "number") parts.push(`servers msgs-per-op ${msgsPerOp.toFixed(3)}`);
  const quantiles = lookup(json, ["workload", "stable-latencies"]);
  if (quantiles && typeof quantiles === "object") {
    const q = quantiles as Record<string, number>;
    parts.push(
      `stable latency ms: ${Object.entries(q)
        .map(([k, v]) => `${k}→${v}`)
        .join(" ")}`,
    );
  }
  for (const key of [
    "lost-count",
    "stale-count",
    "never-read-count",
    "duplicated-count",
    "real-duplicated-count",
  ]) {
    const value = lookup(json, ["workload", key]);
    if (typeof value === "number") parts.push(`${key.replace("-count", "")} ${value}`);
  }
  const stats = lookup(json, ["stats"]) as Record<string, unknown> | undefined;
  if (stats)
    parts.push(
      `ops ok/fail/info ${stats["ok-count"]}/${stats["fail-count"]}/${stats["info-count"]}`,
    );
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
