/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * index.html, a run on one page: the verdict and every checker's validity, the headline figures,
 * the charts, links to the diagram and timeline, the command line and seed that reproduce it, the
 * worst stale values explained, and links to every file of the folder.
 */
import { type TestOptions, testCommandLine } from "../options.js";
import { headlineFigures } from "../output/summary.js";
import { type StaleStory, storyText } from "./explain.js";
import { escapeXml, page, validColour } from "./markup.js";
import { staleSvg } from "./stale-svg.js";

export interface IndexPageInput {
  title: string;
  results: Record<string, unknown>;
  test: TestOptions | undefined;
  stories: readonly StaleStory[];
  /** Node log file names, under node-logs/. */
  nodeLogs: readonly string[];
  /** Events in the journal, and how many messages.svg draws. */
  events: number;
  svgEvents: number;
}

const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

const validCell = (valid: unknown) =>
  `<span class="valid" data-valid="${escapeXml(String(valid))}" style="background:${validColour(valid)}">${escapeXml(String(valid))}</span>`;

export function indexPage(input: IndexPageInput): string {
  const { results, test } = input;
  const checkers = Object.entries(results)
    .filter(([name]) => name !== "valid?")
    .map(([name, result]) => {
      const valid = (result as Record<string, unknown> | null)?.["valid?"];
      return `<tr><td>${escapeXml(name)}</td><td>${validCell(valid)}</td></tr>`;
    })
    .join("");
  const figures = headlineFigures(results)
    .map(
      (f) =>
        `<tr><td>${escapeXml(f.label)}</td><td class="num figure" data-path="${escapeXml(f.path.join("/"))}">${f.value}</td></tr>`,
    )
    .join("");
  const command = test
    ? `bin/maelstrom test ${testCommandLine(test).map(shellWord).join(" ")}`
    : "(no test.json in this folder: the options are in jepsen.log's first lines)";
  const envNote =
    test && Object.keys(test.nodeEnv).length > 0
      ? `<p>The nodes also had this environment: <code>${escapeXml(
          Object.entries(test.nodeEnv)
            .map(([k, v]) => `${k}=${shellWord(v)}`)
            .join(" "),
        )}</code></p>`
      : "";
  const stale =
    input.stories.length === 0
      ? "<p>No stale values.</p>"
      : `<p>For each of the worst stale values: when it was added and acked (green), every read invoked after that which missed it (red, on its node's row), the first read on each node that saw it (blue), and the messages whose body carried it (grey). <code>bin/maelstrom explain VALUE ${escapeXml(input.title)}</code> prints the same.</p>${input.stories
          .map(
            (story) =>
              `<div class="story"><h3>${escapeXml(storyText(story).split("\n")[0]!)}</h3>${staleSvg(story)}<details><summary>as text</summary><pre>${escapeXml(storyText(story))}</pre></details></div>`,
          )
          .join("")}`;
  const files = [
    ["results.edn", "results.edn"],
    ["results.json", "results.json"],
    ["history.txt", "history.txt"],
    ["history.edn", "history.edn"],
    ["history.jsonl", "history.jsonl"],
    ["jepsen.log", "jepsen.log"],
    ["net-journal.jsonl", "net-journal.jsonl"],
    ["test.json", "test.json"],
    ...input.nodeLogs.map((name) => [`node-logs/${name}`, name]),
  ]
    .map(([href, label]) => `<a href="${escapeXml(encodeURI(href!))}">${escapeXml(label!)}</a>`)
    .join(" · ");
  const diagramNote =
    input.svgEvents < input.events
      ? ` (the first ${input.svgEvents} of ${input.events} events, as Maelstrom)`
      : "";
  return page(
    `${input.title}: report`,
    `<h1>${escapeXml(input.title)} ${validCell(results["valid?"])}</h1>
<h2>Checkers</h2><table class="checkers">${checkers}</table>
<h2>Headline figures</h2><table class="figures">${figures}</table>
<h2>Reproduce</h2><pre class="command">${escapeXml(command)}</pre>${envNote}
<p>Seed <code class="seed">${test ? test.seed : "?"}</code>.</p>
<h2>Messages</h2><p><a href="messages.html">Lamport diagram</a> of all ${input.events} network events (scroll, zoom, filter, click an arrow), or <a href="messages.svg">messages.svg</a>${diagramNote}. <a href="timeline.html">Timeline</a> of the ops.</p>
<h2>Charts</h2>
<p><img src="latency-raw.svg" alt="latency of every op"></p>
<p><img src="latency-quantiles.svg" alt="latency quantiles"></p>
<p><img src="rate.svg" alt="throughput"></p>
<h2>Stale explained</h2>${stale}
<h2>Files</h2><p class="files">${files}</p>`,
    `<style>.story h3{font-size:1em;margin-bottom:4px} img{max-width:100%}</style>`,
  );
}
