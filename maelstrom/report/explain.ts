/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * Stale explained: for a value of a set workload (broadcast, g-set), when it was added and
 * acked, every read invoked after the ack that missed it (and on which node), the first read on
 * each node that saw it, and the messages whose body carries it where the harness can tell (the
 * value as a `message` field or inside an array; encoded gossip such as Yjs updates cannot be
 * searched). The report draws it; `maelstrom explain` prints it.
 */

import { canonicalJson } from "../../src/lib/canonical-json.js";
import { withInvocations } from "../checkers/common.js";
import { processNode } from "../interpreter.js";
import { toEdn } from "../output/edn.js";
import { isClientOp, type Op } from "../output/history.js";
import { sortParticipants } from "./lamport.js";
import type { RunFiles } from "./run-files.js";

export interface ReadAt {
  index: number;
  process: number;
  node: string | undefined;
  /** Nanoseconds since the origin. */
  invoked: number;
  completed: number;
}

export interface CarryingMessage {
  src: string;
  dest: string;
  type: string;
  sent: number;
  /** Absent when the message was never delivered. */
  received: number | undefined;
}

export interface StaleStory {
  value: unknown;
  /** From results.json's worst-stale, when the value is listed there. */
  staleMs: number | undefined;
  add: (ReadAt & { type: Op["type"] }) | undefined;
  /** When the value was first known present: the add's ack or the first read that saw it. */
  known: number | undefined;
  missed: ReadAt[];
  firstSeen: ReadAt[];
  messages: CarryingMessage[];
}

const key = (value: unknown) =>
  typeof value === "object" && value !== null ? canonicalJson(value) : value;

/** The values results.json names as the worst stale ones (broadcast, g-set). */
export function worstStaleValues(results: Record<string, unknown>): unknown[] {
  const workload = results.workload as { "worst-stale"?: Array<{ element: unknown }> } | undefined;
  return (workload?.["worst-stale"] ?? []).map((entry) => entry.element);
}

/** Values a body carries visibly: a `message` field, or members of any array in it. */
function carried(body: unknown, found: (value: unknown) => void, inArray = false): void {
  if (Array.isArray(body)) for (const item of body) carried(item, found, true);
  else if (body !== null && typeof body === "object")
    for (const [field, value] of Object.entries(body)) {
      if (field === "msg_id" || field === "in_reply_to") continue;
      if (field === "message" && (typeof value !== "object" || value === null)) found(value);
      else carried(value, found);
    }
  else if (inArray) found(body);
}

export function explainValues(run: RunFiles, values: readonly unknown[]): StaleStory[] {
  const { test } = run;
  const nodeOf = (process: number) =>
    test ? processNode(process, test.concurrency, test.nodes) : undefined;
  const worst = new Map(
    (
      (
        run.results.workload as {
          "worst-stale"?: Array<{ element: unknown; "stable-latency": number }>;
        }
      )?.["worst-stale"] ?? []
    ).map((entry) => [key(entry.element), entry["stable-latency"]]),
  );
  const stories = new Map(
    values.map((value) => [
      key(value),
      {
        value,
        staleMs: worst.get(key(value)),
        add: undefined,
        known: undefined,
        missed: [],
        firstSeen: [],
        messages: [],
      } as StaleStory,
    ]),
  );
  type Read = ReadAt & { elements: Set<unknown> };
  const reads: Read[] = [];
  for (const { op, invocation } of withInvocations(run.history)) {
    if (!invocation || op.type === "invoke" || !isClientOp(op)) continue;
    const at = {
      index: op.index,
      process: op.process,
      node: nodeOf(op.process),
      invoked: invocation.time,
      completed: op.time,
    };
    if (op.f === "read" && op.type === "ok" && Array.isArray(op.value))
      reads.push({ ...at, elements: new Set(op.value.map(key)) });
    else if (op.f === "add" || op.f === "broadcast") {
      const story = stories.get(key(invocation.value));
      if (story && story.add?.type !== "ok") story.add = { ...at, type: op.type };
    }
  }
  for (const story of stories.values()) {
    const k = key(story.value);
    const seen = new Map<string, ReadAt>();
    let firstRead: number | undefined;
    for (const read of reads)
      if (read.elements.has(k)) {
        firstRead = Math.min(firstRead ?? read.completed, read.completed);
        const where = readRow(read);
        const before = seen.get(where);
        if (!before || read.completed < before.completed) seen.set(where, strip(read));
      }
    const acked = story.add?.type === "ok" ? story.add.completed : undefined;
    story.known = acked === undefined ? firstRead : Math.min(acked, firstRead ?? acked);
    const known = story.known;
    if (known !== undefined)
      story.missed = reads.filter((r) => r.invoked > known && !r.elements.has(k)).map(strip);
    const order = sortParticipants(seen.keys());
    story.firstSeen = order.map((node) => seen.get(node)!);
  }
  // Messages: one pass over the journal for every value at once.
  const received = new Map<number, number>();
  for (const event of run.journal)
    if (event.type === "recv") received.set(event.message.id, event.time);
  for (const event of run.journal) {
    const { message } = event;
    // Replies to clients carry the value back as a read's result, not on its way to a node.
    if (event.type !== "send" || message.dest.startsWith("c")) continue;
    const hits = new Set<StaleStory>();
    carried(message.body, (value) => {
      const story = stories.get(key(value));
      if (story) hits.add(story);
    });
    for (const story of hits)
      story.messages.push({
        src: message.src,
        dest: message.dest,
        type: String(message.body.type),
        sent: event.time,
        received: received.get(message.id),
      });
  }
  return [...stories.values()];
}

