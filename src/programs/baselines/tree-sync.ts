/**
 * Baseline `tree-sync`: the seed article's efficient design. A BFS spanning tree of fan-out
 * `FANOUT` over `node_ids` (topology/tree.ts). Every `PERIOD_MS`, whether or not anything is new,
 * each node sends each tree neighbour, fire-and-forget, every value it holds that it has not
 * received from that neighbour. No acks: the next period resends whatever was lost.
 */
import type { Json } from "../../../crdt/index.js";
import { treeNeighbours } from "../../../topology/tree.js";
import type { Program } from "../../runtime/node.js";
import { ignoreTopology, messageOf, messagesOf, serveReads, ValueSet } from "./values.js";

export const FANOUT = 5;
export const PERIOD_MS = 250;

export const treeSync: Program = (node) => {
  const values = new ValueSet();
  /** Tree neighbour → the values it sent us. */
  const receivedFrom = new Map<string, ValueSet>();
  ignoreTopology(node);
  serveReads(node, values);

  const sync = (): void => {
    for (const [peer, theirs] of receivedFrom) {
      const messages: Json[] = values.values().filter((value) => !theirs.has(value));
      if (messages.length > 0) node.send(peer, { type: "sync", messages });
    }
    node.env.setTimer(PERIOD_MS, sync);
  };
  node.onInit(() => {
    const { parent, children } = treeNeighbours(node.nodeIds, FANOUT, node.nodeId);
    for (const peer of [...(parent === undefined ? [] : [parent]), ...children])
      receivedFrom.set(peer, new ValueSet());
    node.env.setTimer(PERIOD_MS, sync);
  });
  node.on("broadcast", ({ body }) => {
    values.add(messageOf(body));
    return { type: "broadcast_ok" };
  });
  node.on("sync", ({ src, body }) => {
    const theirs = receivedFrom.get(src);
    for (const value of messagesOf(body)) {
      values.add(value);
      theirs?.add(value);
    }
    return undefined;
  });
};
