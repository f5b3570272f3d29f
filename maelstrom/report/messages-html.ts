/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * messages.html: the Lamport diagram for a run of any size, in one self-contained page (the
 * journal embedded, no network) that draws only the rows on screen. Scroll and zoom in event
 * order, filter by participant, by client/server traffic and by message type, click an arrow for
 * its body and its send and receive times. Same lanes, colours and labels as messages.svg.
 */

import { stringifyExactJson } from "../output/exact-json.js";
import type { Op } from "../output/history.js";
import { COLOURS, type Diagram, involvesClient, messageLabel } from "./lamport.js";
import { escapeXml, page, scriptJson } from "./markup.js";

/** The page's data, in columns: one entry per message, one per event. */
interface PageData {
  title: string;
  lanes: string[];
  types: string[];
  colours: typeof COLOURS;
  /** Per message: src and dest lane, type index, send and recv event (-1: never delivered). */
  src: number[];
  dest: number[];
  type: number[];
  kind: Array<0 | 1 | 2>;
  sendEvent: number[];
  recvEvent: number[];
  label: string[];
  body: string[];
  id: number[];
  /** Per event: time in ms since the origin, and its message. */
  time: number[];
  message: number[];
  /** Partitions, in ms. */
  nemesis: Array<[number, number]>;
}

export function messagesData(model: Diagram, history: readonly Op[], title: string): PageData {
  const lane = new Map(model.lanes.map((name, i) => [name, i]));
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const data: PageData = {
    title,
    lanes: model.lanes,
    types,
    colours: COLOURS,
    src: [],
    dest: [],
    type: [],
    kind: [],
    sendEvent: [],
    recvEvent: [],
    label: [],
    body: [],
    id: [],
    time: [],
    message: [],
    nemesis: [],
  };
  const index = new Map<number, number>();
  model.events.forEach((event, e) => {
    const { message } = event;
    let m = index.get(message.id);
    if (m === undefined) {
      m = data.src.length;
      index.set(message.id, m);
      const type = String(message.body.type);
      let t = typeIndex.get(type);
      if (t === undefined) {
        t = types.length;
        typeIndex.set(type, t);
        types.push(type);
      }
      data.src.push(lane.get(message.src)!);
      data.dest.push(lane.get(message.dest)!);
      data.type.push(t);
      data.kind.push(type === "error" ? 2 : involvesClient(message) ? 1 : 0);
      data.sendEvent.push(event.type === "send" ? e : -1);
      data.recvEvent.push(-1);
      data.label.push(messageLabel(message.body));
      data.body.push(stringifyExactJson(message.body));
      data.id.push(message.id);
    }
    if (event.type === "recv") data.recvEvent[m] = e;
    else data.sendEvent[m] = e;
    data.time.push(Math.round(event.time / 1e3) / 1e3);
    data.message.push(m);
  });
  let open: number | undefined;
  for (const op of history) {
    if (op.process !== "nemesis") continue;
    if (op.f.startsWith("start-")) open ??= op.time / 1e6;
    else if (op.f.startsWith("stop-") && open !== undefined) {
      data.nemesis.push([open, op.time / 1e6]);
      open = undefined;
    }
  }
  return data;
}

export function messagesHtml(model: Diagram, history: readonly Op[], title: string): string {
  const data = scriptJson(JSON.stringify(messagesData(model, history, title)));
  return page(
    `${title}: messages`,
    `<div id="bar">
<b>${escapeXml(title)}</b> · <span id="count"></span>
<label>lanes <select id="lanes" multiple size="4"></select></label>
<label>traffic <select id="traffic"><option value="all">all</option><option value="client">client ↔ server</option><option value="server">server ↔ server</option></select></label>
<label>types <select id="types" multiple size="4"></select></label>
<button id="all-lanes" type="button">all lanes</button>
<button id="zoom-out" type="button" title="zoom out (ctrl + wheel)">−</button><button id="zoom-in" type="button" title="zoom in (ctrl + wheel)">+</button>
<label>go to <input id="goto" size="7" placeholder="ms"></label>
</div>
<div id="heads"></div>
<div id="scroller"><div id="spacer"><svg id="view" xmlns="http://www.w3.org/2000/svg"></svg></div></div>
<div id="detail" hidden><button id="close" type="button">×</button><div id="detail-text"></div></div>
<script type="application/json" id="data">${data}</script>
<script>${CLIENT}</script>`,
    `<style>${CSS}</style>`,
  );
}

