/**
 * Baseline `star-rpc`: one hub (`node_ids[0]`). A leaf sends every new value to the hub, and the
 * hub sends it on to every other leaf: one acknowledged RPC per value per destination, resent
 * every `RETRY_MS` until acknowledged. Without faults, 2 · (n−1) messages per value (a value
 * broadcast at the hub skips the first hop, and goes to all n−1 leaves).
 */
import type { Program } from "../../runtime/node.js";
import {
  ignoreTopology,
  messageOf,
  okIfAsked,
  serveReads,
  untilAcked,
  ValueSet,
} from "./values.js";

export const RETRY_MS = 500;

export const starRpc: Program = (node) => {
  const values = new ValueSet();
  ignoreTopology(node);
  serveReads(node, values);
  node.on("broadcast", ({ src, body }) => {
    const message = messageOf(body);
    if (values.add(message)) {
      const hub = node.nodeIds[0]!;
      const forward = { type: "broadcast", message };
      if (node.nodeId !== hub) {
        if (src !== hub) untilAcked(node, hub, forward, RETRY_MS);
      } else {
        for (const leaf of node.nodeIds.slice(1))
          if (leaf !== src) untilAcked(node, leaf, forward, RETRY_MS);
      }
    }
    return okIfAsked(body, "broadcast_ok");
  });
};
