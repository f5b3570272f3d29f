/**
 * Reimplements `jepsen.checker.timeline` (docs/MAELSTROM.md#report).
 * timeline.html, as Jepsen's timeline checker draws it: one column per client process, one bar
 * per op from invocation to completion, coloured by completion (ok blue, info orange, fail pink),
 * with the op in the bar's hover title.
 */
import { withInvocations } from "../checkers/common.js";
import { toEdn } from "../output/edn.js";
import { isClientOp, type Op } from "../output/history.js";
import { clip, truncate } from "./lamport.js";
import { escapeXml, page } from "./markup.js";

const COLOURS = { ok: "#6DB6FE", info: "#FFAA26", fail: "#FEB5DA" } as const;
/** The page's height aims at about this many pixels, whatever the run's length. */
const TARGET_HEIGHT = 12_000;

export function timelineHtml(history: readonly Op[], title: string): string {
  const bars: Array<{ process: number; from: number; to: number; op: Op; invocation: Op }> = [];
  for (const { op, invocation } of withInvocations(history))
    if (invocation && op.type !== "invoke" && isClientOp(op))
      bars.push({ process: op.process, from: invocation.time, to: op.time, op, invocation });
  const processes = [...new Set(bars.map((b) => b.process))].sort((a, b) => a - b);
  const column = new Map(processes.map((p, i) => [p, i]));
  const end = Math.max(1, ...bars.map((b) => b.to));
  const pxPerNs = Math.min(TARGET_HEIGHT / end, 1 / 1e6); // at most 1 px per ms
  const width = Math.max(36, Math.floor(1100 / Math.max(1, processes.length)));
  const out: string[] = [];
  for (const { process, from, to, op, invocation } of bars) {
    const tip = `process ${process} :${op.f} ${truncate(toEdn(clip(invocation.value ?? null, 100)), 200)} → :${op.type} ${truncate(toEdn(clip(op.value ?? null, 100)), 200)}${op.error !== undefined ? ` ${toEdn(op.error)}` : ""}\n${(from / 1e6).toFixed(1)}–${(to / 1e6).toFixed(1)} ms (${((to - from) / 1e6).toFixed(1)} ms)`;
    out.push(
      `<div class="op ${op.type}" style="left:${column.get(process)! * width}px;top:${Math.round(from * pxPerNs) + 24}px;height:${Math.max(2, Math.round((to - from) * pxPerNs))}px;width:${width - 4}px" title="${escapeXml(tip)}"></div>`,
    );
  }
  const heads = processes
    .map((p, i) => `<div class="head" style="left:${i * width}px;width:${width - 4}px">${p}</div>`)
    .join("");
  const css = `<style>.tl{position:relative;height:${Math.round(end * pxPerNs) + 60}px}
.op{position:absolute;border-radius:2px;opacity:.9}.op:hover{outline:1px solid #333}
.ok{background:${COLOURS.ok}}.info{background:${COLOURS.info}}.fail{background:${COLOURS.fail}}
.head{position:sticky;top:0;display:inline-block;position:absolute;text-align:center;font-size:11px;background:#fff}</style>`;
  return page(
    `${title}: timeline`,
    `<h1>${escapeXml(title)}: timeline</h1>
<p>One column per client process, one bar per op from invocation to completion (${(1 / (pxPerNs * 1e6)).toFixed(2)} ms per pixel): <span class="ok">&nbsp;ok&nbsp;</span> <span class="info">&nbsp;info&nbsp;</span> <span class="fail">&nbsp;fail&nbsp;</span>. Hover a bar for the op.</p>
<div class="tl">${heads}${out.join("\n")}</div>`,
    css,
  );
}
