/**
 * Baseline `flood-echo`: the first version of the broadcast node in the seed article. On first
 * receipt of a value, forward the request body exactly as it came (the client's `msg_id`
 * included) to every topology neighbour, the sender too. Every receiver takes the forwarded
 * body for a request and answers it with `broadcast_ok`, which the forwarder does not expect
 * (the runtime logs and drops it): 2 · 2·edges messages per value.
 */
import type { Program } from "../../runtime/node.js";
import { acceptTopology, messageOf, serveReads, ValueSet } from "./values.js";

export const floodEcho: Program = (node) => {
  const values = new ValueSet();
  let neighbours: string[] = [];
  acceptTopology(node, (mine) => {
    neighbours = mine;
  });
  serveReads(node, values);
  node.on("broadcast", ({ body }) => {
    if (values.add(messageOf(body))) for (const peer of neighbours) node.send(peer, { ...body });
    return { type: "broadcast_ok" };
  });
};
