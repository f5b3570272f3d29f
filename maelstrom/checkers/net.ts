/**
 * Reimplements `maelstrom.net.checker` (docs/MAELSTROM.md#checkers).
 * Maelstrom's `:net` statistics, as a streaming fold over journal events so
 * the journal need not be kept in memory. Three groups: `all`; `clients`, events whose message
 * has a src or dest starting with "c"; `servers`, the rest. Each counts sends, receives and
 * distinct message ids; `all` and `servers` also get `msgs-per-op` = msg-count / (number of
 * `:invoke` ops whose process isn't the nemesis), a Java float, omitted when there are none.
 */
import { isClient } from "../net/network.js";
import { type EdnFloat, float } from "../output/edn.js";
import type { JournalEvent, Op } from "../output/history.js";

export interface NetGroupStats {
  "send-count": number;
  "recv-count": number;
  "msg-count": number;
  "msgs-per-op"?: EdnFloat;
}

export interface NetResult {
  all: NetGroupStats;
  clients: NetGroupStats;
  servers: NetGroupStats;
  "valid?": true;
}

class GroupFold {
  sends = 0;
  recvs = 0;
  readonly ids = new Set<number>();

  add(event: JournalEvent): void {
    if (event.type === "send") this.sends++;
    else this.recvs++;
    this.ids.add(event.message.id);
  }

  stats(opCount: number | undefined): NetGroupStats {
    const stats: NetGroupStats = {
      "send-count": this.sends,
      "recv-count": this.recvs,
      "msg-count": this.ids.size,
    };
    if (opCount) stats["msgs-per-op"] = float(this.ids.size / opCount);
    return stats;
  }
}

export function involvesClient(event: JournalEvent): boolean {
  return isClient(event.message.src) || isClient(event.message.dest);
}

/** The number of client invocations: the msgs-per-op denominator. */
export function netOpCount(history: readonly Op[]): number {
  return history.filter((op) => op.type === "invoke" && op.process !== "nemesis").length;
}

export class NetStatsFold {
  readonly #all = new GroupFold();
  readonly #clients = new GroupFold();
  readonly #servers = new GroupFold();

  add(event: JournalEvent): void {
    this.#all.add(event);
    (involvesClient(event) ? this.#clients : this.#servers).add(event);
  }

  result(history: readonly Op[]): NetResult {
    const opCount = netOpCount(history);
    return {
      all: this.#all.stats(opCount),
      clients: this.#clients.stats(undefined),
      servers: this.#servers.stats(opCount),
      "valid?": true,
    };
  }
}

export function checkNet(events: Iterable<JournalEvent>, history: readonly Op[]): NetResult {
  const fold = new NetStatsFold();
  for (const event of events) fold.add(event);
  return fold.result(history);
}