const CSS = `
body { margin: 0; overflow: hidden; }
#bar { padding: 6px 10px; border-bottom: 1px solid #ddd; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; font-size: 12px; }
#bar select { vertical-align: middle; font-size: 11px; }
#heads { position: relative; height: 18px; border-bottom: 1px solid #eee; font-size: 11px; background: #fff; }
#heads span { position: absolute; transform: translateX(-50%); top: 2px; white-space: nowrap; }
#heads.crowded { height: 34px; }
#heads.crowded span { transform: translateX(-50%) rotate(-50deg); transform-origin: 50% 100%; top: 14px; font-size: 10px; }
#scroller { position: relative; overflow: auto; height: calc(100vh - 120px); }
#spacer { position: relative; }
#view { position: absolute; left: 0; top: 0; font-size: 11px; }
#view text.label { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
#view .hit { stroke: transparent; stroke-width: 10; cursor: pointer; }
#view g.arrow:hover line.shaft { stroke-width: 4; }
#view g.selected line.shaft { stroke: #f80 !important; }
#detail { position: fixed; right: 12px; bottom: 12px; width: 460px; max-height: 60vh; overflow: auto; background: #fff; border: 1px solid #bbb; box-shadow: 0 2px 10px rgba(0,0,0,.2); padding: 8px 12px; font-size: 12px; }
#detail pre { white-space: pre-wrap; word-break: break-all; }
#close { float: right; }
`;

