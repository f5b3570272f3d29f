/**
 * The Maelstrom wire format: one JSON object per line with `src`,
 * `dest` and `body`; Maelstrom adds a top-level integer `id` on delivery, which we tolerate.
 */
import { ErrorCode, MaelstromError } from "./errors.js";

export interface Body {
  type: string;
  msg_id?: number;
  in_reply_to?: number;
  [field: string]: unknown;
}

export interface Message {
  src: string;
  dest: string;
  body: Body;
  id?: number;
}

export type ParseResult =
  | { ok: true; message: Message }
  | { ok: false; reason: string; replyTo?: { src: string; msgId: number } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses one protocol line. A line that is not a valid message yields a reason and, when the
 * sender and its `msg_id` can still be read, where a malformed-request error could be sent.
 */
export function parseMessage(line: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(raw)) return { ok: false, reason: "not a JSON object" };
  const { src, dest, body } = raw;
  const msgId = isRecord(body) && Number.isInteger(body.msg_id) ? (body.msg_id as number) : null;
  const replyTo = typeof src === "string" && msgId !== null ? { src, msgId } : undefined;
  const fail = (reason: string): ParseResult =>
    replyTo ? { ok: false, reason, replyTo } : { ok: false, reason };
  if (typeof src !== "string") return fail("missing string `src`");
  if (typeof dest !== "string") return fail("missing string `dest`");
  if (!isRecord(body)) return fail("missing object `body`");
  if (typeof body.type !== "string") return fail("body has no string `type`");
  if (body.msg_id !== undefined && !Number.isInteger(body.msg_id)) {
    return fail("body `msg_id` is not an integer");
  }
  if (body.in_reply_to !== undefined && !Number.isInteger(body.in_reply_to)) {
    return fail("body `in_reply_to` is not an integer");
  }
  const message: Message = { src, dest, body: body as Body };
  if (Number.isInteger(raw.id)) message.id = raw.id as number;
  return { ok: true, message };
}

/** Serialises a message as one line, without Maelstrom's top-level `id` (nodes must not echo it). */
export function formatMessage(message: Message): string {
  return `${JSON.stringify({ src: message.src, dest: message.dest, body: message.body })}\n`;
}

export type FieldKind = "string" | "integer" | "number" | "array" | "object" | "any";

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    case "any":
      return value !== undefined;
  }
}

/**
 * Reads a required body field, throwing malformed-request (code 12) when it is missing or of the
 * wrong kind, so the node runtime answers with the right Maelstrom error.
 */
export function requireField<T = unknown>(body: Body, name: string, kind: FieldKind = "any"): T {
  const value = body[name];
  if (!hasKind(value, kind)) {
    const found =
      value === undefined ? "missing" : `not ${kind === "integer" ? "an" : "a"} ${kind}`;
    throw new MaelstromError(
      ErrorCode.malformedRequest,
      `${body.type}: field \`${name}\` ${found}`,
    );
  }
  return value as T;
}

/** What Maelstrom's `init` tells a node: its own id and every node id, in Maelstrom's order. */
export interface InitRequest {
  nodeId: string;
  nodeIds: readonly string[];
}

/** The `init` body Maelstrom sends each node first. */
export function encodeInit(init: InitRequest): {
  type: "init";
  node_id: string;
  node_ids: string[];
} {
  return { type: "init", node_id: init.nodeId, node_ids: [...init.nodeIds] };
}

/** Reads an `init` body; throws malformed-request (code 12) naming the bad field. */
export function decodeInit(body: Body): InitRequest {
  const nodeId = requireField<string>(body, "node_id", "string");
  const nodeIds = requireField<unknown[]>(body, "node_ids", "array");
  if (!nodeIds.every((id) => typeof id === "string")) {
    throw new MaelstromError(ErrorCode.malformedRequest, "init: node_ids must be strings");
  }
  return { nodeId, nodeIds: nodeIds as string[] };
}
