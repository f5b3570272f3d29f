/**
 * Baseline `all-to-all`: every `periodMs` (500 ms, or 1 s for `all-to-all-1s`), each node sends
 * its whole set to every other node, fire-and-forget. n·(n−1) messages per period whatever the
 * load, each as large as the set; a lost one is made good by the next period's.
 */
import type { Program } from "../../runtime/node.js";
import { ignoreTopology, messageOf, messagesOf, serveReads, ValueSet } from "./values.js";

export function allToAll(periodMs: number): Program {
  return (node) => {
    const values = new ValueSet();
    ignoreTopology(node);
    serveReads(node, values);
    const push = (): void => {
      if (values.size > 0) {
        const messages = values.values();
        for (const peer of node.nodeIds)
          if (peer !== node.nodeId) node.send(peer, { type: "sync", messages });
      }
      node.env.setTimer(periodMs, push);
    };
    node.onInit(() => node.env.setTimer(periodMs, push));
    node.on("broadcast", ({ body }) => {
      values.add(messageOf(body));
      return { type: "broadcast_ok" };
    });
    node.on("sync", ({ body }) => {
      for (const value of messagesOf(body)) values.add(value);
      return undefined;
    });
  };
}
