/**
 * A sans-IO Maelstrom node: it turns delivered messages into handler calls and replies, matches
 * RPC replies to their requests, and answers bad input with Maelstrom error codes. All effects
 * go through the injected Env.
 */
import type { Env, Timer } from "./env.js";
import { ErrorCode, MaelstromError, RpcTimeoutError } from "./errors.js";
import { type Body, decodeInit, type Message, parseMessage } from "./protocol.js";

export interface Request {
  src: string;
  body: Body;
}

/** A reply body without `in_reply_to` (the runtime fills it in), or nothing for no reply. */
export type ReplyBody = { type: string; [field: string]: unknown };
export type Handler = (request: Request) => ReplyBody | undefined | Promise<ReplyBody | undefined>;

interface PendingRpc {
  resolve(body: Body): void;
  reject(error: Error): void;
  timer: Timer;
}

export interface RpcOptions {
  timeoutMs: number;
}

export class MaelstromNode {
  readonly env: Env;
  private id: string | null = null;
  private ids: readonly string[] = [];
  private nextMsgId = 1;
  private readonly handlers = new Map<string, Handler>();
  private readonly pending = new Map<number, PendingRpc>();
  private readonly initListeners: Array<() => void> = [];

  constructor(env: Env) {
    this.env = env;
    this.handlers.set("init", (request) => this.init(request.body));
  }

  /** This node's id; throws before init. */
  get nodeId(): string {
    if (this.id === null) throw new Error("node is not initialised yet");
    return this.id;
  }

  /** Every node id in the cluster, in Maelstrom's order (empty before init). */
  get nodeIds(): readonly string[] {
    return this.ids;
  }

  get initialised(): boolean {
    return this.id !== null;
  }

  /** Registers the handler for requests of one body type. */
  on(type: string, handler: Handler): this {
    if (type === "init") throw new Error("init is handled by the runtime; use onInit");
    this.handlers.set(type, handler);
    return this;
  }

  /** Runs after init has stored the ids, before `init_ok` is sent. */
  onInit(listener: () => void): this {
    this.initListeners.push(listener);
    return this;
  }

  /** Handles one raw stdin line: malformed lines are logged, answered where possible, skipped. */
  receiveLine(line: string): void {
    if (line.trim() === "") return;
    const parsed = parseMessage(line);
    if (parsed.ok) {
      this.receive(parsed.message);
      return;
    }
    this.env.log(`dropped malformed line (${parsed.reason}): ${line.slice(0, 200)}`);
    if (parsed.replyTo && this.id !== null) {
      const error = new MaelstromError(ErrorCode.malformedRequest, parsed.reason);
      this.send(parsed.replyTo.src, error.toBody(parsed.replyTo.msgId));
    }
  }

  /** Handles one delivered message. */
  receive(message: Message): void {
    const { body } = message;
    if (body.in_reply_to !== undefined) {
      this.settleRpc(message);
      return;
    }
    void this.dispatch(message);
  }

  /** Sends a message without expecting a reply. */
  send(dest: string, body: Body): void {
    this.env.send({ src: this.nodeId, dest, body });
  }

  /** Sends a request and resolves with the reply body; error replies reject with MaelstromError. */
  rpc(dest: string, body: ReplyBody, options: RpcOptions): Promise<Body> {
    const msgId = this.nextMsgId++;
    return new Promise<Body>((resolve, reject) => {
      const timer = this.env.setTimer(options.timeoutMs, () => {
        this.pending.delete(msgId);
        reject(new RpcTimeoutError(dest, body.type, options.timeoutMs));
      });
      this.pending.set(msgId, { resolve, reject, timer });
      this.send(dest, { ...body, msg_id: msgId } as Body);
    });
  }

  private settleRpc(message: Message): void {
    const inReplyTo = message.body.in_reply_to as number;
    const pending = this.pending.get(inReplyTo);
    if (!pending) {
      this.env.log(
        `dropped late or unknown reply from ${message.src}: ${JSON.stringify(message.body)}`,
      );
      return;
    }
    this.pending.delete(inReplyTo);
    pending.timer.cancel();
    const { body } = message;
    if (body.type === "error") {
      const code = Number.isInteger(body.code) ? (body.code as number) : ErrorCode.crash;
      pending.reject(
        new MaelstromError(code, typeof body.text === "string" ? body.text : undefined),
      );
    } else {
      pending.resolve(body);
    }
  }

  /** Runs the handler; synchronous handlers reply at once, so replies keep their request order. */
  private dispatch(message: Message): void {
    const { src, body } = message;
    // Before init we have no id of our own; answer as whoever the request was addressed to.
    const answer = (reply: Body) =>
      this.env.send({ src: this.id ?? message.dest, dest: src, body: reply });
    const fail = (error: unknown) => {
      const failure = MaelstromError.is(error)
        ? error
        : new MaelstromError(ErrorCode.crash, `${body.type} handler failed: ${String(error)}`);
      // Every failure is logged, and answered where the request can be answered.
      this.env.log(
        `error handling ${JSON.stringify(body).slice(0, 300)} from ${src}: ${String(error)}`,
      );
      if (body.msg_id !== undefined) answer(failure.toBody(body.msg_id));
    };
    const succeed = (reply: ReplyBody | undefined) => {
      if (reply === undefined) return;
      if (body.msg_id === undefined) {
        this.env.log(`not replying ${reply.type} to ${src}: its ${body.type} had no msg_id`);
        return;
      }
      answer({ ...reply, in_reply_to: body.msg_id });
    };
    let result: ReturnType<Handler>;
    try {
      result = this.handle(src, body);
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Promise) result.then(succeed, fail);
    else succeed(result);
  }

  private handle(src: string, body: Body): ReturnType<Handler> {
    const handler = this.handlers.get(body.type);
    if (!handler) {
      throw new MaelstromError(ErrorCode.notSupported, `unsupported message type ${body.type}`);
    }
    if (this.id === null && body.type !== "init") {
      throw new MaelstromError(ErrorCode.temporarilyUnavailable, "node is not initialised yet");
    }
    return handler({ src, body });
  }

  private init(body: Body): ReplyBody {
    const { nodeId, nodeIds } = decodeInit(body);
    if (this.id !== null) {
      if (this.id === nodeId) return { type: "init_ok" };
      throw new MaelstromError(ErrorCode.preconditionFailed, `already initialised as ${this.id}`);
    }
    this.id = nodeId;
    this.ids = nodeIds;
    for (const listener of this.initListeners) listener();
    return { type: "init_ok" };
  }
}

/** A program installs its handlers on a fresh node; the same function runs over any adapter. */
export type Program = (node: MaelstromNode) => void;
