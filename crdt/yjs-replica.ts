/**
 * The grow-only set on yjs: one `Y.Doc` per node with one root `Y.Array` per yjs client (one
 * per incarnation of each node), and `doc.clientID` = index in `node_ids` + n · incarnation
 * (incarnation 0: the index itself, the array named after the node; incarnation k: the array
 * `<node id>@k`). Only that client appends to its array, so there are no concurrent inserts to
 * order and consecutive appends merge into one struct per client. A node restarted with an
 * empty doc must take a new incarnation: reusing its client id would write new values under
 * `(client, clock)` ids its old values hold on other nodes, and they would drop them as known.
 *
 * - Summary: the doc's state vector (logs are client ids), on the wire as readable JSON,
 *   `{"<client id>": clock}`. Clock c for client i means "I hold the first c values that
 *   incarnation of node_ids[i mod n] wrote".
 * - Delta: `Y.encodeStateAsUpdate(doc, peerSummary)`, a V1 update (the clients not to send
 *   named in the state vector at our clock), sent as a base64 string (JSON.stringify of a
 *   Uint8Array would give an index-keyed object that does not round-trip). An empty V1 update
 *   is 2 bytes and means "nothing to send".
 * - Adopting values (see replica.ts) appends them to our own array in one transaction: one
 *   struct, however many values.
 * - Merge: `Y.applyUpdate`, idempotent and order-insensitive. Structs after a gap are parked
 *   by yjs as pending (invisible to reads and to the state vector) until the gap is filled.
 *
 * Hazards designed out:
 * - clientID collisions (silent divergence, or yjs printing to stdout and picking a random id):
 *   ids are index + n · incarnation, distinct between nodes by construction (and between
 *   incarnations of a node as long as the caller gives each its own incarnation), and an update that carries
 *   structs of our own client beyond what we wrote is refused before yjs sees it.
 * - Malformed updates: every update is decoded (`Y.decodeUpdate`, no side effects) and checked
 *   first: only `ContentAny` items of JSON values, in the root array named after their client,
 *   no deletions, no GC structs.
 * - Optimistic acks: `deltaFor` must be given summaries the peer reported (see replica.ts).
 *
 * Reads: `values()` returns an array maintained incrementally: after each change, only the
 * entries beyond what was already folded in (`folded[i]` per origin) are read from yjs.
 *
 * Cost grows with the clients a doc holds: every transaction builds two state vectors over
 * them, and yjs finds the name of a root array by a linear search of the doc's root types
 * whenever it encodes a client's first struct. The broadcast node keeps that number small (it
 * adopts its children's values, docs/PROTOCOL.md); a node that held every writer of a
 * 1,000-node cluster spent most of its time there. Root arrays are made on first use (our own
 * first append, or a checked update that carries an origin's values, just before yjs applies
 * it), not up front for every node.
 */
import * as Y from "yjs";
import { IndexedReplica } from "./indexed-replica.js";
import { isJson, type Json } from "./json.js";
import { originIndex, type ReplicaKind, type SetReplica } from "./replica.js";
import { MalformedInput, type Summary } from "./summary.js";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CLIENT_KEY = /^(?:0|[1-9][0-9]*)$/;
/** Length of a V1 update with no structs and an empty delete set. */
const EMPTY_UPDATE_BYTES = 2;
/** Client ids stay below 2^31 (yjs draws its own as uint32; this leaves room and sign). */
const CLIENT_ID_LIMIT = 2 ** 31;

/** How many incarnations a cluster of `n` nodes can give distinct client ids to. */
export function incarnationsFor(n: number): number {
  return Math.floor(CLIENT_ID_LIMIT / n);
}

export class YjsReplica extends IndexedReplica implements SetReplica {
  readonly kind: ReplicaKind = "yjs";
  readonly self: string;
  private readonly nodeIds: readonly string[];
  /** Our yjs client id. */
  private readonly me: number;
  private readonly doc: Y.Doc;
  /** Each client's root array, once made (see `arrayOf`), in the order made. */
  private readonly arrays = new Map<number, Y.Array<Json>>();
  /** How many entries of each client's array are already in `index`. */
  private readonly folded = new Map<number, number>();

  /** `incarnation`: 0 for a node's first life; a restarted node needs one not used before. */
  constructor(nodeIds: readonly string[], self: string, incarnation = 0) {
    super();
    const n = nodeIds.length;
    if (
      !Number.isSafeInteger(incarnation) ||
      incarnation < 0 ||
      incarnation >= incarnationsFor(n)
    ) {
      throw new RangeError(`incarnation must be an integer in [0, ${incarnationsFor(n)})`);
    }
    this.me = originIndex(nodeIds, self) + n * incarnation;
    this.self = self;
    this.nodeIds = [...nodeIds];
    this.doc = new Y.Doc();
    this.doc.clientID = this.me; // before any write
  }

