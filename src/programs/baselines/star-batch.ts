/**
 * Baseline `star-batch`: one hub (`node_ids[0]`), batched. Per destination (a leaf's only one is
 * the hub; the hub's are the leaves), new values are queued, and every `FLUSH_MS` each
 * destination with queued values gets them as one acknowledged `broadcast_batch` RPC. A value
 * leaves its queue when a batch carrying it is acknowledged, so an unacknowledged batch is sent
 * again, with whatever was queued since, on the next flush.
 */
import type { Json } from "../../../crdt/index.js";
import type { Program } from "../../runtime/node.js";
import { ignoreTopology, messageOf, messagesOf, serveReads, ValueSet } from "./values.js";

export const FLUSH_MS = 500;

export const starBatch: Program = (node) => {
  const values = new ValueSet();
  /** Destination → values it has not acknowledged. */
  const queues = new Map<string, Json[]>();
  ignoreTopology(node);
  serveReads(node, values);

  const learn = (value: Json, from: string): void => {
    if (!values.add(value)) return;
    const hub = node.nodeIds[0]!;
    const destinations = node.nodeId === hub ? node.nodeIds.slice(1) : [hub];
    for (const dest of destinations) if (dest !== from) queues.get(dest)?.push(value);
  };

  const flush = (): void => {
    for (const [dest, queue] of queues) {
      if (queue.length === 0) continue;
      const batch = [...queue];
      node.rpc(dest, { type: "broadcast_batch", messages: batch }, { timeoutMs: FLUSH_MS }).then(
        () => {
          const sent = new Set(batch);
          queues.set(
            dest,
            (queues.get(dest) ?? []).filter((value) => !sent.has(value)),
          );
        },
        () => {}, // still queued: the next flush sends it again
      );
    }
    node.env.setTimer(FLUSH_MS, flush);
  };

  node.onInit(() => {
    const hub = node.nodeIds[0]!;
    for (const dest of node.nodeId === hub ? node.nodeIds.slice(1) : [hub]) queues.set(dest, []);
    node.env.setTimer(FLUSH_MS, flush);
  });
  node.on("broadcast", ({ src, body }) => {
    learn(messageOf(body), src);
    return { type: "broadcast_ok" };
  });
  node.on("broadcast_batch", ({ src, body }) => {
    for (const value of messagesOf(body)) learn(value, src);
    return { type: "broadcast_batch_ok" };
  });
};
