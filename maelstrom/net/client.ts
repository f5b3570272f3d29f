/**
 * Reimplements `maelstrom.client` (docs/MAELSTROM.md#clients).
 * A Maelstrom client: a network participant named c<k> with at most one outstanding request.
 * Replies to anything but the awaited msg_id are discarded. Between requests nothing is taken
 * off its queue, so late replies wait there, unjournaled, until the next request's wait.
 */
import type { Body } from "../../src/runtime/protocol.js";
import { NS_PER_MS, type Scheduler } from "../clock.js";
import type { NetMessage, Network } from "./network.js";

export class RpcTimeout extends Error {
  override name = "RpcTimeout";
}

export class Client {
  readonly id: string;
  private readonly network: Network;
  private readonly scheduler: Scheduler;
  private nextMsgId = 0;
  private awaiting: { msgId: number; resolve: (body: Body) => void } | null = null;

  constructor(network: Network, scheduler: Scheduler) {
    this.network = network;
    this.scheduler = scheduler;
    this.id = network.allocateClientId();
    network.add(this.id, (message) => this.deliver(message), { onlyWhileListening: true });
  }

  /** Sends `body` to `node` and resolves with the reply body, or rejects with RpcTimeout. */
  rpc(
    node: string,
    body: { type: string; [field: string]: unknown },
    timeoutMs: number,
  ): Promise<Body> {
    if (this.awaiting) throw new Error(`${this.id} already has a request in flight`);
    const msgId = ++this.nextMsgId;
    return new Promise<Body>((resolve, reject) => {
      const cancel = this.scheduler.at(this.scheduler.now() + timeoutMs * NS_PER_MS, () => {
        this.awaiting = null;
        this.network.listen(this.id, false);
        reject(
          new RpcTimeout(
            `Client read timeout: ${node} did not answer ${body.type} within ${timeoutMs} ms`,
          ),
        );
      });
      this.awaiting = {
        msgId,
        resolve: (reply) => {
          cancel();
          this.awaiting = null;
          this.network.listen(this.id, false);
          resolve(reply);
        },
      };
      // Send, then wait: only now does this client take (and journal) what is queued for it.
      this.network.send(this.id, node, { ...body, msg_id: msgId });
      this.network.listen(this.id, true);
    });
  }

  close(): void {
    this.network.remove(this.id);
  }

  private deliver(message: NetMessage): void {
    // A body that is not an object answers nothing; Maelstrom discards it.
    if (this.awaiting && message.body?.in_reply_to === this.awaiting.msgId) {
      this.awaiting.resolve(message.body);
    }
  }
}
