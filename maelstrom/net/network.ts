/**
 * Reimplements `maelstrom.net` and `maelstrom.net.journal` (docs/MAELSTROM.md#network).
 * The simulated network: one deadline-ordered queue per receiver, latency
 * only between servers, partitions checked when a message is dequeued, and a journal of every
 * send and recv.
 *
 * Each receiver has one consumer loop: take the head (even if not yet due), drop it if the
 * receiver holds a grudge against its source, otherwise sleep until its deadline, journal the
 * recv and deliver. While it sleeps, messages with earlier deadlines wait (head-of-line
 * blocking, as in Maelstrom). The sleep is Maelstrom's: whole milliseconds, truncated, so a
 * message lands up to a millisecond before its deadline (`sleepBeforeDelivery`).
 *
 * A message is encoded to JSON once, when sent, as a wire would carry it: the journal's send
 * and recv lines and a process's stdin take that text, and each delivery decodes a copy of its
 * own, so no receiver shares an object with the sender or with another receiver.
 */
import { PriorityQueue } from "../../src/lib/priority-queue.js";
import type { Body, Message } from "../../src/runtime/protocol.js";
import { NS_PER_MS, type Scheduler, threadWakeTime } from "../clock.js";
import { decodeExactJson, encodeExactJson } from "../output/exact-json.js";
import type { JournalEvent } from "../output/history.js";
import type { LinkFaults } from "./faults.js";
import type { Grudge } from "./nemesis.js";

export type NetMessage = Message & { id: number };

/** A message as sent: its fields and its JSON text, encoded once. */
interface Sent {
  id: number;
  src: string;
  dest: string;
  /** The whole message's JSON, as stringifyExactJson writes it. */
  json: string;
  body: { json: string; exact: boolean };
}

interface Queued {
  deadline: number;
  seq: number;
  sent: Sent;
}

/** Takes a delivered message (the receiver's own copy) and its JSON text. */
export type Deliver = (message: NetMessage, json: string) => void;

/** Takes a journal event and the JSON text of its message. */
export type OnEvent = (event: JournalEvent, messageJson: string) => void;

interface Participant {
  queue: PriorityQueue<Queued>;
  deliver: Deliver;
  /** True while the loop sleeps on a dequeued message that is not yet due. */
  sleeping: boolean;
  /** True while the loop runs (a delivery may send to the same receiver). */
  pumping: boolean;
  /** False while nobody takes messages off the queue (a client between RPCs). */
  listening: boolean;
  closed: boolean;
}

/** A message that names an unregistered participant (Maelstrom asserts on it). */
export class InvalidDestError extends Error {
  override name = "InvalidDestError";
}

/** Maelstrom tells clients from servers by name: a client id starts with "c" (c0, c1, …). */
export const isClient = (id: string) => id.startsWith("c");

/**
 * How long Maelstrom's receiver sleeps on a message due `dueInNs` from now: `(long dt)` whole
 * milliseconds, truncated. Its thread always dequeues a moment after the send (it must wake
 * first), so a deadline exactly L ms away counts as just under: an idle receiver sleeps L − 1.
 * Virtual time has no such moment, so this takes the whole-ms case as Maelstrom meets it.
 */
export function sleepBeforeDelivery(dueInNs: number): number {
  return dueInNs <= 0 ? 0 : (Math.ceil(dueInNs / NS_PER_MS) - 1) * NS_PER_MS;
}

export class Network {
  private readonly scheduler: Scheduler;
  private readonly latencyMs: () => number;
  private readonly participants = new Map<string, Participant>();
  private partitions: Grudge = new Map();
  private nextMessageId = 0;
  private nextEventId = 0;
  private nextClientId = 0;
  private seq = 0;
  private closed = false;
  private readonly onEvent: OnEvent;
  private readonly links: LinkFaults | undefined;
  /** Paused receivers: their messages wait in the queue. */
  private readonly held = new Set<string>();
  /** Crashed receivers: their messages are lost. */
  private readonly down = new Set<string>();

  constructor(options: {
    scheduler: Scheduler;
    latencyMs: () => number;
    onEvent: OnEvent;
    /** Loss, duplication and slow links (the `--nemesis` faults); none by default. */
    links?: LinkFaults;
  }) {
    this.links = options.links;
    this.scheduler = options.scheduler;
    this.latencyMs = options.latencyMs;
    this.onEvent = options.onEvent;
  }

