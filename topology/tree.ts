/**
 * Spanning trees over a cluster, built from Maelstrom's `node_ids` alone so that every node
 * computes the same tree without talking to anyone.
 *
 * The tree is an F-ary heap over the `node_ids` order (the same shape as Maelstrom's `treeB`
 * topologies, docs/MAELSTROM.md#topologies): the node at index k has the children at indices F·k+1 … F·k+F that
 * exist, and the node at index k > 0 has the parent at index ⌊(k−1)/F⌋. The root is
 * `node_ids[0]`. A fan-out of n−1 or more gives a star (every other node is a child of the
 * root); a fan-out of 1 gives a line.
 *
 * Pure functions: no clock, no randomness, no dependency on which node calls them.
 */

export interface TreeNeighbours {
  /** The neighbour towards the root; undefined at the root. */
  readonly parent: string | undefined;
  /** The neighbours away from the root, in `node_ids` order. */
  readonly children: readonly string[];
}

function checkArguments(nodeIds: readonly string[], fanout: number): void {
  if (!Number.isSafeInteger(fanout) || fanout < 1) {
    throw new RangeError(`tree fan-out must be an integer ≥ 1, got ${fanout}`);
  }
  if (new Set(nodeIds).size !== nodeIds.length) {
    throw new RangeError(`node ids must be distinct, got ${JSON.stringify(nodeIds)}`);
  }
}

function neighboursAt(nodeIds: readonly string[], fanout: number, k: number): TreeNeighbours {
  const parentIndex = k === 0 ? undefined : Math.floor((k - 1) / fanout);
  const children: string[] = [];
  const first = fanout * k + 1;
  for (let c = first; c < Math.min(first + fanout, nodeIds.length); c++) children.push(nodeIds[c]!);
  return { parent: parentIndex === undefined ? undefined : nodeIds[parentIndex], children };
}

/** Parent and children of `self` in the F-ary heap tree over `nodeIds`. */
export function treeNeighbours(
  nodeIds: readonly string[],
  fanout: number,
  self: string,
): TreeNeighbours {
  checkArguments(nodeIds, fanout);
  const k = nodeIds.indexOf(self);
  if (k < 0) throw new RangeError(`${self} is not one of the node ids`);
  return neighboursAt(nodeIds, fanout, k);
}

/** The whole tree: every node's parent and children. */
export function heapTree(
  nodeIds: readonly string[],
  fanout: number,
): ReadonlyMap<string, TreeNeighbours> {
  checkArguments(nodeIds, fanout);
  return new Map(nodeIds.map((id, k) => [id, neighboursAt(nodeIds, fanout, k)]));
}

/**
 * Hops from the root to the deepest node of the F-ary heap tree over n nodes (0 for n ≤ 1):
 * the smallest d with 1 + F + … + F^d ≥ n. A leaf-to-leaf path is at most twice that.
 */
export function heapTreeDepth(n: number, fanout: number): number {
  if (!Number.isSafeInteger(fanout) || fanout < 1) {
    throw new RangeError(`tree fan-out must be an integer ≥ 1, got ${fanout}`);
  }
  let depth = 0;
  let covered = 1;
  let level = 1;
  while (covered < n) {
    level *= fanout;
    covered += level;
    depth++;
  }
  return depth;
}

/** True when the heap tree over n nodes is a star: every node is the root or its child. */
export function isStar(n: number, fanout: number): boolean {
  return heapTreeDepth(n, fanout) <= 1;
}
