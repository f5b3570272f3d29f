/**
 * Gossip along the edges of a spanning tree, with acknowledgements that ride on messages sent
 * anyway: the state machine. The message is built and checked in gossip-codec.ts;
 * docs/PROTOCOL.md has the same rules with the arithmetic (worked message counts).
 *
 * ## Adoption: which logs go where
 *
 * The replica holds one log per writer. A node appends to its own log every value that first
 * reaches it in a child's log (`adopt`), as if its own client had broadcast it, and passes its
 * children's logs to no one: to a neighbour it sends every log but its children's (the parent
 * acknowledges the logs it sent down, so while it is up only our own log carries news for it),
 * and it acknowledges to a neighbour that neighbour's own log and the logs it sends it. So a
 * node holds the logs of its children, itself and its ancestors, O(fan-out + depth) of them,
 * not one per node of the cluster; a delta carries one struct per log, with every value of a
 * subtree since the last push; and summaries are as short. A value travels as its writer's
 * value to the parent, then as the parent's, and so on up; down, as the log of the ancestor
 * that adopted it last. The price: a node's parent log brings back the values of its own
 * subtree (deduplicated by the set), on messages that go anyway: a child's own values in our
 * log are no news for it (`echoed`), so they never make a push of their own.
 *
 * ## The one inter-node message
 *
 * ```json
 * {"type": "gossip", "epoch": 1764650000123, "summary": {...}, "delta": ..., "want_ack": true,
 *  "sent_at": 1234.5, "for_tick": true, "tick": {"sent_at": 1200.0, "waited": 310, "every": 1000}}
 * ```
 *
 * - `epoch` (always): the sender's boot epoch, its clock in whole ms at init, so larger after
 *   every restart (see "Restarts" below).
 * - `summary` (always): the sender's summary after everything it has merged, over the logs it
 *   acknowledges to the receiver (see "Adoption"): a version vector, `{"<yjs client id>":
 *   count}` for the yjs replica, `{"<node id>": count}` for the plain one. Because the sender
 *   holds everything it covers, the summary acknowledges every delta the receiver sent before;
 *   it is the only kind of ack there is. Whole in retries, their answers, and when the last
 *   whole one to this receiver is `retryMs / 2` old; otherwise only the entries that grew since
 *   the last summary sent to it (the receiver merges summaries per key anyway); a lost
 *   difference is made good by the next whole summary, before rule 7 could take the receiver
 *   for cut off.
 * - `delta` (when the receiver lacks something): what the receiver lacks according to the
 *   summaries it reported itself: a base64 yjs V1 update, or for the plain replica
 *   `{"<node id>": {"from": i, "values": [...]}}`.
 * - `want_ack` (retries only): asks the receiver to answer at once with a gossip message of its
 *   own, which carries its summary (and any delta the asker lacks).
 * - `sent_at` (to the parent): the sender's clock when it sent the message, an opaque token.
 * - `for_tick` (to the parent): this push was timed to arrive just before the parent's tick.
 * - `tick` (from the parent, once per child message with `sent_at`): "your message `sent_at`
 *   reached me `waited` ms before one of my ticks, and I tick every `every` ms". The child
 *   learns from it when to send so that its next push reaches the parent just before a tick,
 *   without any assumption about clocks or latency (each side only subtracts its own times).
 *
 * Messages have no `msg_id`: replies to `want_ack` are ordinary gossip messages merged by
 * state, so a late or duplicated one is harmless. A gossip body that is not valid is logged and,
 * when it has a `msg_id`, answered with a malformed-request error; it changes nothing.
 *
 * ## Per neighbour, this node keeps
 *
 * - `acked`: the per-key maximum of every summary the neighbour reported (acks can arrive out
 *   of order, so they are merged, never assigned). Deltas are computed against `acked` only: a
 *   delta against a summary the neighbour never reported could start beyond its end, and yjs
 *   would park it as pending structs that reads do not show.
 * - `sent`: `acked` merged with our summary, over the logs that go to it, as of every message
 *   to it. Optimistic (the message may be lost), so it only decides whether there is *news*
 *   for the neighbour.
 * - `told`: the summary we last gave it, and when a whole one last went out (the base of the
 *   summary differences above).
 * - `acks`: our summary over the logs we acknowledge to it, made again only when our summary
 *   changed.
 * - `echoed`: the entries of our log that are its own values, adopted from it and not sent
 *   back yet. With `acked` they make what it *holds*: what retries, rule 7 and `whenCopied`
 *   go by. Deltas still go by `acked` alone, so the echoes travel with its next push.
 * - `unacked`: the sends that carried data it did not hold and has not acknowledged yet (time and summary; at
 *   most 8, older ones merged into the oldest, which only makes data look older).
 * - a retry timer, an ack timer, and for the parent a flush timer and its tick phase.
 * That is a fixed amount per neighbour, whatever the partitions: there is no per-message
 * table, because acks are states, not message ids.
 *
 * ## When to send
 *
 * 1. News for a child: push on this node's next tick (every `tickMs`, on a fixed schedule).
 * 2. News for the parent (a broadcast here, or a delta from a child): push after at most
 *    `leafFlushMs` (0: at once), batching what else arrives meanwhile. With `align`, earlier if
 *    a slot that reaches the parent `alignMarginMs` before its next tick comes first (while the
 *    parent's phase is still unknown, at once: its answer brings the phase).
 * 3. Delayed ack: a message that carried a delta is acknowledged by the next message to its
 *    sender; if none has gone out `retryMs / 2` later, a message with just our summary does.
 * 4. Retry: when `retryMs` have passed since the last send to a neighbour and it still lacks
 *    something (by `acked`), resend what it lacks, with `want_ack`. Every send restarts the
 *    retry timer, so neighbours that hear from us regularly never see a pure retry.
 * 5. A message with `want_ack` is answered at once.
 * 6. A push marked `for_tick` that brings news but arrives in the first half of a tick period
 *    missed its tick (jitter beyond `alignMarginMs`): the parent runs an extra tick
 *    `alignMarginMs` later (taking along other late pushes; at most one per period) rather than
 *    let the values wait a whole period. Rare, and it bounds the latency.
 * 7. A neighbour that has not acknowledged data first sent `retryMs` ago or more is presumed
 *    cut off: rules 1 and 2 skip it and only rule 4 (one message per `retryMs`) reaches it,
 *    until it answers. Partitions cost few messages, and deltas to it stop growing per tick.
 * 8. A delta that leaves us short of its sender's summary was computed against what a dead
 *    incarnation of ours acknowledged (normally a delta brings us up to the sender's summary):
 *    answered at once, so the sender learns our new epoch (see "Restarts").
 * 9. Copy before ok (`copyBeforeOk`): a value a client broadcast here is sent at once, before
 *    the client's `broadcast_ok`, to the parent, or by the root to the child it heard from last
 *    (never to one presumed cut off). That neighbour's push then counts as sent.
 *
 * ## Restarts
 *
 * A node restarted with an empty state (same id, `init` again) takes a new epoch. A neighbour
 * that sees a larger epoch from a peer it heard from before learns that everything the peer
 * acknowledged is gone: it empties `acked`, `sent` and `unacked` for it, forgets its tick phase,
 * and pushes at once, so its whole set is resent once. A message with a smaller epoch than the
 * latest seen is from a dead incarnation: its delta is still merged (data is data), its summary
 * is ignored. So that a restarted node is noticed, it greets its neighbours with a message
 * carrying its summary and epoch: its children at once at init (what they pushed to its dead
 * incarnation is only at them until they learn of the restart), its parent `retryMs / 2` after
 * init if nothing has gone to it by then (in a busy cluster real pushes come first, and rule 8
 * answers the parent's first push). Copy before ok (rule 9) covers the values this node
 * acknowledged and had not passed on when it died.
 *
 * ## Why the counts come out as they do
 *
 * Every push carries the sender's summary, so a busy cluster needs no retries and almost no
 * bare acks; the message counts and latencies per profile are worked out in docs/PROTOCOL.md.
 */