  /**
   * Registers a participant; its messages are handed to `deliver` in deadline order. A node's
   * loop always runs; a client's (`onlyWhileListening`) runs only between `listen(id, true)`
   * and `listen(id, false)`, as a Maelstrom client dequeues (and journals) only while it waits
   * for a reply (docs/MAELSTROM.md#network).
   */
  add(id: string, deliver: Deliver, options: { onlyWhileListening?: boolean } = {}): void {
    const previous = this.participants.get(id); // a restarted node: its old queue is gone
    if (previous) previous.closed = true;
    this.participants.set(id, {
      queue: new PriorityQueue(
        (a, b) => a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq),
      ),
      deliver,
      sleeping: false,
      pumping: false,
      listening: !options.onlyWhileListening,
      closed: false,
    });
  }

  /** Starts or stops a participant's receive loop (a client's RPC wait). */
  listen(id: string, listening: boolean): void {
    const participant = this.participants.get(id);
    if (!participant) return;
    participant.listening = listening;
    if (listening) this.pump(id, participant);
  }

  /** Deregisters a participant (a closed client); messages to it become invalid. */
  remove(id: string): void {
    const participant = this.participants.get(id);
    if (participant) participant.closed = true;
    this.participants.delete(id);
  }

  /** A fresh client name: c0, c1, … never reused. */
  allocateClientId(): string {
    return `c${this.nextClientId++}`;
  }

  /** Replaces the active grudge (empty heals). */
  setPartitions(grudge: Grudge): void {
    this.partitions = grudge;
  }

  /** Pauses (true) or resumes delivery to a node; held messages wait for the resume. */
  hold(id: string, held: boolean): void {
    if (!held) {
      this.held.delete(id);
      const receiver = this.participants.get(id);
      if (receiver) this.pump(id, receiver);
    } else this.held.add(id);
  }

  /** Marks a node crashed (true) or back; messages dequeued for a crashed node are lost. */
  setDown(id: string, down: boolean): void {
    if (down) this.down.add(id);
    else this.down.delete(id);
  }

  /** Teardown: later sends are dropped silently and nothing more is journaled. */
  close(): void {
    this.closed = true;
    for (const participant of this.participants.values()) participant.closed = true;
  }

  send(src: string, dest: string, body: Body): void {
    if (this.closed) return;
    if (!this.participants.has(src)) throw new InvalidDestError(`Invalid src for message: ${src}`);
    const receiver = this.participants.get(dest);
    if (!receiver) throw new InvalidDestError(`Invalid dest for message: ${dest}`);
    const message: NetMessage = { id: this.nextMessageId++, src, dest, body };
    const encoded = encodeExactJson(body);
    const sent: Sent = {
      id: message.id,
      src,
      dest,
      json: `{"id":${message.id},"src":${JSON.stringify(src)},"dest":${JSON.stringify(dest)},"body":${encoded.json}}`,
      body: encoded,
    };
    const servers = !isClient(src) && !isClient(dest);
    const fate = servers ? this.links?.fate(src, dest) : undefined;
    const latency = servers ? this.latencyMs() * (fate?.latencyFactor ?? 1) : 0;
    const now = this.scheduler.now();
    const deadline = now + latency * NS_PER_MS;
    const fault = fate?.drop ? "loss" : fate && fate.latencyFactor > 1 ? "delay" : undefined;
    this.onEvent(
      {
        id: this.nextEventId++,
        time: now,
        type: "send",
        message,
        deadline,
        ...(fault ? { fault } : {}),
      },
      sent.json,
    );
    if (fate?.drop) return; // journaled as sent, never received
    receiver.queue.push({ deadline, seq: this.seq++, sent });
    if (fate?.duplicate) {
      // The same message again, with its own latency draw: received twice.
      const again = now + this.latencyMs() * fate.latencyFactor * NS_PER_MS;
      this.onEvent(
        {
          id: this.nextEventId++,
          time: now,
          type: "send",
          message,
          deadline: again,
          fault: "duplicate",
        },
        sent.json,
      );
      receiver.queue.push({ deadline: again, seq: this.seq++, sent });
    }
    this.pump(dest, receiver);
  }

  /**
   * Runs the receiver loop until its queue is empty or it must sleep. A delivery can send a
   * message to the same receiver (in-process nodes do so synchronously); the loop already
   * running picks it up, so there is never more than one loop, nor more than one sleep.
   */
  private pump(id: string, receiver: Participant): void {
    if (receiver.pumping || receiver.sleeping) return;
    receiver.pumping = true;
    try {
      for (;;) {
        if (!receiver.listening || this.held.has(id)) return; // a paused node's queue waits
        const next = receiver.queue.pop();
        if (!next || receiver.closed) return;
        if (this.partitions.get(id)?.has(next.sent.src) || this.down.has(id)) continue;
        const now = this.scheduler.now();
        const sleep = sleepBeforeDelivery(next.deadline - now);
        if (sleep > 0) {
          receiver.sleeping = true;
          this.scheduler.at(threadWakeTime(this.scheduler, now + sleep), () => {
            receiver.sleeping = false;
            if (this.held.has(id))
              receiver.queue.push(next); // paused while it slept
            else if (!this.down.has(id)) this.receive(receiver, next.sent);
            this.pump(id, receiver);
          });
          return;
        }
        this.receive(receiver, next.sent);
      }
    } finally {
      receiver.pumping = false;
    }
  }

  private receive(receiver: Participant, sent: Sent): void {
    if (receiver.closed) return;
    const { id, src, dest, json } = sent;
    const body = decodeExactJson(sent.body.json, sent.body.exact) as Body;
    const message: NetMessage = { id, src, dest, body };
    this.onEvent(
      { id: this.nextEventId++, time: this.scheduler.now(), type: "recv", message },
      json,
    );
    receiver.deliver(message, json);
  }
}
