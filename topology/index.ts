/**
 * `treecast/topology`: spanning trees over a cluster computed from Maelstrom's `node_ids` alone,
 * so every node derives the same tree without talking to anyone.
 *
 * @packageDocumentation
 */
export type { TreeNeighbours } from "./tree.js";
export { heapTree, heapTreeDepth, isStar, treeNeighbours } from "./tree.js";
