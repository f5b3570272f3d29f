/** Test helper: one program on the in-process adapter, with its outbox and a virtual clock. */
import { seededRandom } from "../../src/lib/random.js";
import { startInProcess } from "../../src/runtime/in-process.js";
import type { MaelstromNode, Program } from "../../src/runtime/node.js";
import { type Body, encodeInit, type Message } from "../../src/runtime/protocol.js";
import { VirtualClock } from "../../src/runtime/virtual-clock.js";

export interface TestNode {
  node: MaelstromNode;
  clock: VirtualClock;
  sent: Message[];
  logs: string[];
  /** Delivers a request from `src` and returns what the node sent in response (synchronously). */
  request(src: string, body: Body): Message[];
  init(nodeId?: string, nodeIds?: string[]): void;
}

/** `seed` and `startMs` stand for what differs between two runs of a process (restarts). */
export function testNode(program: Program = () => {}, { seed = 1, startMs = 1 } = {}): TestNode {
  const clock = new VirtualClock(startMs);
  const sent: Message[] = [];
  const logs: string[] = [];
  const node = startInProcess(program, {
    clock,
    random: seededRandom(seed),
    deliver: (message) => sent.push(message),
    log: (line) => logs.push(line),
  });
  const request = (src: string, body: Body): Message[] => {
    const before = sent.length;
    node.receive({ src, dest: node.initialised ? node.nodeId : "n0", body });
    return sent.slice(before);
  };
  return {
    node,
    clock,
    sent,
    logs,
    request,
    init(nodeId = "n0", nodeIds = ["n0", "n1", "n2"]) {
      request("c0", { ...encodeInit({ nodeId, nodeIds }), msg_id: 1 });
    },
  };
}
