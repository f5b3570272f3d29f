import { describe, expect, it } from "vitest";
import { latencySampler } from "../../../maelstrom/net/latency.js";
import { type Grudge, partitionGrudge } from "../../../maelstrom/net/nemesis.js";
import { maelstromTopology } from "../../../maelstrom/net/topologies.js";
import { seededRandom } from "../../../src/lib/random.js";

const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
const degreeSum = (t: Record<string, string[]>) =>
  Object.values(t).reduce((sum, ns) => sum + ns.length, 0);

describe("Maelstrom topologies", () => {
  it("grid matches the spec's 5-node example and degree sums", () => {
    expect(maelstromTopology("grid", names(5))).toEqual({
      n0: ["n3", "n1"],
      n1: ["n4", "n2", "n0"],
      n2: ["n1"],
      n3: ["n0", "n4"],
      n4: ["n1", "n3"],
    });
    expect(degreeSum(maelstromTopology("grid", names(25)))).toBe(80);
  });

  it("line has no entry for a single node", () => {
    expect(maelstromTopology("line", names(1))).toEqual({});
    expect(maelstromTopology("line", names(3))).toEqual({
      n0: ["n1"],
      n1: ["n0", "n2"],
      n2: ["n1"],
    });
  });

  it("tree4 on 25 nodes is a heap of depth 3; total links everyone", () => {
    const tree = maelstromTopology("tree4", names(25));
    expect(tree.n0).toEqual(["n1", "n2", "n3", "n4"]);
    expect(tree.n5).toEqual(["n1", "n21", "n22", "n23", "n24"]);
    expect(tree.n24).toEqual(["n5"]);
    expect(degreeSum(tree)).toBe(48);
    expect(maelstromTopology("tree", names(3))).toEqual(maelstromTopology("tree2", names(3)));
    expect(maelstromTopology("total", names(3)).n1).toEqual(["n0", "n2"]);
  });
});

function components(grudge: Grudge, nodes: string[]): number[] {
  // Sizes of the groups of nodes that hear each other (complete grudges only).
  const seen = new Set<string>();
  const sizes: number[] = [];
  for (const node of nodes) {
    if (seen.has(node)) continue;
    const group = nodes.filter((other) => !grudge.get(node)?.has(other));
    for (const member of group) seen.add(member);
    sizes.push(group.length);
  }
  return sizes.sort((a, b) => a - b);
}

const symmetric = (grudge: Grudge) =>
  [...grudge].every(([receiver, sources]) =>
    [...sources].every((src) => grudge.get(src)?.has(receiver)),
  );

describe("partition grudges", () => {
  const random = seededRandom(7);

  it("one isolates a single node", () => {
    expect(components(partitionGrudge("one", names(5), random), names(5))).toEqual([1, 4]);
  });

  it("majority splits after floor(n/2); minority-third splits off floor((n-1)/3)", () => {
    expect(components(partitionGrudge("majority", names(5), random), names(5))).toEqual([2, 3]);
    expect(components(partitionGrudge("majority", names(25), random), names(25))).toEqual([12, 13]);
    expect(components(partitionGrudge("minority-third", names(5), random), names(5))).toEqual([
      1, 4,
    ]);
    expect(components(partitionGrudge("minority-third", names(25), random), names(25))).toEqual([
      8, 17,
    ]);
    expect(partitionGrudge("minority-third", names(3), random).size).toBe(0);
  });

  it("majorities-ring on 5 nodes: each hears itself and two ring neighbours, symmetrically", () => {
    const grudge = partitionGrudge("majorities-ring", names(5), random);
    expect([...grudge.values()].map((dropped) => dropped.size)).toEqual([2, 2, 2, 2, 2]);
    expect(symmetric(grudge)).toBe(true);
  });

  it("majorities-ring on 3 nodes is one-directional", () => {
    const grudge = partitionGrudge("majorities-ring", names(3), random);
    expect([...grudge.values()].every((dropped) => dropped.size === 1)).toBe(true);
    expect(symmetric(grudge)).toBe(false);
  });

  it("majorities-ring on 25 nodes: everyone hears a majority, symmetrically, nobody hears all", () => {
    for (let seed = 0; seed < 20; seed++) {
      const grudge = partitionGrudge("majorities-ring", names(25), seededRandom(seed));
      for (const node of names(25)) {
        const heard = 25 - (grudge.get(node)?.size ?? 0);
        expect(heard).toBeGreaterThanOrEqual(13);
      }
      expect(symmetric(grudge)).toBe(true);
      expect(grudge.size).toBe(25);
    }
  });
});

describe("latency distributions", () => {
  const draws = (dist: "constant" | "uniform" | "exponential", mean: number, n = 20_000) => {
    const sample = latencySampler(dist, mean, seededRandom(3));
    return Array.from({ length: n }, sample);
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("constant is exactly the mean", () => {
    expect(new Set(draws("constant", 100))).toEqual(new Set([100]));
  });

  it("uniform gives integers in [0, 2·mean) with mean − 0.5 on average", () => {
    const xs = draws("uniform", 100);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 200)).toBe(true);
    expect(Math.abs(mean(xs) - 99.5)).toBeLessThan(1.5); // sd of the mean ≈ 0.41
  });

  it("exponential is truncated to integers with about the requested mean", () => {
    const xs = draws("exponential", 100);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean(xs) - 99.5)).toBeLessThan(3); // truncation costs ~0.5; sd of the mean ≈ 0.7
    expect(() => latencySampler("exponential", 0, seededRandom(1))).toThrow();
  });
});
