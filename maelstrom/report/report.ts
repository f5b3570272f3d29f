/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * The report of a finished run, written into its folder from the files already there:
 * messages.svg and messages.html (the Lamport diagram), latency-raw.svg, latency-quantiles.svg,
 * rate.svg, timeline.html and index.html. Linear in the run's events and ops.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  latencyQuantilesSpec,
  latencyRawSpec,
  nemesisSpans,
  opPoints,
  rateSpec,
} from "./charts.js";
import { explainValues, worstStaleValues } from "./explain.js";
import { indexPage } from "./index-page.js";
import { diagram, SVG_EVENT_LIMIT } from "./lamport.js";
import { messagesHtml } from "./messages-html.js";
import { messagesSvg } from "./messages-svg.js";
import { readRun } from "./run-files.js";
import { timelineHtml } from "./timeline.js";

/** What the report wrote, and how long each part took (ms), for benchmarks. */
export interface ReportTimings {
  read: number;
  diagram: number;
  charts: number;
  pages: number;
  total: number;
  /** CPU time of the whole report (user + system), less sensitive to a busy machine. */
  cpu: number;
}

/** `workload/start-time`, the run's name in its store. */
export const runTitle = (dir: string) => `${basename(dirname(dir))}/${basename(dir)}`;

export async function writeReport(dir: string): Promise<ReportTimings> {
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  const lap = (() => {
    let last = start;
    return () => {
      const now = performance.now();
      const ms = now - last;
      last = now;
      return ms;
    };
  })();
  const run = readRun(dir);
  const title = runTitle(dir);
  const read = lap();

  const full = diagram(run.journal);
  const capped =
    full.events.length > SVG_EVENT_LIMIT ? diagram(run.journal, SVG_EVENT_LIMIT) : full;
  // Files are written synchronously: see readRun.
  writeFileSync(join(dir, "messages.svg"), messagesSvg(capped));
  writeFileSync(join(dir, "messages.html"), messagesHtml(full, run.history, title));
  const diagramMs = lap();

  // Vega is loaded only when a report is drawn, not whenever the harness starts.
  const { renderSvg } = await import("../charts/render.js");
  const points = opPoints(run.history);
  const spans = nemesisSpans(run.history);
  const [raw, quantiles, rate] = await Promise.all([
    renderSvg(latencyRawSpec(points, spans)),
    renderSvg(latencyQuantilesSpec(points, spans)),
    renderSvg(rateSpec(points, spans)),
  ]);
  writeFileSync(join(dir, "latency-raw.svg"), raw);
  writeFileSync(join(dir, "latency-quantiles.svg"), quantiles);
  writeFileSync(join(dir, "rate.svg"), rate);
  const charts = lap();

  const stories = explainValues(run, worstStaleValues(run.results));
  let nodeLogs: string[] = [];
  try {
    nodeLogs = readdirSync(join(dir, "node-logs"));
  } catch {
    // No node logs (in-process runs with nothing on stderr, or a copied folder).
  }
  writeFileSync(join(dir, "timeline.html"), timelineHtml(run.history, title));
  writeFileSync(
    join(dir, "index.html"),
    indexPage({
      title,
      results: run.results,
      test: run.test,
      stories,
      nodeLogs: nodeLogs.filter((name) => name.endsWith(".log")).sort(),
      events: full.events.length,
      svgEvents: capped.events.length,
    }),
  );
  const pages = lap();
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    read,
    diagram: diagramMs,
    charts,
    pages,
    total: performance.now() - start,
    cpu: (cpu.user + cpu.system) / 1000,
  };
}
