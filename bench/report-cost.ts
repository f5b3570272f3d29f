/**
 * Benchmark: the cost of a run's report (maelstrom/report/), on a 3d-shaped run (25 nodes, rate
 * 100, latency 100 ms, 20 s, simulated in virtual time) and on a synthetic 100,000-event flood;
 * then, with Debian's chromium, how long messages.html takes to open and to redraw per scroll
 * step. The first report in a process includes loading Vega (as every `maelstrom test` does).
 *
 *   node dist/bench/report-cost.js [--no-browser]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { NetStatsFold } from "../maelstrom/checkers/net.js";
import { testOptions } from "../maelstrom/options.js";
import { analyze } from "../maelstrom/output/analysis.js";
import type { JournalEvent, Op } from "../maelstrom/output/history.js";
import { writeHistory, writeResults } from "../maelstrom/output/outputs.js";
import { writeReport } from "../maelstrom/report/report.js";
import { simulate } from "../maelstrom/simulate.js";
import { PROFILES } from "../src/programs/broadcast/config.js";
import { broadcast } from "../src/programs/broadcast.js";
import { hasChromium, launchChromium } from "./chromium.js";

const store = mkdtempSync(join(tmpdir(), "treecast-report-cost-"));
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function flood(events: number): Promise<string> {
  const dir = join(store, "flood", "20260101T000000.000+0000");
  mkdirSync(join(dir, "node-logs"), { recursive: true });
  const nodes = Array.from({ length: 10 }, (_, i) => `n${i}`);
  const journal: JournalEvent[] = [];
  for (let i = 0; journal.length < events; i++) {
    const message = {
      id: i,
      src: nodes[i % 10]!,
      dest: nodes[(i * 7 + 3) % 10]!,
      body: { type: "gossip", messages: [i, i + 1] },
    };
    journal.push({ id: journal.length, time: i * 100_000, type: "send", message });
    journal.push({ id: journal.length, time: i * 100_000 + 50_000, type: "recv", message });
  }
  const history: Op[] = [];
  for (let k = 0; k < 2000; k++) {
    history.push({
      index: history.length,
      time: k * 5e6,
      type: "invoke",
      process: k % 10,
      f: "read",
      value: null,
    });
    history.push({
      index: history.length,
      time: k * 5e6 + 1e6,
      type: "ok",
      process: k % 10,
      f: "read",
      value: [],
    });
  }
  const net = new NetStatsFold();
  for (const event of journal) net.add(event);
  writeFileSync(
    join(dir, "net-journal.jsonl"),
    journal.map((e) => `${JSON.stringify(e)}\n`).join(""),
  );
  const test = testOptions({ workload: "broadcast", nodes, seed: 1 });
  await writeHistory(dir, history, test);
  await writeResults(dir, analyze(test, history, net));
  return dir;
}

const threeD = await simulate({
  test: {
    workload: "broadcast",
    nodeCount: 25,
    timeLimitS: 20,
    rate: 100,
    latencyMs: 100,
    seed: 1,
    storeDir: store,
    report: false,
  },
  program: broadcast(PROFILES.efficient),
});
const floodDir = await flood(100_000);
const rows: string[][] = [];
for (const [name, dir] of [
  ["3d run, first report in the process (loads Vega)", threeD.dir],
  ["3d run, again", threeD.dir],
  ["100,000-event flood", floodDir],
] as const) {
  const t = await writeReport(dir);
  rows.push([name, ms(t.total), ms(t.cpu), ms(t.read), ms(t.diagram), ms(t.charts), ms(t.pages)]);
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (2 cores)\n`,
);
console.log("| report of | wall | CPU | read files | diagram (svg + html) | charts | pages |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);

if (!process.argv.includes("--no-browser") && hasChromium()) {
  const browser = await launchChromium();
  console.log(
    "\n| messages.html of | open (load event) | redraw per scroll step (mean / max of 100) | arrows drawn |",
  );
  console.log("|---|---|---|---|");
  for (const [name, dir] of [
    ["3d run", threeD.dir],
    ["100,000-event flood", floodDir],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const start = performance.now();
    await page.goto(`file://${join(dir, "messages.html")}`);
    const open = performance.now() - start;
    // Scroll one screen at a time through the page; the page times each redraw it makes.
    const steps = (await page.evaluate(`(async () => {
      const s = document.getElementById("scroller"); const out = [];
      for (let i = 0; i < 100; i++) {
        s.scrollTop += s.clientHeight;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        out.push(Number(document.getElementById("view").getAttribute("data-draw-ms")));
      }
      return out;
    })()`)) as number[];
    const drawn = await page.locator("#view").getAttribute("data-drawn");
    const mean = steps.reduce((a, b) => a + b, 0) / steps.length;
    console.log(
      `| ${name} | ${ms(open)} | ${mean.toFixed(1)} / ${Math.max(...steps).toFixed(1)} ms | ${drawn} |`,
    );
    await page.close();
  }
  await browser.close();
}