/** The page's script. Plain ES2017, no template strings, so it sits in this module as text. */
const CLIENT = `
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var scroller = document.getElementById("scroller"), spacer = document.getElementById("spacer");
  var view = document.getElementById("view"), heads = document.getElementById("heads");
  var GUTTER = 70, TOP = 12, BUCKET = 64, MIN_ROW = 0.5, MAX_ROW = 40;
  var nMsg = D.src.length, nEv = D.time.length;
  var rowH = nEv > 20000 ? 6 : 20;
  var shown = D.lanes.map(function () { return true; });
  var typeOn = D.types.map(function () { return true; });
  var traffic = "all";
  var rowOf = new Int32Array(nEv), eventOfRow = new Int32Array(nEv), rows = 0, arrows = [], buckets = [], laneX = [], selected = -1;
  var colour = [D.colours.server, D.colours.client, D.colours.error];
  var kindName = ["server", "client", "error"];

  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function keep(m) {
    if (!shown[D.src[m]] || !shown[D.dest[m]] || !typeOn[D.type[m]]) return false;
    var client = D.lanes[D.src[m]][0] === "c" || D.lanes[D.dest[m]][0] === "c";
    return traffic === "all" || (traffic === "client") === client;
  }
  function compute() {
    var keepMsg = new Uint8Array(nMsg), m, e;
    for (m = 0; m < nMsg; m++) keepMsg[m] = keep(m) ? 1 : 0;
    rows = 0;
    for (e = 0; e < nEv; e++) {
      rowOf[e] = keepMsg[D.message[e]] ? rows : -1;
      if (rowOf[e] >= 0) eventOfRow[rows++] = e;
    }
    arrows = [];
    for (e = 0; e < nEv; e++) {
      m = D.message[e];
      if (rowOf[e] >= 0 && D.sendEvent[m] === e && D.recvEvent[m] >= 0) arrows.push(m);
    }
    buckets = [];
    for (var i = 0; i < arrows.length; i++) {
      m = arrows[i];
      var b0 = Math.floor(rowOf[D.sendEvent[m]] / BUCKET), b1 = Math.floor(rowOf[D.recvEvent[m]] / BUCKET);
      for (var b = b0; b <= b1; b++) (buckets[b] || (buckets[b] = [])).push(m);
    }
    var lanes = [];
    shown.forEach(function (on, l) { if (on) lanes.push(l); });
    var width = Math.max(600, scroller.clientWidth - GUTTER - 20);
    laneX = [];
    lanes.forEach(function (l, i) { laneX[l] = GUTTER + ((i + 0.5) / lanes.length) * width; });
    heads.innerHTML = lanes.map(function (l) {
      return '<span class="lane" data-lane="' + esc(D.lanes[l]) + '" style="left:' + laneX[l].toFixed(1) + 'px">' + esc(D.lanes[l]) + "</span>";
    }).join("");
    heads.className = lanes.length > 0 && width / lanes.length < 30 ? "crowded" : "";
    view.setAttribute("width", String(width + GUTTER + 20));
    document.getElementById("count").textContent = rows + " of " + nEv + " events, " + arrows.length + " arrows";
    layout();
  }
  function layout() {
    spacer.style.height = (TOP * 2 + rows * rowH) + "px";
    spacer.style.width = view.getAttribute("width") + "px";
    draw();
  }
  function y(row) { return TOP + row * rowH; }
  function draw() {
    var started = performance.now();
    var top = scroller.scrollTop, h = scroller.clientHeight;
    view.style.top = top + "px";
    view.setAttribute("height", String(h));
    view.setAttribute("viewBox", "0 " + top + " " + view.getAttribute("width") + " " + h);
    var r0 = Math.max(0, Math.floor((top - TOP) / rowH) - 1), r1 = Math.ceil((top + h - TOP) / rowH) + 1;
    var out = ['<defs>'];
    for (var k = 0; k < 3; k++)
      out.push('<marker id="ah' + k + '" viewBox="0 0 12 8" refX="12" refY="4" markerWidth="12" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L12,4 L0,8 z" fill="' + (k === 1 ? colour[1] : "#000") + '"/></marker>');
    out.push("</defs>");
    D.nemesis.forEach(function (span) {
      var a = firstRowAt(span[0]), b = firstRowAt(span[1]);
      if (b >= r0 && a <= r1) out.push('<rect class="nemesis" x="0" width="' + GUTTER + '" y="' + y(a) + '" height="' + Math.max(1, y(b) - y(a)) + '" fill="#E9DCA0"><title>partition</title></rect>');
    });
    laneX.forEach(function (x, l) {
      if (x !== undefined) out.push('<line class="lane" data-lane="' + esc(D.lanes[l]) + '" x1="' + x.toFixed(1) + '" x2="' + x.toFixed(1) + '" y1="' + top + '" y2="' + (top + h) + '" stroke="#ccc"/>');
    });
    var every = Math.max(1, Math.ceil(40 / rowH));
    for (var r = Math.ceil(r0 / every) * every; r <= r1 && r < rows; r += every) {
      var e = eventOfRow[r];
      out.push('<text x="4" y="' + (y(r) + 4) + '" fill="#888">' + D.time[e].toFixed(1) + " ms</text>");
    }
    var seen = {}, labels = rowH >= 10, drawn = 0;
    for (var b = Math.floor(r0 / BUCKET); b <= Math.floor(r1 / BUCKET); b++) {
      var list = buckets[b];
      if (!list) continue;
      for (var i = 0; i < list.length; i++) {
        var m = list[i];
        if (seen[m]) continue;
        seen[m] = 1;
        var ra = rowOf[D.sendEvent[m]], rb = rowOf[D.recvEvent[m]];
        if (rb < r0 || ra > r1) continue;
        drawn++;
        var x0 = laneX[D.src[m]], x1 = laneX[D.dest[m]], y0 = y(ra), y1 = y(rb), k2 = D.kind[m];
        var g = '<g class="arrow' + (m === selected ? " selected" : "") + '" data-i="' + m + '" data-src="' + esc(D.lanes[D.src[m]]) + '" data-dest="' + esc(D.lanes[D.dest[m]]) + '">';
        g += '<line class="shaft" x1="' + x0.toFixed(1) + '" y1="' + y0 + '" x2="' + x1.toFixed(1) + '" y2="' + y1 + '" stroke="' + colour[k2] + '" stroke-width="2.5" marker-end="url(#ah' + k2 + ')"/>';
        g += '<line class="hit" x1="' + x0.toFixed(1) + '" y1="' + y0 + '" x2="' + x1.toFixed(1) + '" y2="' + y1 + '"/>';
        if (labels) {
          var ang = Math.atan2(y1 - y0, x1 - x0) * 180 / Math.PI;
          if (ang > 90 || ang < -90) ang += 180;
          g += '<text class="label" text-anchor="middle" transform="translate(' + ((x0 + x1) / 2).toFixed(1) + " " + ((y0 + y1) / 2).toFixed(1) + ") rotate(" + ang.toFixed(1) + ')" dy="-4">' + esc(D.label[m]) + "</text>";
        }
        out.push(g + "<title>" + esc(D.lanes[D.src[m]] + " → " + D.lanes[D.dest[m]] + " " + D.body[m]) + "</title></g>");
      }
    }
    view.innerHTML = out.join("");
    view.setAttribute("data-drawn", String(drawn));
    view.setAttribute("data-draw-ms", (performance.now() - started).toFixed(2));
  }
  function firstRowAt(ms) {
    var lo = 0, hi = nEv;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (D.time[mid] < ms) lo = mid + 1; else hi = mid; }
    for (var e = lo; e < nEv; e++) if (rowOf[e] >= 0) return rowOf[e];
    return rows;
  }
  function zoom(factor) {
    var centre = (scroller.scrollTop + scroller.clientHeight / 2 - TOP) / rowH;
    rowH = Math.min(MAX_ROW, Math.max(MIN_ROW, rowH * factor));
    layout();
    scroller.scrollTop = centre * rowH + TOP - scroller.clientHeight / 2;
    draw();
  }
  function selectValues(select) {
    var on = [];
    for (var i = 0; i < select.options.length; i++) on.push(select.options[i].selected);
    return on;
  }
  function show(m) {
    selected = m;
    var s = D.sendEvent[m], r = D.recvEvent[m], body;
    try { body = JSON.stringify(JSON.parse(D.body[m]), null, 2); } catch (err) { body = D.body[m]; }
    document.getElementById("detail-text").innerHTML =
      "<p><b>" + esc(D.lanes[D.src[m]]) + " → " + esc(D.lanes[D.dest[m]]) + "</b> " + esc(D.types[D.type[m]]) + " (" + kindName[D.kind[m]] + ", message " + D.id[m] + ")</p>" +
      '<p class="times">sent <span class="sent">' + (s >= 0 ? D.time[s].toFixed(3) : "?") + '</span> ms (event ' + s + '), received <span class="received">' + (r >= 0 ? D.time[r].toFixed(3) + "</span> ms (event " + r + ")" : "never</span>") +
      (s >= 0 && r >= 0 ? ", " + (D.time[r] - D.time[s]).toFixed(3) + " ms in flight" : "") + "</p><pre>" + esc(body) + "</pre>";
    document.getElementById("detail").hidden = false;
    draw();
  }

  var lanesSel = document.getElementById("lanes"), typesSel = document.getElementById("types");
  lanesSel.innerHTML = D.lanes.map(function (l) { return '<option selected value="' + esc(l) + '">' + esc(l) + "</option>"; }).join("");
  typesSel.innerHTML = D.types.map(function (t) { return '<option selected value="' + esc(t) + '">' + esc(t) + "</option>"; }).join("");
  lanesSel.addEventListener("change", function () { shown = selectValues(lanesSel); compute(); });
  typesSel.addEventListener("change", function () { typeOn = selectValues(typesSel); compute(); });
  document.getElementById("traffic").addEventListener("change", function (ev) { traffic = ev.target.value; compute(); });
  document.getElementById("all-lanes").addEventListener("click", function () {
    for (var i = 0; i < lanesSel.options.length; i++) lanesSel.options[i].selected = true;
    shown = selectValues(lanesSel); compute();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.5); });
  document.getElementById("goto").addEventListener("change", function (ev) {
    var ms = Number(ev.target.value);
    if (!isNaN(ms)) scroller.scrollTop = y(firstRowAt(ms)) - TOP;
  });
  document.getElementById("close").addEventListener("click", function () { document.getElementById("detail").hidden = true; selected = -1; draw(); });
  scroller.addEventListener("wheel", function (ev) {
    if (!ev.ctrlKey && !ev.metaKey) return;
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });
  var pending = false;
  scroller.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  });
  view.addEventListener("click", function (ev) {
    var g = ev.target.closest ? ev.target.closest("[data-i]") : null;
    if (g) show(Number(g.getAttribute("data-i")));
  });
  window.addEventListener("resize", compute);
  compute();
})();
`;
