/**
 * Reimplements `maelstrom.net.viz` (docs/MAELSTROM.md#report).
 * The Lamport diagram's model (Maelstrom's `net/viz.clj`, drawn by messages.svg and
 * messages.html): the journal without init/init_ok, participants in Maelstrom's lane order, one
 * arrow per delivered message from its send step to its recv step, and Maelstrom's colours and
 * labels. Time is event order: step k is the k-th event.
 */
import { toEdn } from "../output/edn.js";
import { stringifyExactJson } from "../output/exact-json.js";
import type { JournalEvent } from "../output/history.js";

/** Maelstrom stops drawing messages.svg after this many events. */
export const SVG_EVENT_LIMIT = 10_000;

export const COLOURS = { error: "#FF1E90", client: "#81BFFC", server: "#000" } as const;

export interface Arrow {
  /** The message (src, dest, body, id). */
  message: JournalEvent["message"];
  sendStep: number;
  recvStep: number;
  /** Nanoseconds since the test origin. */
  sendTime: number;
  recvTime: number;
}

export interface Diagram {
  /** Participants, left to right. */
  lanes: string[];
  /** The events drawn (init traffic removed, at most `limit`). */
  events: JournalEvent[];
  arrows: Arrow[];
  /** Events left out by the limit. */
  omitted: number;
}

const isInit = (event: JournalEvent) => {
  const type = event.message.body.type;
  return type === "init" || type === "init_ok";
};

export const isClient = (participant: string) => participant.startsWith("c");

export const involvesClient = (message: { src: string; dest: string }) =>
  isClient(message.src) || isClient(message.dest);

/** Maelstrom's order: letters then number (c0, c1, …, n0, n1, …, n10), other names last. */
export function sortParticipants(names: Iterable<string>): string[] {
  const key = (name: string) => {
    const match = /(\w+?)(\d+)/.exec(name);
    return match
      ? { rank: 0, text: match[1]!, n: Number(match[2]) }
      : { rank: 1, text: name, n: 0 };
  };
  return [...new Set(names)].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka.rank - kb.rank || (ka.text < kb.text ? -1 : ka.text > kb.text ? 1 : 0) || ka.n - kb.n;
  });
}

export function messageColour(message: JournalEvent["message"]): string {
  if (message.body.type === "error") return COLOURS.error;
  return involvesClient(message) ? COLOURS.client : COLOURS.server;
}

/** Maelstrom's arrow label: the type, then the rest of the body (or an error's text), ≤ 48 chars. */
export function messageLabel(body: JournalEvent["message"]["body"]): string {
  let rest: string;
  if (body.type === "error") rest = String(body.text ?? "");
  else {
    const { type: _type, msg_id: _id, in_reply_to: _reply, ...fields } = body;
    rest = toEdn(clip(fields));
  }
  return truncate(`${body.type} ${rest}`, 48);
}

/** Maelstrom's hover title: `src → dest <full body>`. */
export function messageTitle(message: JournalEvent["message"]): string {
  return `${message.src} → ${message.dest} ${stringifyExactJson(message.body)}`;
}

/**
 * The first items (48: a label is cut at 48 characters anyway) of every array and map, so that printing a preview of a large body
 * (a read_ok of thousands of values) costs only what the preview shows.
 */
export function clip(value: unknown, items = 48): unknown {
  if (Array.isArray(value)) return value.slice(0, items).map((item) => clip(item, items));
  if (value !== null && typeof value === "object" && value.constructor === Object)
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, items)
        .map(([k, v]) => [k, clip(v, items)]),
    );
  return value;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function diagram(
  journal: readonly JournalEvent[],
  limit = Number.POSITIVE_INFINITY,
): Diagram {
  const all = journal.filter((event) => !isInit(event));
  const events = all.length > limit ? all.slice(0, limit) : all;
  const sends = new Map<number, { step: number; time: number }>();
  const arrows: Arrow[] = [];
  const participants: string[] = [];
  events.forEach((event, step) => {
    const { message } = event;
    participants.push(message.src, message.dest);
    if (event.type === "send") sends.set(message.id, { step, time: event.time });
    else {
      const send = sends.get(message.id);
      // A recv always follows its send in the journal; skip one that does not rather than crash.
      if (send)
        arrows.push({
          message,
          sendStep: send.step,
          recvStep: step,
          sendTime: send.time,
          recvTime: event.time,
        });
    }
  });
  return {
    lanes: sortParticipants(participants),
    events,
    arrows,
    omitted: all.length - events.length,
  };
}
