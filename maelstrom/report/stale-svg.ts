/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * The small timeline of one stale value for the report: a row per node, the add's ack, each read
 * that missed the value (red), the first read on each node that saw it (blue), and the messages
 * whose body carried it (grey, from sender to receiver), with hover titles.
 */
import { readRow, type StaleStory } from "./explain.js";
import { sortParticipants } from "./lamport.js";
import { escapeXml } from "./markup.js";

const WIDTH = 760;
const ROW = 12;
const LEFT = 40;

export function staleSvg(story: StaleStory): string {
  const rowOf = readRow;
  const nodes = sortParticipants(
    [
      ...story.missed.map(rowOf),
      ...story.firstSeen.map(rowOf),
      story.add && rowOf(story.add),
      ...story.messages.flatMap((m) => [m.src, m.dest]).filter((p) => !p.startsWith("c")),
    ].filter((n): n is string => n !== undefined),
  );
  // The scale spans the add, the misses and the carriers; a first read much later than those
  // (a node that read rarely, or only in the final reads) is pinned to the right edge.
  const times = [
    story.add?.invoked,
    story.known,
    ...story.missed.map((r) => r.completed),
    ...story.messages.map((m) => m.received ?? m.sent),
  ].filter((t): t is number => t !== undefined);
  if (nodes.length === 0 || times.length === 0) return "";
  const t0 = Math.min(...times);
  const last = Math.max(...times);
  const t1 = Math.max(...story.firstSeen.map((r) => r.completed), last);
  const end = Math.min(t1, last + Math.max(0.25 * (last - t0), 200e6));
  const span = Math.max(end - t0, 1e6);
  const x = (t: number) =>
    (LEFT + ((Math.min(t, end) - t0) / span) * (WIDTH - LEFT - 10)).toFixed(1);
  const row = new Map(nodes.map((n, i) => [n, 14 + i * ROW]));
  const ms = (t: number) => `${(t / 1e6).toFixed(0)} ms`;
  const out: string[] = [];
  for (const [node, y] of row)
    out.push(
      `<text x="${LEFT - 4}" y="${y + 4}" text-anchor="end">${escapeXml(node)}</text><line x1="${LEFT}" x2="${WIDTH - 10}" y1="${y}" y2="${y}" stroke="#eee"/>`,
    );
  for (const m of story.messages) {
    const [ys, yd] = [row.get(m.src), row.get(m.dest)];
    if (ys === undefined || yd === undefined || m.received === undefined) continue;
    out.push(
      `<line class="carrier" x1="${x(m.sent)}" y1="${ys}" x2="${x(m.received)}" y2="${yd}" stroke="#999"><title>${escapeXml(`${m.src} → ${m.dest} ${m.type}, sent ${ms(m.sent)}, delivered ${ms(m.received)}`)}</title></line>`,
    );
  }
  for (const r of story.missed) {
    const y = row.get(rowOf(r));
    if (y === undefined) continue;
    out.push(
      `<rect class="missed" x="${x(r.invoked)}" y="${y - 3}" width="${Math.max(2, Number(x(r.completed)) - Number(x(r.invoked))).toFixed(1)}" height="6" fill="#FF1E90"><title>${escapeXml(`read on ${r.node} (process ${r.process}) ${ms(r.invoked)}–${ms(r.completed)} missed it`)}</title></rect>`,
    );
  }
  for (const r of story.firstSeen) {
    const y = row.get(rowOf(r));
    if (y === undefined) continue;
    const later = r.completed > end;
    out.push(
      `<circle class="seen" cx="${x(r.completed)}" cy="${y}" r="4" ${later ? `fill="#fff" stroke="#1F77D0"` : `fill="#1F77D0"`}><title>${escapeXml(`first read on ${r.node} that saw it: ${ms(r.completed)} (process ${r.process})`)}</title></circle>`,
    );
  }
  if (story.add && row.has(rowOf(story.add))) {
    const y = row.get(rowOf(story.add))!;
    const cx = Number(x(story.add.completed));
    out.push(
      `<polygon class="ack" points="${cx},${y - 6} ${cx + 6},${y} ${cx},${y + 6} ${cx - 6},${y}" fill="#2a2"><title>${escapeXml(`added on ${story.add.node}, ${story.add.type === "ok" ? "acked" : story.add.type} at ${ms(story.add.completed)}`)}</title></polygon>`,
    );
  }
  const height = 14 + nodes.length * ROW + 18;
  out.push(
    `<text x="${LEFT}" y="${height - 4}" fill="#666">${ms(t0)}</text><text x="${WIDTH - 10}" y="${height - 4}" text-anchor="end" fill="#666">${ms(end)}${end < t1 ? ` (open circles: later, up to ${ms(t1)})` : ""}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" class="stale" width="${WIDTH}" height="${height}" font-size="10" font-family="Helvetica, Arial, sans-serif">${out.join("")}</svg>`;
}
