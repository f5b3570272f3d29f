// The comparison end to end on a fixed seed in virtual time (deterministic, so its figures can
// be asserted): every row in table.json, pareto.svg well-formed with one mark per row (checked
// in a headless browser), and every baseline Pareto-dominated by a treecast profile.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, hasChromium, launchChromium } from "../../bench/chromium.js";
import { type Comparison, runComparison } from "../../compare/comparison.js";
import { STRATEGIES } from "../../compare/strategies.js";
import type { Table } from "../../compare/table.js";
import { testOptions } from "../../maelstrom/options.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("the comparison, seed 1, in virtual time", () => {
  let comparison: Comparison;
  beforeAll(async () => {
    comparison = await runComparison({
      entries: STRATEGIES.map((strategy) => ({ strategy })),
      seeds: [1],
      nemesis: false,
      processes: false,
      // A shorter main phase than Fly.io's 20 s keeps the suite fast; the ordering holds.
      timeLimitS: 8,
      storeDir: mkdtempSync(join(tmpdir(), "treecast-compare-")),
      projectRoot: ROOT,
      command: "test",
    });
  }, 300_000);

  it("has every row in table.json, each with figures and a valid run", () => {
    const table = JSON.parse(readFileSync(join(comparison.dir, "table.json"), "utf8")) as Table;
    expect(table.rows.map((row) => row.strategy)).toEqual(STRATEGIES.map((s) => s.name));
    for (const row of table.rows) {
      expect(row.failure, row.strategy).toBeUndefined();
      expect(row.valid, row.strategy).toBe(true);
      expect(row.figures?.msgsPerOp.mean, row.strategy).toBeGreaterThan(0);
      expect(row.figures?.bytesPerOp.mean, row.strategy).toBeGreaterThan(0);
      expect(row.runs[0]?.dir, row.strategy).toMatch(/runs\//);
    }
    expect(readFileSync(join(comparison.dir, "table.md"), "utf8")).toContain("| treecast-fast |");
  });

  it("records each in-process run as the `maelstrom test --sim` command that repeats it", () => {
    const table = JSON.parse(readFileSync(join(comparison.dir, "table.json"), "utf8")) as Table;
    for (const row of table.rows) {
      const strategy = STRATEGIES.find((s) => s.name === row.strategy)!;
      const dir = resolve(comparison.dir, row.runs[0]!.dir!);
      const test = testOptions(JSON.parse(readFileSync(join(dir, "test.json"), "utf8")));
      expect(test.sim, row.strategy).toBe(true);
      expect(test.bin, row.strategy).toBe(strategy.process.bin);
      expect(test.args, row.strategy).toEqual(strategy.process.args);
      expect(test.nodeEnv, row.strategy).toEqual(strategy.process.env);
    }
  });

  it("has every baseline dominated by a treecast profile", () => {
    const undominated = comparison.table.dominance.filter((d) => d.dominatedBy.length === 0);
    expect(undominated).toEqual([]);
    expect(comparison.table.dominance).toHaveLength(
      STRATEGIES.filter((s) => s.family === "baseline").length,
    );
  });

  it("has the fast profile at star-rpc's latency with at most half its messages", () => {
    const figures = (name: string) =>
      comparison.table.rows.find((row) => row.strategy === name)!.figures!;
    const fast = figures("treecast-fast");
    const star = figures("star-rpc");
    expect(fast.msgsPerOp.mean).toBeLessThanOrEqual(star.msgsPerOp.mean / 2);
    expect(fast.medianMs.mean).toBeLessThanOrEqual(star.medianMs.mean * 1.02);
    expect(fast.maxMs.mean).toBeLessThanOrEqual(star.maxMs.mean * 1.02);
  });

  it.skipIf(!hasChromium())(`draws pareto.svg with one mark per row, in ${CHROMIUM}`, async () => {
    const svg = readFileSync(join(comparison.dir, "pareto.svg"), "utf8");
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const box = await page.locator("svg").first().boundingBox();
      const panels = page.locator("g.mark-symbol.role-mark");
      const marksPerPanel: number[] = [];
      for (let i = 0; i < (await panels.count()); i++)
        marksPerPanel.push(await panels.nth(i).locator("path").count());
      const drawn = {
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marksPerPanel,
        labels: await page.locator("g.mark-text.role-mark text").allTextContents(),
        frontiers: await page.locator("g.mark-line.role-mark path").count(),
        boxes: await page.locator("g.mark-rect.role-mark path").count(),
      };
      expect(errors).toEqual([]);
      expect(drawn.width).toBeGreaterThan(400);
      expect(drawn.height).toBeGreaterThan(200);
      expect(drawn.marksPerPanel).toEqual([STRATEGIES.length, STRATEGIES.length]);
      expect(drawn.labels).toEqual(expect.arrayContaining(STRATEGIES.map((s) => s.name)));
      expect(drawn.frontiers).toBe(2);
      expect(drawn.boxes).toBe(4); // 3d and 3e in each panel
      expect((await page.screenshot()).length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});
