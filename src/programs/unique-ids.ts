/**
 * Challenge 2: globally unique ids with no coordination, so `generate` stays available under
 * any partition. An id is `<node>-<boot>-<counter>` (always a string): the node id separates
 * nodes, the boot token (start time plus random bits) separates restarts of one node, and the
 * counter separates ids within one run.
 */
import type { Program } from "../runtime/node.js";

export const uniqueIds: Program = (node) => {
  let boot = "";
  let counter = 0;
  node.onInit(() => {
    const randomBits = Math.floor(node.env.random() * 2 ** 32).toString(36);
    boot = `${Math.floor(node.env.now()).toString(36)}${randomBits}`;
  });
  node.on("generate", () => ({
    type: "generate_ok",
    id: `${node.nodeId}-${boot}-${(counter++).toString(36)}`,
  }));
};
