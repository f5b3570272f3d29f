import { describe, expect, it } from "vitest";
import { renderSvg } from "../../../maelstrom/charts/render.js";

describe("chart rendering", () => {
  it("renders a Vega-Lite spec to SVG with one mark per datum", async () => {
    const svg = await renderSvg({
      data: {
        values: [
          { x: 1, y: 2 },
          { x: 2, y: 3 },
          { x: 3, y: 1 },
        ],
      },
      mark: "point",
      encoding: {
        x: { field: "x", type: "quantitative" },
        y: { field: "y", type: "quantitative" },
      },
    });
    expect(svg.startsWith("<svg")).toBe(true);
    const points = /<g class="mark-symbol role-mark[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? "";
    expect(points.match(/<path/g)?.length).toBe(3);
  });
});
