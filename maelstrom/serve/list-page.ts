/**
 * Reimplements `jepsen.web`'s run list (docs/MAELSTROM.md#serve).
 * `serve`'s front page: the store's runs and comparisons, newest first, with workload, start
 * time, `valid?` coloured as Maelstrom colours it, headline figures and links. It polls
 * /runs.json and redraws when the list changes, so it can stay open while runs are added.
 */
import { page, VALID_COLOURS } from "../report/markup.js";

/** How often the page asks for the list, in ms. */
export const POLL_MS = 2000;

export function listPage(store: string): string {
  return page(
    "treecast: runs",
    `<h1>Runs in <code id="store"></code></h1>
<p id="status">loading…</p>
<table id="runs"><thead><tr><th>workload</th><th>started (UTC)</th><th>valid?</th><th>figures</th><th>files</th></tr></thead><tbody></tbody></table>
<script type="application/json" id="config">${JSON.stringify({ store, poll: POLL_MS, colours: VALID_COLOURS }).replace(/</g, "\\u003c")}</script>
<script>${CLIENT}</script>`,
    "<style>#runs td{vertical-align:top} .figs{font-size:12px;color:#444}</style>",
  );
}

const CLIENT = `
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config").textContent);
  document.getElementById("store").textContent = config.store;
  var last = "";
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  var SHOWN = ["net/servers/msgs-per-op", "workload/stable-latencies/0.5", "workload/stable-latencies/1", "workload/lost-count", "workload/stale-count", "stats/ok-count"];
  function row(e) {
    var colour = config.colours[e.valid] || (e.valid === "running" ? "#eee" : config.colours.unknown);
    var figs = e.figures.filter(function (f) { return SHOWN.indexOf(f.path.join("/")) >= 0; })
      .map(function (f) { return '<span data-path="' + esc(f.path.join("/")) + '">' + esc(f.label) + " <b>" + esc(f.value) + "</b></span>"; }).join(" · ");
    var files = e.files.map(function (f) { return '<a href="' + e.href + encodeURIComponent(f) + '">' + esc(f === "index.html" ? (e.kind === "run" ? "report" : "comparison") : f) + "</a>"; }).join(" ");
    var name = e.files.indexOf("index.html") >= 0 ? '<a href="' + e.href + 'index.html">' + esc(e.name) + "</a>" : esc(e.name);
    return '<tr class="' + e.kind + '" data-href="' + esc(e.href) + '"><td>' + esc(e.group) + "</td><td>" + name + "<br><small>" + esc(e.started.replace("T", " ").slice(0, 19)) +
      '</small></td><td class="valid" data-valid="' + esc(e.valid) + '" style="background:' + colour + '">' + esc(e.valid) + '</td><td class="figs">' + figs + "</td><td>" + files + "</td></tr>";
  }
  function refresh() {
    fetch("runs.json", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (text) {
      document.getElementById("status").textContent = "updated " + new Date().toLocaleTimeString() + "; refreshes every " + config.poll / 1000 + " s";
      if (text === last) return;
      last = text;
      var entries = JSON.parse(text);
      document.querySelector("#runs tbody").innerHTML = entries.map(row).join("");
      document.getElementById("status").setAttribute("data-count", String(entries.length));
    }).catch(function (err) { document.getElementById("status").textContent = "cannot reach the server (" + err.message + "); retrying"; })
      .then(function () { setTimeout(refresh, config.poll); });
  }
  refresh();
})();
`;
