import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { heapTree, heapTreeDepth, isStar, treeNeighbours } from "../../topology/tree.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
const sizeAndFanout = fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 40 }));

/** Hops from the root to every node, found by walking the children lists. */
function depths(tree: ReturnType<typeof heapTree>, root: string): Map<string, number> {
  const seen = new Map([[root, 0]]);
  const queue = [root];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const child of tree.get(node)!.children) {
      expect(seen.has(child)).toBe(false); // no node is reached twice: no cycles
      seen.set(child, seen.get(node)! + 1);
      queue.push(child);
    }
  }
  return seen;
}

describe("heap tree", () => {
  test.prop([sizeAndFanout])("spans every node with n−1 edges", ([n, fanout]) => {
    const nodeIds = ids(n);
    const tree = heapTree(nodeIds, fanout);
    const edges = [...tree.values()].reduce((sum, t) => sum + t.children.length, 0);
    expect(edges).toBe(n - 1);
    expect(depths(tree, nodeIds[0]!).size).toBe(n);
    // Parent and child links agree.
    for (const [id, { parent, children }] of tree) {
      if (parent === undefined) expect(id).toBe(nodeIds[0]);
      else expect(tree.get(parent)!.children).toContain(id);
      for (const child of children) expect(tree.get(child)!.parent).toBe(id);
    }
  });

  test.prop([sizeAndFanout])("is as shallow as an F-ary heap can be", ([n, fanout]) => {
    const nodeIds = ids(n);
    const deepest = Math.max(...depths(heapTree(nodeIds, fanout), nodeIds[0]!).values());
    expect(deepest).toBe(heapTreeDepth(n, fanout));
    if (fanout >= 2 && n >= 2) {
      expect(deepest).toBeLessThanOrEqual(Math.ceil(Math.log(n) / Math.log(fanout)));
    }
    // No node has more than F children.
    for (const t of heapTree(nodeIds, fanout).values()) {
      expect(t.children.length).toBeLessThanOrEqual(fanout);
    }
  });

  test.prop([sizeAndFanout, fc.integer({ min: 0, max: 1000 })])(
    "is the same whichever node computes it",
    ([n, fanout], pick) => {
      const nodeIds = ids(n).map((id) => `${id}-x`);
      const whole = heapTree(nodeIds, fanout);
      const self = nodeIds[pick % n]!;
      // Every node computes its own view from its own copy of node_ids.
      expect(treeNeighbours([...nodeIds], fanout, self)).toEqual(whole.get(self));
      expect(heapTree([...nodeIds], fanout)).toEqual(whole);
    },
  );

  test.prop([fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 10 })])(
    "is a star when the fan-out is at least n−1",
    (n, extra) => {
      const nodeIds = ids(n);
      const fanout = Math.max(1, n - 1 + extra);
      const tree = heapTree(nodeIds, fanout);
      expect(isStar(n, fanout)).toBe(true);
      expect(tree.get("n0")).toEqual({ parent: undefined, children: nodeIds.slice(1) });
      for (const id of nodeIds.slice(1))
        expect(tree.get(id)).toEqual({ parent: "n0", children: [] });
    },
  );

  it("matches Maelstrom's tree4 on 25 nodes", () => {
    const nodeIds = ids(25);
    expect(treeNeighbours(nodeIds, 4, "n0")).toEqual({
      parent: undefined,
      children: ["n1", "n2", "n3", "n4"],
    });
    expect(treeNeighbours(nodeIds, 4, "n5")).toEqual({
      parent: "n1",
      children: ["n21", "n22", "n23", "n24"],
    });
    expect(treeNeighbours(nodeIds, 4, "n6")).toEqual({ parent: "n1", children: [] });
    expect(heapTreeDepth(25, 4)).toBe(3);
    expect(isStar(25, 4)).toBe(false);
    expect(isStar(25, 24)).toBe(true);
  });

  it("handles one node and a line", () => {
    expect(treeNeighbours(["n0"], 24, "n0")).toEqual({ parent: undefined, children: [] });
    expect(heapTreeDepth(1, 3)).toBe(0);
    expect(heapTreeDepth(0, 3)).toBe(0);
    expect(treeNeighbours(ids(4), 1, "n2")).toEqual({ parent: "n1", children: ["n3"] });
    expect(heapTreeDepth(4, 1)).toBe(3);
  });

  it("rejects a bad fan-out, duplicate ids and strangers", () => {
    expect(() => heapTree(ids(3), 0)).toThrow(/fan-out/);
    expect(() => heapTree(ids(3), 1.5)).toThrow(/fan-out/);
    expect(() => heapTree(["n0", "n0"], 2)).toThrow(/distinct/);
    expect(() => treeNeighbours(ids(3), 2, "n9")).toThrow(/not one of/);
    expect(() => heapTreeDepth(3, 0)).toThrow(/fan-out/);
  });
});
