/**
 * The grow-only set on yjs: one `Y.Doc` per node with one root `Y.Array` per
 * origin node, named after it, and `doc.clientID` = the node's index in `node_ids`. Only the
 * origin appends to its array, so there are no concurrent inserts to order and consecutive
 * appends merge into one struct per origin.
 *
 * - Summary: the doc's state vector as readable JSON, `{"<client id>": clock}`. Clock c for
 *   client i means "I hold the first c values node_ids[i] wrote".
 * - Delta: `Y.encodeStateAsUpdate(doc, stateVectorOf(peerSummary))`, a V1 update, sent as a
 *   base64 string (JSON.stringify of a Uint8Array would give an index-keyed object that does
 *   not round-trip). An empty V1 update is 2 bytes and means "nothing to send".
 * - Merge: `Y.applyUpdate`, idempotent and order-insensitive. Structs after a gap are parked
 *   by yjs as pending (invisible to reads and to the state vector) until the gap is filled.
 *
 * Hazards designed out:
 * - clientID collisions (silent divergence, or yjs printing to stdout and picking a random id):
 *   ids are indices into `node_ids`, unique by construction, and an update that carries
 *   structs of our own client beyond what we wrote is refused before yjs sees it.
 * - Malformed updates: every update is decoded (`Y.decodeUpdate`, no side effects) and checked
 *   first: only `ContentAny` items of JSON values, in the root array named after their client,
 *   no deletions, no GC structs.
 * - Optimistic acks: `deltaFor` must be given summaries the peer reported (see replica.ts).
 *
 * Reads: `values()` returns an array maintained incrementally: after each change, only the
 * entries beyond what was already folded in (`folded[i]` per origin) are read from yjs.
 *
 * Root arrays are made on first use (our own first append, or a checked update that carries an
 * origin's values, just before yjs applies it): with 1,000 nodes, a doc with every array up
 * front cost memory per node and made each encoded struct search all of them for its name.
 */
import * as Y from "yjs";
import { IndexedReplica } from "./indexed-replica.js";
import { isJson, type Json } from "./json.js";
import { originIndex, type ReplicaKind, type SetReplica } from "./replica.js";
import { MalformedInput, parseSummary, type Summary } from "./summary.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CLIENT_KEY = /^(?:0|[1-9][0-9]*)$/;
/** Length of a V1 update with no structs and an empty delete set. */
const EMPTY_UPDATE_BYTES = 2;

export class YjsReplica extends IndexedReplica implements SetReplica {
  readonly kind: ReplicaKind = "yjs";
  readonly self: string;
  private readonly nodeIds: readonly string[];
  private readonly me: number;
  private readonly doc: Y.Doc;
  /** Each origin's root array, once made (see `arrayOf`). */
  private readonly arrays: Array<Y.Array<Json> | undefined>;
  /** Origins whose array exists, in the order made. */
  private readonly made: number[] = [];
  /** How many entries of each origin's array are already in `index`. */
  private readonly folded: number[];

  constructor(nodeIds: readonly string[], self: string) {
    super();
    this.me = originIndex(nodeIds, self);
    this.self = self;
    this.nodeIds = [...nodeIds];
    this.doc = new Y.Doc();
    this.doc.clientID = this.me; // before any write
    this.arrays = this.nodeIds.map(() => undefined);
    this.folded = this.nodeIds.map(() => 0);
  }

  /** The root array of an origin, made before any update for it is applied (a real Y.Array). */
  private arrayOf(origin: number): Y.Array<Json> {
    let array = this.arrays[origin];
    if (array === undefined) {
      array = this.doc.getArray<Json>(this.nodeIds[origin]!);
      this.arrays[origin] = array;
      this.made.push(origin);
    }
    return array;
  }

  protected appendOwn(value: Json): void {
    this.arrayOf(this.me).push([value]);
    this.fold(this.me);
  }

