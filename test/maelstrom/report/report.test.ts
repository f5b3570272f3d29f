// The run report on a small recorded run: well-formed SVG with Maelstrom's lanes, arrows and
// colours, the event cap's notice, chart series, the stale story, and index.html's figures.
import { constants } from "node:buffer";
import { mkdirSync, mkdtempSync, readFileSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../../maelstrom/output/history.js";
import { explainValues, storyText } from "../../../maelstrom/report/explain.js";
import { diagram, SVG_EVENT_LIMIT, sortParticipants } from "../../../maelstrom/report/lamport.js";
import { messagesSvg } from "../../../maelstrom/report/messages-svg.js";
import { writeReport } from "../../../maelstrom/report/report.js";
import { RunTooLarge, readRun } from "../../../maelstrom/report/run-files.js";
import { RECORDED, writeRecordedRun } from "../../support/recorded-run.js";

const dir = join(
  mkdtempSync(join(tmpdir(), "treecast-report-")),
  "broadcast",
  "20260101T000000.000+0000",
);

/** Parses strictly: any well-formedness error throws. */
function parseXml(text: string) {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`not well-formed XML: ${message}`);
    },
  }).parseFromString(text, "image/svg+xml");
}

const read = (name: string) => readFileSync(join(dir, name), "utf8");
const elements = (root: ReturnType<typeof parseXml>, tag: string) =>
  Array.from(root.getElementsByTagName(tag)) as Element[];
const byClass = (root: ReturnType<typeof parseXml>, tag: string, cls: string) =>
  elements(root, tag).filter((e) => (e.getAttribute("class") ?? "").split(" ").includes(cls));

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  await writeRecordedRun(dir);
  await writeReport(dir);
});

describe("messages.svg", () => {
  it("draws one lane per participant in Maelstrom's order and one arrow per delivered message", () => {
    const svg = parseXml(read("messages.svg"));
    const lanes = elements(svg, "line")
      .map((line) => line.getAttribute("data-lane"))
      .filter((lane) => lane !== null);
    expect(lanes).toEqual(RECORDED.lanes);
    const arrows = byClass(svg, "g", "arrow");
    expect(arrows).toHaveLength(RECORDED.arrows);
    const fills = arrows.map((g) => elements(g as never, "rect")[0]!.getAttribute("fill"));
    expect(fills.filter((f) => f === "#FF1E90")).toHaveLength(1); // the error
    expect(fills.filter((f) => f === "#000")).toHaveLength(1); // the delivered gossip
    expect(fills.filter((f) => f === "#81BFFC")).toHaveLength(RECORDED.arrows - 2);
    const titles = elements(svg, "title").map((t) => t.textContent);
    expect(titles).toContain('n0 → n1 {"type":"gossip","messages":[7]}');
    expect(read("messages.svg")).toContain(">gossip {:messages [7]}<");
    expect(byClass(svg, "g", "truncated")).toHaveLength(0);
  });

  it("stops at 10,000 events with a notice pointing to messages.html", () => {
    const journal: JournalEvent[] = [];
    for (let i = 0; journal.length < SVG_EVENT_LIMIT + 100; i++) {
      const message = { id: i, src: "n1", dest: "n2", body: { type: "gossip", n: i } };
      journal.push({ id: journal.length, time: i, type: "send", message });
      journal.push({ id: journal.length, time: i, type: "recv", message });
    }
    const model = diagram(journal, SVG_EVENT_LIMIT);
    expect(model.omitted).toBe(100);
    const svg = parseXml(messagesSvg(model));
    const notice = byClass(svg, "g", "truncated");
    expect(notice).toHaveLength(1);
    expect(notice[0]!.textContent).toContain("100 more after the first 10000");
    expect(notice[0]!.textContent).toContain("messages.html");
    expect(byClass(svg, "g", "arrow")).toHaveLength(SVG_EVENT_LIMIT / 2);
  });

  it("orders participants as Maelstrom does: letters, then numbers, services last", () => {
    expect(sortParticipants(["n10", "lin-kv", "n2", "c11", "c2", "n1"])).toEqual([
      "c2",
      "c11",
      "n1",
      "n2",
      "n10",
      "lin-kv",
    ]);
  });
});

