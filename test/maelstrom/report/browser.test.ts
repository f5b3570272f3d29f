// The report and `serve` in a real browser: Debian's chromium driven by playwright-core against
// `serve` on localhost. Skipped, with a message, where /usr/bin/chromium is not installed.
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, hasChromium, launchChromium } from "../../../bench/chromium.js";
import { writeReport } from "../../../maelstrom/report/report.js";
import { type RunningServer, startServer } from "../../../maelstrom/serve/server.js";
import { RECORDED, writeRecordedRun } from "../../support/recorded-run.js";

const present = hasChromium();
if (!present)
  console.warn(
    `browser tests SKIPPED: ${CHROMIUM} is missing (install it with apt-get install -y chromium; .ci/run does)`,
  );

const store = join(mkdtempSync(join(tmpdir(), "treecast-browser-")), "store");
const first = join(store, "broadcast", "20260101T000000.000+0000");
let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

describe.skipIf(!present)("reports in a real browser", () => {
  beforeAll(async () => {
    mkdirSync(first, { recursive: true });
    await writeRecordedRun(first);
    await writeReport(first);
    server = await startServer({ store, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the runs, colours valid? as Maelstrom, and picks up new runs without a reload", async () => {
    await page.goto(server.url);
    const rows = page.locator("#runs tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const cell = page.locator("#runs td.valid").first();
    expect(await cell.getAttribute("data-valid")).toBe("true");
    expect(
      await cell.evaluate((td) => (globalThis as any).getComputedStyle(td).backgroundColor),
    ).toBe("rgb(109, 182, 254)");
    const second = join(store, "broadcast", "20260102T000000.000+0000");
    mkdirSync(second, { recursive: true });
    await writeRecordedRun(second);
    await page.waitForFunction(
      () => (globalThis as any).document.querySelectorAll("#runs tbody tr").length === 2,
      null,
      {
        timeout: 10_000,
      },
    );
    // Newest first.
    expect(await rows.first().getAttribute("data-href")).toContain("20260102");
  });

  it("opens a report whose figures match results.json, with its charts drawn", async () => {
    await page.goto(server.url);
    await page.locator(`tr[data-href*="20260101"] a`, { hasText: "report" }).click();
    await page.locator("table.figures").waitFor();
    const results = JSON.parse(readFileSync(join(first, "results.json"), "utf8"));
    const cells = await page
      .locator("td.figure")
      .evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-path")!, td.textContent!]));
    expect(cells.length).toBeGreaterThan(5);
    for (const [path, text] of cells) {
      const expected = path!.split("/").reduce((o: any, k: string) => o?.[k], results);
      expect(Number(text)).toBe(expected);
    }
    expect(await page.locator("h1 .valid").textContent()).toBe(String(results["valid?"]));
    const images = await page
      .locator("img")
      .evaluateAll((imgs) => imgs.map((img) => (img as any).naturalWidth));
    expect(images).toHaveLength(3);
    for (const width of images) expect(width).toBeGreaterThan(100);
    expect(await page.locator(".story svg .missed").count()).toBe(1);
  });

  it("draws the diagram, filters it by node, and shows an arrow's body on click", async () => {
    await page.goto(new URL("broadcast/20260101T000000.000%2B0000/messages.html", server.url).href);
    const lanes = () =>
      page.locator("#heads .lane").evaluateAll((s) => s.map((e) => e.textContent));
    expect(await lanes()).toEqual(RECORDED.lanes);
    expect(await page.locator("#view g.arrow").count()).toBe(RECORDED.arrows);

    await page.selectOption("#lanes", ["n0", "n1"]);
    expect(await lanes()).toEqual(["n0", "n1"]);
    const drawnLanes = await page
      .locator("#view line.lane")
      .evaluateAll((ls) => ls.map((l) => l.getAttribute("data-lane")));
    expect(drawnLanes).toEqual(["n0", "n1"]);
    const ends = await page
      .locator("#view g.arrow")
      .evaluateAll((gs) =>
        gs.map((g) => `${g.getAttribute("data-src")}→${g.getAttribute("data-dest")}`),
      );
    expect(ends).toEqual(["n0→n1", "n1→n0"]); // the gossip and the error, by send order

    await page.locator("#view g.arrow").first().dispatchEvent("click");
    const detail = page.locator("#detail");
    await detail.waitFor({ state: "visible" });
    expect(await detail.textContent()).toContain('"messages": [');
    expect(await page.locator("#detail .sent").textContent()).toBe("2.000");
    expect(await page.locator("#detail .received").textContent()).toBe("102.000");
  });

  it("logged no console errors on any page", () => {
    expect(problems).toEqual([]);
  });
});