  protected computeSummary(): Summary {
    const out: Record<string, number> = {};
    // Only clients with structs; integer-like keys come out in ascending order.
    for (const client of this.doc.store.clients.keys()) {
      const clock = Y.getState(this.doc.store, client);
      if (clock > 0) out[String(client)] = clock;
    }
    return out;
  }

  summaryByOrigin(): Summary {
    const out: Record<string, number> = {};
    for (const [client, clock] of Object.entries(this.summary())) {
      out[this.nodeIds[Number(client)]!] = clock;
    }
    return out;
  }

  deltaFor(peer: Summary): Json | undefined {
    const stateVector = new Map<number, number>();
    for (const [client, clock] of Object.entries(peer)) stateVector.set(Number(client), clock);
    const update = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(stateVector));
    if (update.length <= EMPTY_UPDATE_BYTES) return undefined;
    return Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("base64");
  }

  merge(delta: unknown): number {
    if (typeof delta !== "string" || !BASE64.test(delta)) {
      throw new MalformedInput("yjs delta must be a base64 string");
    }
    const update = Buffer.from(delta, "base64");
    for (const origin of this.check(update)) this.arrayOf(origin);
    try {
      Y.applyUpdate(this.doc, update);
    } catch (error) {
      throw new MalformedInput(`yjs could not apply the update: ${String(error)}`);
    }
    let added = 0;
    // Pending structs of earlier updates may land too: fold every array there is.
    for (const origin of this.made) added += this.fold(origin);
    if (added > 0) this.summaryChanged();
    return added;
  }

  parseSummary(raw: unknown): Summary {
    return parseSummary(raw, (key) => CLIENT_KEY.test(key) && Number(key) < this.nodeIds.length);
  }

  /** Folds entries of one origin's array that are not in the index yet; returns how many. */
  private fold(origin: number): number {
    const array = this.arrays[origin];
    if (array === undefined) return 0;
    const from = this.folded[origin]!;
    const length = array.length;
    if (length <= from) return 0;
    for (const value of array.slice(from, length)) this.index.add(value);
    this.folded[origin] = length;
    return length - from;
  }

  /**
   * Refuses an update that is not what a treecast yjs replica of this cluster sends; returns
   * the origins whose values it carries.
   */
  private check(update: Uint8Array): Set<number> {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (error) {
      throw new MalformedInput(`undecodable yjs update: ${String(error)}`);
    }
    if (decoded.ds.clients.size > 0) throw new MalformedInput("yjs update deletes something");
    const myClock = Y.getState(this.doc.store, this.me);
    const origins = new Set<number>();
    for (const struct of decoded.structs) {
      const { client, clock } = struct.id;
      if (client < 0 || client >= this.nodeIds.length) {
        throw new MalformedInput(`yjs update names unknown client ${client}`);
      }
      if (client === this.me && clock + struct.length > myClock) {
        throw new MalformedInput(`yjs update claims structs of our own client ${client}`);
      }
      if (struct instanceof Y.Skip) continue; // a hole left by merging pending updates
      if (!(struct instanceof Y.Item)) throw new MalformedInput("yjs update has GC structs");
      if (!(struct.content instanceof Y.ContentAny) || !struct.content.arr.every(isJson)) {
        throw new MalformedInput("yjs update carries content other than JSON values");
      }
      if (struct.parentSub !== null) throw new MalformedInput("yjs update writes a map key");
      // Decoded items name their root parent by string, or leave it null to be copied from
      // the neighbouring item, which must then be in the same origin's array.
      const parent = struct.parent as unknown;
      if (parent === null) {
        const neighbours = [struct.origin, struct.rightOrigin].filter((id) => id !== null);
        if (neighbours.length === 0 || neighbours.some((id) => id.client !== client)) {
          throw new MalformedInput("yjs update places an item outside its origin's array");
        }
      } else if (parent !== this.nodeIds[client]) {
        throw new MalformedInput(`yjs update writes client ${client}'s values outside its array`);
      }
      origins.add(client);
    }
    return origins;
  }
}
