/**
 * Baseline `flood`: Maelstrom's tutorial broadcast node. On first receipt of a value, send it
 * fire-and-forget (no `msg_id`) to every neighbour of Maelstrom's topology except the sender.
 * n−1 messages per value on a tree, 2·edges − (n−1) on any graph; a lost message is never
 * resent, so it does not survive partitions.
 */
import type { Program } from "../../runtime/node.js";
import { acceptTopology, messageOf, okIfAsked, serveReads, ValueSet } from "./values.js";

export const flood: Program = (node) => {
  const values = new ValueSet();
  let neighbours: string[] = [];
  acceptTopology(node, (mine) => {
    neighbours = mine;
  });
  serveReads(node, values);
  node.on("broadcast", ({ src, body }) => {
    const message = messageOf(body);
    if (values.add(message)) {
      for (const peer of neighbours)
        if (peer !== src) node.send(peer, { type: "broadcast", message });
    }
    return okIfAsked(body, "broadcast_ok");
  });
};