import {
  dominates,
  EMPTY_SUMMARY,
  type Json,
  MalformedInput,
  mergeSummaries,
  type SetReplica,
  type Summary,
  summaryAbove,
  summaryOf,
} from "../../../crdt/index.js";
import type { Timer } from "../../runtime/env.js";
import type { MaelstromNode } from "../../runtime/node.js";
import type { Body } from "../../runtime/protocol.js";
import { decodeGossip, encodeGossip, type TickReport } from "./gossip-codec.js";

export interface GossipOptions {
  /** Neighbour towards the root, if any. */
  readonly parent: string | undefined;
  /** Neighbours away from the root. */
  readonly children: readonly string[];
  readonly leafFlushMs: number;
  readonly align: boolean;
  readonly alignMarginMs: number;
  readonly tickMs: number;
  readonly retryMs: number;
  /** Send a client's new value to a neighbour before it is acknowledged (see `add`). */
  readonly copyBeforeOk: boolean;
}

/** Unacknowledged sends remembered per neighbour; older ones are merged into the oldest. */
const MAX_UNACKED = 8;

interface Neighbour {
  readonly id: string;
  /** True for the parent: pushed to by rule 2; children are pushed to on ticks (rule 1). */
  readonly upward: boolean;
  acked: Summary;
  sent: Summary;
  /** Our summary when we last sent to it, and when it last got our whole summary. */
  told: Summary;
  toldWholeAt: number;
  /**
   * Entries of our logs that it holds as its own values, adopted by us and not sent back yet
   * (see "Adoption"): no news for it, and nothing to retry.
   */
  echoed: Summary;
  /** The last summary of ours that `sent` / `acked` was found to cover (see `covers`). */
  sentCovers: Summary | undefined;
  ackedCovers: Summary | undefined;
  /** Sends that carried data not yet acknowledged, oldest first. */
  unacked: Array<{ at: number; summary: Summary }>;
  flushTimer: Timer | undefined;
  retryTimer: Timer | undefined;
  ackTimer: Timer | undefined;
  /** Latest message from it that carried `sent_at`: its token and our arrival time. */
  arrival: { sentAt: number; at: number } | undefined;
  /** Its tick phase: sending at `anchor` (our clock) + k·`every` would reach it on a tick. */
  phase: { anchor: number; every: number } | undefined;
  /** The largest boot epoch it sent, undefined before we heard from it. */
  epoch: number | undefined;
  /** Whether anything was sent to it since our init (else the greeting goes out). */
  greeted: boolean;
  /** When its latest message arrived (our clock), or undefined. */
  heardAt: number | undefined;
  /** Our summary `of` over the logs we acknowledge to it (see "Adoption"), made when needed. */
  acks: { of: Summary; acks: Summary } | undefined;
}

