/**
 * Treecast's own (docs/MAELSTROM.md#not-reproduced).
 * Charts as SVG: a Vega-Lite spec compiled and rendered by Vega's headless SVG renderer, in
 * Node with no canvas or native build. Every chart of the harness (run reports, the broadcast
 * comparison) goes through here.
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export type { TopLevelSpec } from "vega-lite";

/** Renders a Vega-Lite spec to a standalone SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
