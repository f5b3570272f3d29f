/**
 * The gossip message between broadcast nodes, as a typed value and as a wire
 * body. gossip.ts says what each field means; this module only builds and checks the shape.
 */
import {
  type Json,
  MalformedInput,
  parseSummary,
  type Summary,
  type SummaryWire,
  summaryToJson,
} from "../../../crdt/index.js";
import type { Body } from "../../runtime/protocol.js";

export const GOSSIP = "gossip";

/** "Your message `sentAt` reached me `waited` ms before one of my ticks; I tick every `every` ms." */
export interface TickReport {
  readonly sentAt: number;
  readonly waited: number;
  readonly every: number;
}

export interface GossipMessage {
  /** The sender's boot epoch: its clock (whole ms) at init, larger after every restart. */
  readonly epoch: number;
  /** The sender's summary after everything it has merged (its acknowledgement). */
  readonly summary: Summary;
  /** What the receiver lacks, in the replica's wire form; checked by the replica on merge. */
  readonly delta?: Json;
  /** Asks for an immediate answer (retries only). */
  readonly wantAck?: boolean;
  /** The sender's clock when it sent (to the parent only), an opaque token. */
  readonly sentAt?: number;
  /** This push was timed to arrive just before the parent's tick. */
  readonly forTick?: boolean;
  /** From the parent: when a child's `sentAt` message arrived relative to a tick. */
  readonly tick?: TickReport;
}

/**
 * The wire body of a gossip message, the summary named by `wire` (the sending replica);
 * optional fields are left out when unset or false.
 */
export function encodeGossip(message: GossipMessage, wire: SummaryWire): Body {
  const body: Body = {
    type: GOSSIP,
    epoch: message.epoch,
    summary: summaryToJson(message.summary, wire),
  };
  if (message.delta !== undefined) body.delta = message.delta;
  if (message.wantAck === true) body.want_ack = true;
  if (message.sentAt !== undefined) body.sent_at = message.sentAt;
  if (message.forTick === true) body.for_tick = true;
  if (message.tick !== undefined) {
    const { sentAt, waited, every } = message.tick;
    body.tick = { sent_at: sentAt, waited, every };
  }
  return body;
}

/**
 * Reads a gossip body (unset fields come back undefined). Throws MalformedInput naming the first
 * bad field; the node turns it into a malformed-request error. The summary's keys must name
 * logs of `wire` (the receiving replica). The delta is passed on unchecked: only the replica
 * knows its form.
 */
export function decodeGossip(body: Body, wire: SummaryWire): GossipMessage {
  if (body.type !== GOSSIP) throw new MalformedInput(`not a gossip body: type ${body.type}`);
  if (!Number.isSafeInteger(body.epoch) || (body.epoch as number) < 0) {
    throw new MalformedInput("gossip epoch must be a non-negative integer");
  }
  if (body.summary === undefined) throw new MalformedInput("gossip has no summary");
  const summary = parseSummary(body.summary, wire);
  const wantAck = optionalBoolean(body, "want_ack");
  const forTick = optionalBoolean(body, "for_tick");
  if (body.sent_at !== undefined && !Number.isFinite(body.sent_at)) {
    throw new MalformedInput("gossip sent_at must be a number");
  }
  return {
    epoch: body.epoch as number,
    summary,
    delta: body.delta as Json | undefined,
    wantAck,
    sentAt: body.sent_at as number | undefined,
    forTick,
    tick: body.tick === undefined ? undefined : decodeTickReport(body.tick),
  };
}

function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value !== undefined && typeof value !== "boolean") {
    throw new MalformedInput(`gossip ${field} must be a boolean`);
  }
  return value;
}

function decodeTickReport(raw: unknown): TickReport {
  const report = raw as { sent_at?: unknown; waited?: unknown; every?: unknown } | null;
  if (
    typeof report !== "object" ||
    report === null ||
    !Number.isFinite(report.sent_at) ||
    !Number.isFinite(report.waited) ||
    !Number.isFinite(report.every) ||
    (report.every as number) <= 0
  ) {
    throw new MalformedInput("gossip tick must be {sent_at, waited, every > 0} (numbers)");
  }
  return {
    sentAt: report.sent_at as number,
    waited: report.waited as number,
    every: report.every as number,
  };
}