export interface GossipStats {
  /** Messages sent, and how many of them were retries (rule 4) and bare acks (rule 3). */
  sent: number;
  retries: number;
  acks: number;
  /** Extra ticks run for pushes that missed their tick (rule 6). */
  extraTicks: number;
  received: number;
  /** Greetings sent (nothing else went to that neighbour first), restarts of neighbours seen. */
  greetings: number;
  restartsSeen: number;
}

export class Gossip {
  private readonly node: MaelstromNode;
  private readonly replica: SetReplica;
  private readonly options: GossipOptions;
  private readonly neighbours = new Map<string, Neighbour>();
  /** Ids of the neighbours that are not the parent. */
  private readonly children = new Set<string>();
  /** Our summary `of` over the logs that go to neighbours (see "Adoption"), made when needed. */
  private sendsCache: { of: Summary; sends: Summary } | undefined;
  private tickTimer: Timer | undefined;
  private nextTickAt = 0;
  /** Scheduled time of the last regular tick. */
  private lastTickAt = Number.NEGATIVE_INFINITY;
  /** The regular tick after which an extra tick was run (at most one per period). */
  private extraTickAfter = Number.NEGATIVE_INFINITY;
  /** Callers of `whenCopied`, each with our summary at the time, oldest first. */
  private waiting: Array<{ want: Summary; resolve: () => void }> = [];
  /** Our boot epoch (see "Restarts"). */
  readonly epoch: number;
  readonly stats: GossipStats = {
    sent: 0,
    retries: 0,
    acks: 0,
    extraTicks: 0,
    received: 0,
    greetings: 0,
    restartsSeen: 0,
  };