  /** The root array a client's values live in (named after its node and incarnation). */
  private arrayName(client: number): string {
    const n = this.nodeIds.length;
    const node = this.nodeIds[client % n]!;
    const incarnation = Math.floor(client / n);
    return incarnation === 0 ? node : `${node}@${incarnation}`;
  }

  /** The root array of a client, made before any update for it is applied (a real Y.Array). */
  private arrayOf(client: number): Y.Array<Json> {
    let array = this.arrays.get(client);
    if (array === undefined) {
      array = this.doc.getArray<Json>(this.arrayName(client));
      this.arrays.set(client, array);
    }
    return array;
  }

  protected appendOwn(values: readonly Json[]): void {
    // One transaction (see merge), and one struct for all the values.
    this.doc.transact(() => this.arrayOf(this.me).push([...values]));
    this.fold(this.me);
  }

  protected computeSummary(): Summary {
    const out = new Map<number, number>();
    for (const client of this.doc.store.clients.keys()) {
      const clock = Y.getState(this.doc.store, client);
      if (clock > 0) out.set(client, clock); // only clients with structs
    }
    return out;
  }

  summaryByOrigin(): Readonly<Record<string, number>> {
    const out: Record<string, number> = {};
    // Incarnations of one node add up: they are that node's writes.
    for (const [client, clock] of this.summary()) {
      const node = this.originOf(client);
      out[node] = (out[node] ?? 0) + clock;
    }
    return out;
  }

  originOf(client: number): string {
    return this.nodeIds[client % this.nodeIds.length]!;
  }

  logName(client: number): string {
    return String(client);
  }

  logOf(name: string): number | undefined {
    if (!CLIENT_KEY.test(name)) return undefined;
    const client = Number(name);
    return client < this.clientLimit() ? client : undefined;
  }

  deltaFor(peer: Summary, sends?: (log: number) => boolean): Json | undefined {
    // A summary is the peer's state vector already (yjs only reads it). yjs sends every client
    // the state vector leaves out, so a log not to send is named in it at our clock.
    let stateVector = peer as Map<number, number>;
    if (sends !== undefined) {
      for (const client of this.doc.store.clients.keys()) {
        if (sends(client)) continue;
        if (stateVector === peer) stateVector = new Map(peer);
        stateVector.set(client, Y.getState(this.doc.store, client));
      }
    }
    const update = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(stateVector));
    if (update.length <= EMPTY_UPDATE_BYTES) return undefined;
    return Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("base64");
  }

  merge(delta: unknown): number {
    if (typeof delta !== "string" || !BASE64.test(delta)) {
      throw new MalformedInput("yjs delta must be a base64 string");
    }
    const update = Buffer.from(delta, "base64");
    const clients = this.check(update);
    const hadPending = this.doc.store.pendingStructs !== null;
    try {
      // One transaction for the new arrays and the update: each `getArray` is a transaction of
      // its own otherwise, and every transaction builds two state vectors over all clients.
      this.doc.transact(() => {
        for (const client of clients) this.arrayOf(client);
        Y.applyUpdate(this.doc, update);
      });
    } catch (error) {
      throw new MalformedInput(`yjs could not apply the update: ${String(error)}`);
    }
    let added = 0;
    // Structs parked as pending (before or after) may have landed for any client: then fold
    // every array there is; otherwise only this update's clients can have grown.
    const folding =
      hadPending || this.doc.store.pendingStructs !== null ? this.arrays.keys() : clients;
    for (const client of folding) added += this.fold(client);
    if (added > 0) this.summaryChanged();
    return added;
  }

  /** Client ids of this cluster are below this. */
  private clientLimit(): number {
    return this.nodeIds.length * incarnationsFor(this.nodeIds.length);
  }

  /** Folds entries of one client's array that are not in the index yet; returns how many. */
  private fold(client: number): number {
    const array = this.arrays.get(client);
    if (array === undefined) return 0;
    const from = this.folded.get(client) ?? 0;
    const length = array.length;
    if (length <= from) return 0;
    for (const value of array.slice(from, length)) this.index.add(value);
    this.folded.set(client, length);
    return length - from;
  }

  /**
   * Refuses an update that is not what a treecast yjs replica of this cluster sends; returns
   * the clients whose values it carries.
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
      if (client < 0 || client >= this.clientLimit()) {
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
      } else if (parent !== this.arrayName(client)) {
        throw new MalformedInput(`yjs update writes client ${client}'s values outside its array`);
      }
      origins.add(client);
    }
    return origins;
  }
}
