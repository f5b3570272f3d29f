/**
 * The report of a finished run, written into its folder from the files already there:
 * messages.svg and messages.html (the Lamport diagram), latency-raw.svg, latency-quantiles.svg,
 * rate.svg, timeline.html and index.html. Linear in the run's events and ops.
 */
import { readdir, writeFile } from "node:fs/promises";
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
  const run = await readRun(dir);
  const title = runTitle(dir);
  const read = lap();

  const full = diagram(run.journal);
  const capped =
    full.events.length > SVG_EVENT_LIMIT ? diagram(run.journal, SVG_EVENT_LIMIT) : full;
  const diagrams = Promise.all([
    writeFile(join(dir, "messages.svg"), messagesSvg(capped)),
    writeFile(join(dir, "messages.html"), messagesHtml(full, run.history, title)),
  ]);
  await diagrams;
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
  await Promise.all([
    writeFile(join(dir, "latency-raw.svg"), raw),
    writeFile(join(dir, "latency-quantiles.svg"), quantiles),
    writeFile(join(dir, "rate.svg"), rate),
  ]);
  const charts = lap();

  const stories = explainValues(run, worstStaleValues(run.results));
  const nodeLogs = await readdir(join(dir, "node-logs")).catch(() => [] as string[]);
  await Promise.all([
    writeFile(join(dir, "timeline.html"), timelineHtml(run.history, title)),
    writeFile(
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
    ),
  ]);
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