/** Where a read happened: its node, or p<process> when the run has no test.json. */
export const readRow = (read: ReadAt) => read.node ?? `p${read.process}`;

function strip(read: ReadAt & { elements?: unknown }): ReadAt {
  const { index, process, node, invoked, completed } = read;
  return { index, process, node, invoked, completed };
}

const seconds = (ns: number) => `${(ns / 1e9).toFixed(3)} s`;
const where = (read: ReadAt) => `${read.node ?? "?"} (process ${read.process})`;

const MESSAGE_LINES = 40;

/** The story as text, for `maelstrom explain`. */
export function storyText(story: StaleStory): string {
  const lines: string[] = [];
  const value = toEdn(story.value);
  lines.push(
    `Value ${value}${story.staleMs !== undefined ? `: stale for ${story.staleMs} ms (one of results.json's worst-stale)` : ""}`,
  );
  if (story.add)
    lines.push(
      `  added on ${where(story.add)}: invoked ${seconds(story.add.invoked)}, ${story.add.type === "ok" ? "acked" : `completed :${story.add.type}`} ${seconds(story.add.completed)}`,
    );
  else lines.push("  no add or broadcast of this value is in the history");
  if (story.known === undefined) lines.push("  no read ever saw it");
  else
    lines.push(
      `  known present from ${seconds(story.known)}; ${story.missed.length} reads invoked after that missed it`,
    );
  // One line per node: the reads there that missed it, then the first read there that saw it.
  const nodeOf = readRow;
  const missedBy = new Map<string, ReadAt[]>();
  for (const read of story.missed) {
    const reads = missedBy.get(nodeOf(read));
    if (reads) reads.push(read);
    else missedBy.set(nodeOf(read), [read]);
  }
  const seenBy = new Map(story.firstSeen.map((read) => [nodeOf(read), read]));
  const nodes = sortParticipants([...missedBy.keys(), ...seenBy.keys()]);
  const width = Math.max(4, ...nodes.map((n) => n.length));
  for (const node of nodes) {
    const missed = missedBy.get(node) ?? [];
    const seen = seenBy.get(node);
    const missedText =
      missed.length === 0
        ? "no read missed it"
        : `missed by ${missed.length} read${missed.length === 1 ? "" : "s"} (ops ${missed
            .slice(0, 6)
            .map((r) => r.index)
            .join(
              ", ",
            )}${missed.length > 6 ? ", …" : ""}; invoked ${seconds(missed[0]!.invoked)} … ${seconds(missed[missed.length - 1]!.invoked)})`;
    const seenText = seen
      ? `first seen ${seconds(seen.completed)}${story.known !== undefined ? ` (+${((seen.completed - story.known) / 1e6).toFixed(0)} ms)` : ""}, op ${seen.index}`
      : "never seen";
    lines.push(`    ${node.padEnd(width)}  ${missedText}; ${seenText}`);
  }
  lines.push(
    `  messages on the way to nodes whose body carries it: ${story.messages.length}${story.messages.length === 0 ? " (gossip in an encoded form cannot be searched)" : ""}`,
  );
  for (const m of story.messages.slice(0, MESSAGE_LINES))
    lines.push(
      `    ${seconds(m.sent)} ${m.src} → ${m.dest} ${m.type}, ${m.received === undefined ? "never delivered" : `delivered ${seconds(m.received)}`}`,
    );
  if (story.messages.length > MESSAGE_LINES)
    lines.push(`    … and ${story.messages.length - MESSAGE_LINES} more`);
  return lines.join("\n");
}

/** Parses a value as the user types it: JSON (3, "a", [1,2]), else the text itself. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
