/**
 * Baseline `flood`: Maelstrom's tutorial broadcast node. On first receipt of a value, send it
 * fire-and-forget (no `msg_id`) to every neighbour of Maelstrom's topology except the sender.
 * n−1 messages per value on a tree, 2·edges − (n−1) on any graph; a lost message is never
 * resent, so it does not survive partitions.
 */
import type { Json } from "../../../crdt/index.js";
import type { MaelstromNode, Program } from "../../runtime/node.js";
import { acceptTopology, messageOf, okIfAsked, serveReads, ValueSet } from "./values.js";

/** A flood whose hop to each neighbour (but the sender) of a new value is `forward`. */
export function floodBy(
  forward: (node: MaelstromNode, peer: string, message: Json) => void,
): Program {
  return (node) => {
    const values = new ValueSet();
    let neighbours: string[] = [];
    acceptTopology(node, (mine) => {
      neighbours = mine;
    });
    serveReads(node, values);
    node.on("broadcast", ({ src, body }) => {
      const message = messageOf(body);
      if (values.add(message)) {
        for (const peer of neighbours) if (peer !== src) forward(node, peer, message);
      }
      return okIfAsked(body, "broadcast_ok");
    });
  };
}

export const flood: Program = floodBy((node, peer, message) =>
  node.send(peer, { type: "broadcast", message }),
);
