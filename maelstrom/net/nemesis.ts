/**
 * Reimplements `maelstrom.nemesis` and `jepsen.nemesis.combined` (docs/MAELSTROM.md#partitions).
 * The partition nemesis: which grudge each `start-partition` applies. A
 * grudge maps each receiver to the set of sources whose messages it drops.
 */
import type { Random } from "../../src/lib/random.js";

export type Grudge = Map<string, Set<string>>;
export type PartitionKind = "one" | "minority-third" | "majority" | "majorities-ring";
export const PARTITION_KINDS: readonly PartitionKind[] = [
  "one",
  "minority-third",
  "majority",
  "majorities-ring",
];

/** Every node drops every node outside its own component. */
export function completeGrudge(components: readonly (readonly string[])[]): Grudge {
  const grudge: Grudge = new Map();
  for (const component of components) {
    const outside = components.filter((c) => c !== component).flat();
    for (const node of component) if (outside.length > 0) grudge.set(node, new Set(outside));
  }
  return grudge;
}

/** n ≤ 5: each node hears only the window of floor(n/2)+1 ring neighbours it is the middle of. */
function smallMajoritiesRing(nodes: readonly string[], random: Random): Grudge {
  const ring = random.shuffle(nodes);
  const n = ring.length;
  const m = Math.floor(n / 2) + 1;
  const grudge: Grudge = new Map();
  for (let start = 0; start < n; start++) {
    const window = Array.from({ length: m }, (_, i) => ring[(start + i) % n]!);
    const middle = window[Math.floor(m / 2)]!;
    const dropped = ring.filter((node) => !window.includes(node));
    if (dropped.length > 0) grudge.set(middle, new Set(dropped));
  }
  return grudge;
}

/** n > 5: link least-connected nodes until every node reaches a majority, then invert. */
function stochasticMajoritiesRing(nodes: readonly string[], random: Random): Grudge {
  const m = Math.floor(nodes.length / 2) + 1;
  const links = new Map(nodes.map((node) => [node, new Set([node])]));
  const degree = (node: string) => links.get(node)!.size;
  for (;;) {
    const byDegree = random.shuffle(nodes).sort((a, b) => degree(a) - degree(b));
    const a = byDegree[0]!;
    if (degree(a) >= m) break;
    const b = byDegree.find((node) => !links.get(a)!.has(node))!;
    links.get(a)!.add(b);
    links.get(b)!.add(a);
  }
  const grudge: Grudge = new Map();
  for (const node of nodes) {
    const dropped = nodes.filter((other) => !links.get(node)!.has(other));
    if (dropped.length > 0) grudge.set(node, new Set(dropped));
  }
  return grudge;
}

export function partitionGrudge(
  kind: PartitionKind,
  nodes: readonly string[],
  random: Random,
): Grudge {
  switch (kind) {
    case "one": {
      const isolated = random.pick(nodes);
      return completeGrudge([[isolated], nodes.filter((node) => node !== isolated)]);
    }
    case "majority": {
      const shuffled = random.shuffle(nodes);
      const cut = Math.floor(nodes.length / 2);
      return completeGrudge(
        [shuffled.slice(0, cut), shuffled.slice(cut)].filter((c) => c.length > 0),
      );
    }
    case "minority-third": {
      const shuffled = random.shuffle(nodes);
      const cut = Math.floor((nodes.length - 1) / 3);
      return completeGrudge(
        [shuffled.slice(0, cut), shuffled.slice(cut)].filter((c) => c.length > 0),
      );
    }
    case "majorities-ring":
      return nodes.length <= 5
        ? smallMajoritiesRing(nodes, random)
        : stochasticMajoritiesRing(nodes, random);
  }
}

/** Plain JSON for the history: `["isolated", {node: [dropped sources]}]`. */
export function describeGrudge(grudge: Grudge): [string, Record<string, string[]>] {
  return [
    "isolated",
    Object.fromEntries([...grudge].map(([node, dropped]) => [node, [...dropped].sort()])),
  ];
}
