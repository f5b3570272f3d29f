/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * The headline figures printed at the end of a run.
 */

import { lookup } from "../challenges.js";
import type { Analysis } from "./analysis.js";

export function headline(analysis: Analysis): string {
  const { json } = analysis;
  const parts = [`valid? ${String(json["valid?"])}`];
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