  /** `epoch`: this incarnation's boot epoch, larger than any earlier one of this node. */
  constructor(node: MaelstromNode, replica: SetReplica, options: GossipOptions, epoch: number) {
    this.node = node;
    this.replica = replica;
    this.options = options;
    this.epoch = epoch;
    if (options.parent !== undefined) this.addNeighbour(options.parent, true);
    for (const child of options.children) this.addNeighbour(child, false);
    // Children first, at once: what they pushed to our dead incarnation is only at them until
    // they learn of the restart. The parent needs no hurry: its next push is answered (rule 8).
    this.node.env.setTimer(0, () => this.greet((peer) => !peer.upward));
    this.node.env.setTimer(options.retryMs / 2, () => this.greet(() => true));
  }

  /**
   * Adds a value a client broadcast to this node; false if it was already known. With rule 9,
   * `copyBeforeOk`, the value also goes to one neighbour at once, before the caller replies
   * `broadcast_ok` and before any read can show it: a message sent is delivered even if its
   * sender dies, so a crash of this node right after the reply no longer loses the value.
   */
  add(value: Json): boolean {
    if (!this.replica.add(value)) return false;
    if (this.options.copyBeforeOk) {
      const holder = this.copyHolder();
      if (holder !== undefined) this.send(holder, { wantAck: false });
    }
    this.changed();
    return true;
  }

  /**
   * Where `copyBeforeOk` sends: the parent, where the value goes anyway; for the root, the child
   * heard from last (a crashed node sends nothing). Never a neighbour presumed cut off (rule 7).
   */
  private copyHolder(): Neighbour | undefined {
    let best: Neighbour | undefined;
    for (const peer of this.neighbours.values()) {
      if (this.cutOff(peer)) continue;
      if (peer.upward) return peer;
      if (best === undefined || (peer.heardAt ?? -1) > (best.heardAt ?? -1)) best = peer;
    }
    return best;
  }