describe("charts", () => {
  it("latency-raw.svg has one point per completed op and a legend of types and fs", () => {
    const text = read("latency-raw.svg");
    const svg = parseXml(text);
    const points = byClass(svg, "g", "role-mark").flatMap((g) => elements(g as never, "path"));
    expect(points).toHaveLength(4);
    const legend = byClass(svg, "g", "role-legend").map((g) => g.textContent);
    expect(legend.join(" ")).toMatch(/ok.*info.*fail/);
    expect(legend.join(" ")).toMatch(/broadcast.*read/);
  });

  it("rate.svg has one line per (f, type) and latency-quantiles.svg parses", () => {
    const svg = parseXml(read("rate.svg"));
    const lines = byClass(svg, "g", "mark-line");
    expect(lines.flatMap((g) => elements(g as never, "path"))).toHaveLength(2);
    expect(() => parseXml(read("latency-quantiles.svg"))).not.toThrow();
  });
});

describe("stale explained", () => {
  it("names the reads that missed the stale value, where each node first saw it, and its carriers", async () => {
    const run = readRun(dir);
    const [story] = explainValues(run, [RECORDED.staleValue]);
    expect(story!.staleMs).toBe(1);
    expect(story!.add).toMatchObject({ node: "n0", type: "ok", completed: 2_000_000 });
    expect(story!.missed.map((r) => ({ index: r.index, node: r.node }))).toEqual([
      RECORDED.missedRead,
    ]);
    expect(story!.firstSeen.map((r) => ({ node: r.node, index: r.index }))).toEqual(
      RECORDED.firstSeen,
    );
    // The broadcast request and n0's gossip; not the read_ok replies to clients.
    expect(story!.messages.map((m) => `${m.src}→${m.dest} ${m.type}`)).toEqual([
      "c4→n0 broadcast",
      "n0→n1 gossip",
    ]);
    const text = storyText(story!);
    expect(text).toMatch(/n1 +missed by 1 read \(ops 3;/);
    expect(text).toContain("n0 → n1 gossip, delivered 0.102 s");
  });

  it("index.html explains the worst stale values, with the figures of results.json", () => {
    const html = read("index.html");
    expect(html).toContain("Value 7: stale for 1 ms");
    const results = JSON.parse(read("results.json"));
    const cells = [...html.matchAll(/data-path="([^"]+)">([^<]*)</g)];
    expect(cells.length).toBeGreaterThan(5);
    for (const [, path, value] of cells) {
      const expected = path!.split("/").reduce((o, k) => o?.[k], results);
      expect(value).toBe(String(expected));
    }
    expect(html).toContain(
      "bin/maelstrom test --workload broadcast --node-count 2 --time-limit 1 --concurrency 2",
    );
    expect(html).toContain("--seed 42");
  });

  it("timeline.html has one bar per completed op", () => {
    expect(read("timeline.html").match(/class="op ok"/g)).toHaveLength(4);
  });
});

describe("a run too large to read", () => {
  it("is refused before anything is read, naming the file", async () => {
    const big = join(mkdtempSync(join(tmpdir(), "treecast-big-")), "run");
    mkdirSync(big);
    await writeRecordedRun(big);
    // A sparse file: one byte more than a string can hold, without writing it.
    truncateSync(join(big, "net-journal.jsonl"), constants.MAX_STRING_LENGTH + 1);
    expect(() => readRun(big)).toThrow(RunTooLarge);
    expect(() => readRun(big)).toThrow(/net-journal\.jsonl is \d+ MB, too large to read/);
  });
});
