/**
 * What every baseline shares with the challenge: a set of broadcast values (JSON equality),
 * `read` answering all of them, and Maelstrom's `topology` message parsed into neighbour lists.
 */
import { canonicalJson, isJson, type Json } from "../../../crdt/index.js";
import { ErrorCode, MaelstromError, RpcTimeoutError } from "../../runtime/errors.js";
import type { MaelstromNode } from "../../runtime/node.js";
import { type Body, requireField } from "../../runtime/protocol.js";

/**
 * The set's key for a value: a finite number is its own key (two are equal in canonical JSON
 * exactly when the Map takes them for one: 0 and -0 both print 0), anything else its canonical
 * JSON. The workload broadcasts integers, and full-set designs add each thousands of times.
 */
const keyOf = (value: Json): string | number =>
  typeof value === "number" && Number.isFinite(value) ? value : canonicalJson(value);

/** A grow-only set of JSON values, in arrival order. */
export class ValueSet {
  private readonly byKey = new Map<string | number, Json>();

  /** Adds a value; false if it was already there. */
  add(value: Json): boolean {
    const key = keyOf(value);
    if (this.byKey.has(key)) return false;
    this.byKey.set(key, value);
    return true;
  }

  has(value: Json): boolean {
    return this.byKey.has(keyOf(value));
  }

  values(): Json[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** The `message` field of a broadcast-like body, checked to be JSON. */
export function messageOf(body: Body): Json {
  const message = requireField(body, "message");
  if (!isJson(message)) throw new MaelstromError(ErrorCode.malformedRequest, "message is not JSON");
  return message;
}

/** A list of values (a batch or a sync), checked to be JSON. */
export function messagesOf(body: Body): Json[] {
  const messages = requireField<unknown[]>(body, "messages", "array");
  if (!messages.every(isJson))
    throw new MaelstromError(ErrorCode.malformedRequest, "messages are not JSON");
  return messages as Json[];
}

/** Answers `read` from the set. */
export function serveReads(node: MaelstromNode, values: ValueSet): void {
  node.on("read", () => ({ type: "read_ok", messages: values.values() }));
}

/** Answers `topology`, handing this node's neighbours (as Maelstrom sent them) to `use`. */
export function acceptTopology(node: MaelstromNode, use: (neighbours: string[]) => void): void {
  node.on("topology", ({ body }) => {
    const topology = requireField<Record<string, unknown>>(body, "topology", "object");
    const mine = topology[node.nodeId] ?? [];
    if (!Array.isArray(mine) || !mine.every((id) => typeof id === "string"))
      throw new MaelstromError(ErrorCode.malformedRequest, "topology: neighbours must be node ids");
    use(mine as string[]);
    return { type: "topology_ok" };
  });
}

/** Answers `topology` and ignores it (designs that pick their own neighbours). */
export function ignoreTopology(node: MaelstromNode): void {
  node.on("topology", () => ({ type: "topology_ok" }));
}

/** A request's reply, or nothing when it came without a `msg_id` (fire-and-forget). */
export function okIfAsked(body: Body, type: string): { type: string } | undefined {
  return body.msg_id === undefined ? undefined : { type };
}

/**
 * Sends `body` as an RPC until a reply comes: a try times out after `retryMs` and is sent again;
 * an error reply is retried `retryMs` later. `then` runs once, on the first reply.
 */
export function untilAcked(
  node: MaelstromNode,
  dest: string,
  body: { type: string; [field: string]: unknown },
  retryMs: number,
  then: () => void = () => {},
): void {
  const attempt = (): void => {
    node.rpc(dest, body, { timeoutMs: retryMs }).then(then, (error: unknown) => {
      if (error instanceof RpcTimeoutError) attempt();
      else node.env.setTimer(retryMs, attempt);
    });
  };
  attempt();
}