  /**
   * Resolves once some neighbour has acknowledged everything this node holds now (at once for a
   * node without neighbours): from then on, a crash of this node alone loses none of it.
   */
  whenCopied(): Promise<void> {
    const want = summaryOf(this.replica.summary(), (log) => this.isOwn(log));
    if (this.neighbours.size === 0 || this.someNeighbourHolds(want)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ want, resolve }));
  }

  private someNeighbourHolds(want: Summary): boolean {
    for (const peer of this.neighbours.values()) if (dominates(this.held(peer), want)) return true;
    return false;
  }

  /** Handles a gossip body from `src`. Throws MalformedInput, changing nothing, if it is invalid. */
  receive(src: string, body: Body): void {
    if (src === this.node.nodeId || !this.node.nodeIds.includes(src)) {
      throw new MalformedInput(`gossip from ${src}, which is not another node of this cluster`);
    }
    const message = decodeGossip(body, this.replica);
    const sizeBefore = this.replica.size;
    const added = message.delta === undefined ? 0 : this.replica.merge(message.delta);

    this.stats.received++;
    const now = this.node.env.now();
    // A node outside our view of the tree talks to us (its settings differ): keep it as a child.
    const peer = this.neighbours.get(src) ?? this.addNeighbour(src, false);
    if (!peer.upward && this.replica.size > sizeBefore) {
      const hadNews = !this.covers(peer, "sent");
      this.replica.adopt(this.replica.values().slice(sizeBefore)); // see "Adoption"
      // Its own values, now in our log, are all that is new for it: they go with the next push.
      if (!hadNews) {
        peer.echoed = peer.sent = mergeSummaries(peer.sent, this.sends());
        this.settle(peer);
      }
    }
    if (peer.epoch !== undefined && message.epoch < peer.epoch) {
      if (added > 0) this.changed(); // a dead incarnation's message: keep only its data
      return;
    }
    peer.heardAt = now;
    const restarted = peer.epoch !== undefined && message.epoch > peer.epoch;
    peer.epoch = message.epoch;
    if (restarted) this.forget(peer);
    const acked = mergeSummaries(peer.acked, message.summary);
    // An ack that adds nothing (`mergeSummaries` hands back the same object) settles nothing
    // either.
    if (acked !== peer.acked) {
      peer.acked = acked;
      peer.sent = mergeSummaries(peer.sent, acked);
      this.settle(peer);
    }
    if (message.sentAt !== undefined) peer.arrival = { sentAt: message.sentAt, at: now };
    if (message.tick) {
      peer.phase = { anchor: message.tick.sentAt + message.tick.waited, every: message.tick.every };
    }
    // New data may be news for the parent; an ack from a parent presumed cut off may revive it.
    if (added > 0 || peer.upward) this.changed();
    if (message.forTick === true && added > 0 && !peer.upward) this.missedTick(now);
    // Rule 8: a delta leaves us short of its sender's summary only if it was computed against a
    // summary of a dead incarnation of ours (we restarted); our answer brings our new epoch.
    // (A difference summary still names every key the delta grew, so the check holds for it.)
    const stale =
      message.delta !== undefined && !dominates(this.replica.summary(), message.summary);
    if (message.wantAck === true || stale || (restarted && this.lacks(peer))) {
      // Rules 5 and 8, or resend all to a restarted neighbour; the whole summary heals lost
      // differences.
      this.send(peer, { wantAck: false, whole: true });
    } else if (message.delta !== undefined && peer.ackTimer === undefined) {
      peer.ackTimer = this.node.env.setTimer(this.options.retryMs / 2, () => {
        peer.ackTimer = undefined; // rule 3: nothing went to it meanwhile
        this.stats.acks++;
        this.send(peer, { wantAck: false });
      });
    }
  }

  /** What the neighbour holds: what it acknowledged, and its own values in our logs. */
  private held(peer: Neighbour): Summary {
    return mergeSummaries(peer.acked, peer.echoed);
  }

  /** The neighbour holds more: drop the sends it now covers, resolve `whenCopied` callers. */
  private settle(peer: Neighbour): void {
    const held = this.held(peer);
    while (peer.unacked[0] && dominates(held, peer.unacked[0].summary)) peer.unacked.shift();
    if (this.waiting.length > 0) {
      const still = this.waiting.filter(({ want }) => !dominates(held, want));
      for (const entry of this.waiting) if (!still.includes(entry)) entry.resolve();
      this.waiting = still;
    }
  }

  private addNeighbour(id: string, upward: boolean): Neighbour {
    const peer: Neighbour = {
      id,
      upward,
      acked: EMPTY_SUMMARY,
      sent: EMPTY_SUMMARY,
      told: EMPTY_SUMMARY,
      toldWholeAt: Number.NEGATIVE_INFINITY,
      echoed: EMPTY_SUMMARY,
      sentCovers: undefined,
      ackedCovers: undefined,
      unacked: [],
      flushTimer: undefined,
      retryTimer: undefined,
      ackTimer: undefined,
      arrival: undefined,
      phase: undefined,
      epoch: undefined,
      greeted: false,
      heardAt: undefined,
      acks: undefined,
    };
    this.neighbours.set(id, peer);
    if (!upward) this.children.add(id);
    if (!upward && this.tickTimer === undefined) {
      this.nextTickAt = this.node.env.now() + this.options.tickMs;
      this.scheduleTick();
    }
    return peer;
  }

  /** A neighbour restarted empty: nothing it acknowledged before is there any more. */
  private forget(peer: Neighbour): void {
    this.stats.restartsSeen++;
    peer.acked = EMPTY_SUMMARY;
    peer.sent = EMPTY_SUMMARY;
    peer.told = EMPTY_SUMMARY;
    peer.toldWholeAt = Number.NEGATIVE_INFINITY;
    peer.echoed = EMPTY_SUMMARY;
    peer.sentCovers = undefined;
    peer.ackedCovers = undefined;
    peer.unacked = [];
    peer.arrival = undefined;
    peer.phase = undefined;
  }

  /** Sends our epoch to each neighbour that nothing went to since init (see "Restarts"). */
  private greet(which: (peer: Neighbour) => boolean): void {
    for (const peer of this.neighbours.values()) {
      if (peer.greeted || !which(peer)) continue;
      this.stats.greetings++;
      this.send(peer, { wantAck: false });
    }
  }

  /** Our set grew: schedule the push to the parent (rule 2); children wait for the tick. */
  private changed(): void {
    for (const peer of this.neighbours.values()) {
      if (!peer.upward || peer.flushTimer !== undefined || !this.shouldPush(peer)) continue;
      const { delay, forTick } = this.flushPlan(peer);
      peer.flushTimer = this.node.env.setTimer(delay, () => {
        peer.flushTimer = undefined;
        if (this.shouldPush(peer)) this.send(peer, { wantAck: false, forTick });
      });
    }
  }

  /**
   * Rule 6: a push aimed at a tick arrived after it; push to the children soon, not a period
   * later. Late pushes come in clusters (the same stall delays them all), so the extra tick
   * waits one margin to take them all along, and runs at most once per period.
   */
  private missedTick(now: number): void {
    if (this.extraTickAfter === this.lastTickAt) return;
    if (now - this.lastTickAt >= this.options.tickMs / 2) return;
    this.extraTickAfter = this.lastTickAt;
    this.stats.extraTicks++;
    this.node.env.setTimer(this.options.alignMarginMs, () => {
      for (const peer of this.neighbours.values()) {
        if (!peer.upward && this.shouldPush(peer)) this.send(peer, { wantAck: false });
      }
    });
  }

  /** Rule 2: when to push news to the parent, and whether the push is aimed at its tick. */
  private flushPlan(peer: Neighbour): { delay: number; forTick: boolean } {
    const limit = this.options.leafFlushMs;
    if (limit === 0) return { delay: 0, forTick: false };
    if (!this.options.align) return { delay: limit, forTick: false };
    if (peer.phase === undefined) return { delay: 0, forTick: false };
    const { anchor, every } = peer.phase;
    const target = anchor - this.options.alignMarginMs;
    const now = this.node.env.now();
    const slot = target + Math.ceil((now - target) / every) * every;
    const delay = Math.max(0, slot - now);
    return delay <= limit ? { delay, forTick: true } : { delay: limit, forTick: false };
  }

  /** Ticks on a fixed schedule (no drift when timers fire late), skipping missed ones. */
  private scheduleTick(): void {
    const delay = Math.max(0, this.nextTickAt - this.node.env.now());
    this.tickTimer = this.node.env.setTimer(delay, () => {
      this.lastTickAt = this.nextTickAt;
      for (const peer of this.neighbours.values()) {
        if (!peer.upward && this.shouldPush(peer)) this.send(peer, { wantAck: false });
      }
      const now = this.node.env.now();
      do this.nextTickAt += this.options.tickMs;
      while (this.nextTickAt <= now);
      this.scheduleTick();
    });
  }

  /** Rules 1, 2 and 7: it was never sent something we hold, and it is not presumed cut off. */
  private shouldPush(peer: Neighbour): boolean {
    return !this.covers(peer, "sent") && !this.cutOff(peer);
  }

  /** Rule 7: it has not acknowledged data first sent `retryMs` ago or more. */
  private cutOff(peer: Neighbour): boolean {
    const oldest = peer.unacked[0];
    return oldest !== undefined && this.node.env.now() - oldest.at >= this.options.retryMs;
  }

  /** Something the neighbour has not acknowledged. */
  private lacks(peer: Neighbour): boolean {
    return !this.covers(peer, "acked");
  }

  /**
   * Whether the neighbour's `sent` (or `acked`) covers our summary. Both only grow and the
   * replica's summary object changes only when the set does, so a yes is remembered per summary
   * object: ticks of a quiet node cost O(1) per neighbour instead of O(summary keys).
   */
  private covers(peer: Neighbour, which: "sent" | "acked"): boolean {
    const summary = this.replica.summary();
    const memo = which === "sent" ? "sentCovers" : "ackedCovers";
    if (peer[memo] === summary) return true;
    const held = which === "sent" ? peer.sent : this.held(peer);
    if (!dominates(held, this.sends())) return false;
    peer[memo] = summary;
    return true;
  }

  /** A log this node writes (its own, where it also adopts what its children wrote). */
  private isOwn(log: number): boolean {
    return this.replica.originOf(log) === this.node.nodeId;
  }

  /**
   * Which logs go to a neighbour (see "Adoption"): all but our children's, whose values travel
   * adopted into our own log. To the parent that is our log alone while it is up: it acknowledges
   * the rest, which came from it; after its restart, everything we hold.
   */
  private readonly sendsLog = (log: number): boolean =>
    !this.children.has(this.replica.originOf(log));

  /** Which logs we acknowledge to a neighbour: its own and those we send it. */
  private acksLog(peer: Neighbour, log: number): boolean {
    const origin = this.replica.originOf(log);
    return origin === peer.id || !this.children.has(origin);
  }

  /** Our summary over the logs that go to neighbours (the same for every neighbour). */
  private sends(): Summary {
    const summary = this.replica.summary();
    if (this.sendsCache?.of !== summary) {
      this.sendsCache = { of: summary, sends: summaryOf(summary, this.sendsLog) };
    }
    return this.sendsCache.sends;
  }

  /** Our summary over the logs we acknowledge to a neighbour. */
  private acks(peer: Neighbour): Summary {
    const summary = this.replica.summary();
    if (peer.acks?.of !== summary) {
      peer.acks = { of: summary, acks: summaryOf(summary, (log) => this.acksLog(peer, log)) };
    }
    return peer.acks.acks;
  }

  private send(
    peer: Neighbour,
    how: { wantAck: boolean; forTick?: boolean; whole?: boolean },
  ): void {
    const now = this.node.env.now();
    const sends = this.sends();
    const acks = this.acks(peer);
    const whole =
      how.wantAck || how.whole === true || now - peer.toldWholeAt >= this.options.retryMs / 2;
    if (whole) peer.toldWholeAt = now;
    const told = whole ? acks : summaryAbove(acks, peer.told);
    peer.told = acks;
    const delta = this.replica.deltaFor(peer.acked, this.sendsLog);
    let tick: TickReport | undefined;
    if (!peer.upward && peer.arrival !== undefined && this.tickTimer !== undefined) {
      // Relative to the first regular tick at or after the arrival (any tick would do).
      const { tickMs } = this.options;
      const at =
        this.nextTickAt - Math.floor((this.nextTickAt - peer.arrival.at) / tickMs) * tickMs;
      tick = { sentAt: peer.arrival.sentAt, waited: at - peer.arrival.at, every: tickMs };
      peer.arrival = undefined;
    }
    const body = encodeGossip(
      {
        epoch: this.epoch,
        summary: told,
        delta,
        wantAck: how.wantAck,
        sentAt: peer.upward ? now : undefined,
        forTick: how.forTick,
        tick,
      },
      this.replica,
    );
    this.node.send(peer.id, body);
    this.stats.sent++;
    peer.greeted = true;
    peer.sent = mergeSummaries(peer.sent, sends);
    const lacking = this.lacks(peer);
    // A delta of echoes only (its own values, see `echoed`) carries nothing it lacks.
    if (delta !== undefined && lacking) {
      peer.unacked.push({ at: now, summary: sends });
      if (peer.unacked.length > MAX_UNACKED) {
        // Keep the oldest time with the newer summary: its data looks older, never younger.
        peer.unacked[0] = { at: peer.unacked[0]!.at, summary: peer.unacked[1]!.summary };
        peer.unacked.splice(1, 1);
      }
    }
    peer.ackTimer?.cancel(); // this message carries our summary: the ack
    peer.ackTimer = undefined;
    peer.retryTimer?.cancel();
    peer.retryTimer = lacking
      ? this.node.env.setTimer(this.options.retryMs, () => this.retry(peer))
      : undefined;
  }

  /** Rule 4: nothing was sent to this neighbour for a retry interval, and it still lacks data. */
  private retry(peer: Neighbour): void {
    peer.retryTimer = undefined;
    if (!this.lacks(peer)) return;
    this.stats.retries++;
    this.send(peer, { wantAck: true });
  }
}
