/**
 * Reimplements `maelstrom.workload.broadcast`'s topologies (docs/MAELSTROM.md#topologies).
 * The topologies Maelstrom sends to broadcast nodes. Neighbour lists keep
 * Maelstrom's order.
 */
export type TopologyName = "line" | "grid" | "tree" | "tree2" | "tree3" | "tree4" | "total";
export type Topology = Record<string, string[]>;

export const TOPOLOGY_NAMES: readonly TopologyName[] = [
  "line",
  "grid",
  "tree",
  "tree2",
  "tree3",
  "tree4",
  "total",
];

function grid(nodes: readonly string[]): Topology {
  const side = Math.ceil(Math.sqrt(nodes.length));
  const topology: Topology = {};
  nodes.forEach((node, k) => {
    const i = Math.floor(k / side);
    const j = k % side;
    const neighbours: string[] = [];
    for (const [di, dj] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const [ni, nj] = [i + di, j + dj];
      const index = ni * side + nj;
      if (ni >= 0 && nj >= 0 && ni < side && nj < side && index < nodes.length)
        neighbours.push(nodes[index]!);
    }
    topology[node] = neighbours;
  });
  return topology;
}

function line(nodes: readonly string[]): Topology {
  if (nodes.length < 2) return {};
  const topology: Topology = {};
  nodes.forEach((node, k) => {
    topology[node] = [nodes[k - 1], nodes[k + 1]].filter((n): n is string => n !== undefined);
  });
  return topology;
}

function tree(nodes: readonly string[], branching: number): Topology {
  const topology: Topology = {};
  nodes.forEach((node, k) => {
    const neighbours: string[] = [];
    if (k > 0) neighbours.push(nodes[Math.floor((k - 1) / branching)]!);
    for (let c = branching * k + 1; c <= branching * k + branching && c < nodes.length; c++)
      neighbours.push(nodes[c]!);
    topology[node] = neighbours;
  });
  return topology;
}

export function maelstromTopology(name: TopologyName, nodes: readonly string[]): Topology {
  switch (name) {
    case "grid":
      return grid(nodes);
    case "line":
      return line(nodes);
    case "total":
      return Object.fromEntries(
        nodes.map((node) => [node, nodes.filter((other) => other !== node)]),
      );
    case "tree":
    case "tree2":
      return tree(nodes, 2);
    case "tree3":
      return tree(nodes, 3);
    case "tree4":
      return tree(nodes, 4);
  }
}
