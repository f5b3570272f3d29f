/**
 * Benchmark: how late the harness delivers messages. For every server→server message in a
 * run's net-journal.jsonl, error = recv time − due time (send time + drawn latency). Under
 * constant latency nothing legitimately delays a server message, so this is pure harness
 * overhead (timer slop, event-loop load).
 *
 *   node dist/bench/delivery-error.js [store/latest]
 */
import { join } from "node:path";
import { isClient } from "../maelstrom/net/network.js";
import { decodeJournalEvent, JOURNAL_FILE, readJsonLines } from "../maelstrom/output/jsonl.js";

const dir = process.argv[2] ?? "store/latest";
const due = new Map<number, number>();
const errorsMs: number[] = [];
for (const event of readJsonLines(join(dir, JOURNAL_FILE), decodeJournalEvent)) {
  const { message } = event;
  if (isClient(message.src) || isClient(message.dest)) continue;
  if (event.type === "send" && event.deadline !== undefined) due.set(message.id, event.deadline);
  if (event.type === "recv" && due.has(message.id))
    errorsMs.push((event.time - due.get(message.id)!) / 1e6);
}
errorsMs.sort((a, b) => a - b);
const q = (p: number) =>
  errorsMs[Math.min(errorsMs.length - 1, Math.floor(errorsMs.length * p))]?.toFixed(2);
console.log(
  `${errorsMs.length} server messages: delivery error p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`,
);
