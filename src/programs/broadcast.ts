/**
 * Challenges 3a–3e: the broadcast node. `broadcast` adds a value to a grow-only set replicated
 * along a spanning tree built from `node_ids` (a star around node_ids[0] by default), `read`
 * returns every value once, `topology` is acknowledged and ignored: the tree comes from
 * topology/tree.ts, the same on every node. Inter-node gossip is described in
 * broadcast/gossip.ts (its wire form in broadcast/gossip-codec.ts) and docs/PROTOCOL.md; settings in
 * broadcast/config.ts.
 */
import {
  createReplica,
  incarnationsFor,
  isJson,
  MalformedInput,
  type SetReplica,
} from "../../crdt/index.js";
import { treeNeighbours } from "../../topology/tree.js";
import { ErrorCode, MaelstromError } from "../runtime/errors.js";
import type { MaelstromNode, Program } from "../runtime/node.js";
import { requireField } from "../runtime/protocol.js";
import { type BroadcastConfig, describeConfig, PROFILES } from "./broadcast/config.js";
import { Gossip } from "./broadcast/gossip.js";
import { GOSSIP } from "./broadcast/gossip-codec.js";

export type { BroadcastConfig } from "./broadcast/config.js";

/** What a running broadcast node exposes to tests and simulations. */
export interface BroadcastState {
  replica: SetReplica;
  gossip: Gossip;
}

export function broadcast(
  config: BroadcastConfig = PROFILES.default,
  onStart?: (node: MaelstromNode, state: BroadcastState) => void,
): Program {
  return (node) => {
    let state: BroadcastState | undefined;
    const started = (): BroadcastState => {
      if (state === undefined) throw new Error("broadcast node used before init");
      return state;
    };

    node.onInit(() => {
      // A restart (same id, empty state, init again) comes later, so it gets a larger epoch and,
      // from it, a yjs client id of its own (docs/PROTOCOL.md#crash-and-restart).
      const epoch = Math.floor(node.env.now());
      const incarnation = epoch % incarnationsFor(node.nodeIds.length);
      const replica = createReplica(config.replica, node.nodeIds, node.nodeId, incarnation);
      const tree = treeNeighbours(node.nodeIds, config.fanout, node.nodeId);
      const gossip = new Gossip(node, replica, { ...config, ...tree }, epoch);
      state = { replica, gossip };
      node.env.log(
        `broadcast ${node.nodeId}: ${describeConfig(config)} parent=${tree.parent ?? "-"} children=${tree.children.length}`,
      );
      onStart?.(node, state);
    });

    node.on("topology", () => ({ type: "topology_ok" }));

    node.on("broadcast", ({ body }) => {
      const message = requireField(body, "message");
      if (!isJson(message)) {
        throw new MaelstromError(ErrorCode.malformedRequest, "broadcast: message is not JSON");
      }
      const { gossip } = started();
      gossip.add(message);
      if (!config.okAfterCopy) return { type: "broadcast_ok" };
      return gossip.whenCopied().then(() => ({ type: "broadcast_ok" }));
    });

    node.on("read", () => ({ type: "read_ok", messages: started().replica.values() }));

    node.on(GOSSIP, ({ src, body }) => {
      try {
        started().gossip.receive(src, body);
      } catch (error) {
        if (!(error instanceof MalformedInput)) throw error;
        throw new MaelstromError(ErrorCode.malformedRequest, `gossip: ${error.message}`);
      }
      return undefined;
    });
  };
}
