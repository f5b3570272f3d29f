/**
 * Baseline `flood-retry`: the seed article's partition-tolerant flood. On first receipt of a
 * value, reply at once; then send it as an RPC to every topology neighbour except the sender,
 * and every `RETRY_MS` resend to each that has not acknowledged, until all have. Without faults:
 * 2 · (2·edges − (n−1)) messages per value.
 */
import type { Program } from "../../runtime/node.js";
import {
  acceptTopology,
  messageOf,
  okIfAsked,
  serveReads,
  untilAcked,
  ValueSet,
} from "./values.js";

export const RETRY_MS = 500;

export const floodRetry: Program = (node) => {
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
        if (peer !== src) untilAcked(node, peer, { type: "broadcast", message }, RETRY_MS);
    }
    return okIfAsked(body, "broadcast_ok");
  });
};
