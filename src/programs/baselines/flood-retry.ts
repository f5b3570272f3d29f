/**
 * Baseline `flood-retry`: the seed article's partition-tolerant flood. On first receipt of a
 * value, reply at once; then send it as an RPC to every topology neighbour except the sender,
 * and every `RETRY_MS` resend to each that has not acknowledged, until all have. Without faults:
 * 2 · (2·edges − (n−1)) messages per value.
 */
import type { Program } from "../../runtime/node.js";
import { floodBy } from "./flood.js";
import { untilAcked } from "./values.js";

export const RETRY_MS = 500;

export const floodRetry: Program = floodBy((node, peer, message) =>
  untilAcked(node, peer, { type: "broadcast", message }, RETRY_MS),
);
