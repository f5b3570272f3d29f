/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * Escaping and the page shell shared by the report's SVG and HTML files.
 */

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text or attribute value, safe inside XML and HTML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** JSON to embed in a <script> element: no `</script>` or `<!--` can close it early. */
export function scriptJson(json: string): string {
  return json
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Colours of a `valid?` cell, as Maelstrom's `serve` draws them. */
export const VALID_COLOURS = { true: "#6DB6FE", unknown: "#FFAA26", false: "#FEB5DA" } as const;

export function validColour(valid: unknown): string {
  return valid === true
    ? VALID_COLOURS.true
    : valid === false
      ? VALID_COLOURS.false
      : VALID_COLOURS.unknown;
}

export const BASE_CSS = `
body { font-family: Helvetica, Arial, sans-serif; font-size: 14px; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
a { color: #0b5cad; }
.valid { padding: 2px 8px; border-radius: 3px; }
`;

/** A complete, self-contained HTML page. */
export function page(title: string, body: string, head = ""): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeXml(title)}</title>\n<style>${BASE_CSS}</style>${head}</head>\n<body>\n${body}\n</body></html>\n`;
}
