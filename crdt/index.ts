/**
 * `treecast/crdt`: the grow-only set replicas (yjs, and a plain version-vector G-Set) behind one
 * `SetReplica` interface; `createReplica` picks the implementation.
 *
 * @packageDocumentation
 */
import type { ReplicaKind, SetReplica } from "./replica.js";
import { VersionVectorReplica } from "./vv-replica.js";
import { YjsReplica } from "./yjs-replica.js";

export type { Json } from "./json.js";
export { canonicalJson, isJson } from "./json.js";
export type { ReplicaKind, SetReplica } from "./replica.js";
export type { Summary, SummaryWire } from "./summary.js";
export {
  dominates,
  EMPTY_SUMMARY,
  MalformedInput,
  mergeSummaries,
  parseSummary,
  summaryAbove,
  summaryOf,
  summaryToJson,
} from "./summary.js";
export { VersionVectorReplica } from "./vv-replica.js";
export { incarnationsFor, YjsReplica } from "./yjs-replica.js";

/**
 * `incarnation` (yjs only) gives a restarted node a yjs client id of its own; the plain replica
 * keys its logs by node id and has no such id (a restarted plain node reuses its log's indices).
 */
export function createReplica(
  kind: ReplicaKind,
  nodeIds: readonly string[],
  self: string,
  incarnation = 0,
): SetReplica {
  return kind === "yjs"
    ? new YjsReplica(nodeIds, self, incarnation)
    : new VersionVectorReplica(nodeIds, self);
}
