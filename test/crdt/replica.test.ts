import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import {
  canonicalJson,
  createReplica,
  EMPTY_SUMMARY,
  isJson,
  type Json,
  MalformedInput,
  parseSummary,
  type ReplicaKind,
  type SetReplica,
  summaryToJson,
  VersionVectorReplica,
  YjsReplica,
} from "../../crdt/index.js";

const IDS = ["n0", "n1", "n2"];
const sortedValues = (r: { values(): readonly unknown[] }) => [...r.values()].map(String).sort();
const KINDS: ReplicaKind[] = ["yjs", "plain"];
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const sync = (from: SetReplica, to: SetReplica) => {
  const delta = from.deltaFor(to.summary());
  return delta === undefined ? 0 : to.merge(wire(delta));
};

afterEach(() => vi.restoreAllMocks());

describe.each(KINDS)("%s replica", (kind) => {
  it("returns each value once, across origins and repeated adds", () => {
    const [a, b] = [createReplica(kind, IDS, "n0"), createReplica(kind, IDS, "n1")];
    expect(a.add(1)).toBe(true);
    expect(a.add(1)).toBe(false);
    expect(a.add({ x: 1, y: [2] })).toBe(true);
    expect(a.add({ y: [2], x: 1 })).toBe(false); // same JSON value, other key order
    b.add(1);
    b.add("1");
    b.add(0);
    sync(a, b);
    sync(b, a);
    for (const r of [a, b]) {
      expect(r.values().map(canonicalJson).sort()).toEqual(['"1"', "0", "1", '{"x":1,"y":[2]}']);
      expect(r.size).toBe(4);
      expect(r.has(-0)).toBe(true);
      expect(r.has("0")).toBe(false);
    }
  });

  it("carries any JSON value over the wire unchanged", () => {
    const values: Json[] = [
      0,
      -7,
      2 ** 40,
      1.5e-300,
      "",
      "snowman ☃",
      true,
      false,
      null,
      [],
      [1, [2, [3]]],
      {},
      { nested: { deep: [null, "x", { k: -1.25 }] } },
    ];
    const a = createReplica(kind, IDS, "n0");
    for (const v of values) a.add(v);
    const b = createReplica(kind, IDS, "n2");
    expect(sync(a, b)).toBe(values.length);
    expect(b.values()).toEqual(values);
  });

  it("sends nothing to a peer that has everything", () => {
    const [a, b] = [createReplica(kind, IDS, "n0"), createReplica(kind, IDS, "n1")];
    expect(a.deltaFor(EMPTY_SUMMARY)).toBeUndefined();
    a.add(5);
    sync(a, b);
    expect(a.deltaFor(b.summary())).toBeUndefined();
    expect(b.summaryByOrigin()).toEqual({ n0: 1 });
  });

  it("holds back values beyond a gap until a delta against its real summary fills it", () => {
    const [a, c] = [createReplica(kind, IDS, "n0"), createReplica(kind, IDS, "n2")];
    for (const v of [10, 11, 12, 13]) a.add(v);
    // Computed against a summary c never reported (it claims c holds two of a's values; log 0
    // is n0's, yjs client or plain slot).
    c.merge(wire(a.deltaFor(new Map([[0, 2]]))));
    expect(c.values()).toEqual([]);
    expect(c.summary()).toEqual(EMPTY_SUMMARY);
    sync(a, c);
    expect(c.values()).toEqual([10, 11, 12, 13]);
    expect(c.summaryByOrigin()).toEqual({ n0: 4 });
  });

  it("validates summaries from the wire", () => {
    const r = createReplica(kind, IDS, "n0");
    const key = kind === "yjs" ? "1" : "n1";
    expect(parseSummary({ [key]: 3 }, r)).toEqual(new Map([[1, 3]]));
    expect(parseSummary({ [key]: 0 }, r)).toEqual(EMPTY_SUMMARY);
    expect(summaryToJson(new Map([[1, 3]]), r)).toEqual({ [key]: 3 });
    for (const bad of [
      null,
      [],
      "x",
      { [key]: -1 },
      { [key]: 1.5 },
      { [key]: "3" },
      { n9: 1 },
      { "01": 1 },
      { "2147483648": 1 }, // beyond every client id of the cluster
    ]) {
      expect(() => parseSummary(bad, r), JSON.stringify(bad)).toThrow(MalformedInput);
    }
  });

  it("refuses duplicate or missing node ids", () => {
    expect(() => createReplica(kind, ["n0", "n0"], "n0")).toThrow(/distinct/);
    expect(() => createReplica(kind, IDS, "n7")).toThrow(/not one of/);
  });
});

describe("JSON values", () => {
  it("isJson accepts what JSON.parse produces (but a __proto__ key) and nothing else", () => {
    for (const ok of [0, -1.5, "", true, null, [], [1, [null]], {}, { a: { b: [1] } }]) {
      expect(isJson(ok), JSON.stringify(ok)).toBe(true);
    }
    for (const bad of [
      undefined,
      Number.NaN,
      Infinity,
      1n,
      new Uint8Array(1),
      [undefined],
      { a: () => 1 },
      JSON.parse('{"__proto__": 0}'), // yjs would give it back as {}
      { a: JSON.parse('{"__proto__": {}}') },
      new Date(0),
      new Map(),
    ]) {
      expect(isJson(bad), String(bad)).toBe(false);
    }
  });

  it("canonicalJson sorts keys at every level", () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
    expect(canonicalJson(-0)).toBe("0");
  });
});

describe("yjs replica wire format", () => {
  it("uses the node index as clientID, a readable state vector and base64 V1 updates", () => {
    const r = new YjsReplica(IDS, "n2");
    r.add("a");
    r.add("b");
    expect(summaryToJson(r.summary(), r)).toEqual({ "2": 2 });
    expect(r.summaryByOrigin()).toEqual({ n2: 2 });
    const delta = r.deltaFor(EMPTY_SUMMARY);
    expect(typeof delta).toBe("string");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(delta as string, "base64"));
    expect(doc.getArray("n2").toArray()).toEqual(["a", "b"]);
    expect(Y.decodeUpdate(Buffer.from(delta as string, "base64")).structs[0]?.id.client).toBe(2);
  });

  it("gives each incarnation of a node its own client id and array; both count as its writes", () => {
    const first = new YjsReplica(IDS, "n1");
    first.add("old");
    const second = new YjsReplica(IDS, "n1", 5); // restarted empty: client 1 + 3 · 5
    second.add("new");
    expect(second.summary()).toEqual(new Map([[16, 1]]));
    const other = new YjsReplica(IDS, "n0");
    other.merge(first.deltaFor(EMPTY_SUMMARY));
    other.merge(second.deltaFor(EMPTY_SUMMARY));
    expect(sortedValues(other)).toEqual(["new", "old"]);
    expect(summaryToJson(other.summary(), other)).toEqual({ "1": 1, "16": 1 });
    expect(other.summaryByOrigin()).toEqual({ n1: 2 });
    // The old incarnation's values reach the new one as another client's.
    second.merge(other.deltaFor(second.summary()));
    expect(sortedValues(second)).toEqual(["new", "old"]);
    expect(() => new YjsReplica(IDS, "n1", -1)).toThrow(RangeError);
    expect(() => new YjsReplica(IDS, "n1", 2 ** 31)).toThrow(RangeError);
  });
});

describe("malformed deltas change nothing and print nothing", () => {
  function foreignUpdate(clientID: number, write: (doc: Y.Doc) => void, base?: SetReplica): string {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    if (base) Y.applyUpdate(doc, Buffer.from(base.deltaFor(EMPTY_SUMMARY) as string, "base64"));
    const before = Y.encodeStateVector(doc);
    write(doc);
    return Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString("base64");
  }

  it("yjs", () => {
    const stdout = vi.spyOn(process.stdout, "write");
    const log = vi.spyOn(console, "log");
    const r = new YjsReplica(IDS, "n0");
    r.add(1);
    const twin = new YjsReplica(IDS, "n0"); // a second node that believes it is n0
    twin.add(7);
    twin.add(8);
    const bad: Array<[string, unknown]> = [
      ["not a string", 42],
      ["not base64", "%%%"],
      ["random bytes", Buffer.from([7, 200, 3, 99, 1, 0, 5, 5]).toString("base64")],
      ["truncated", "AQEB"],
      ["unknown client", foreignUpdate(99, (d) => d.getArray("n1").push([1]))],
      ["wrong array", foreignUpdate(1, (d) => d.getArray("n0").push([1]))],
      ["unknown root", foreignUpdate(1, (d) => d.getArray("elsewhere").push([1]))],
      ["a map", foreignUpdate(1, (d) => d.getMap("n1").set("k", 1))],
      ["text", foreignUpdate(1, (d) => d.getText("n1").insert(0, "hi"))],
      ["binary content", foreignUpdate(1, (d) => d.getArray("n1").push([new Uint8Array([1])]))],
      ["a nested type", foreignUpdate(1, (d) => d.getArray("n1").push([new Y.Array()]))],
      [
        "a deletion",
        (() => {
          const src = new YjsReplica(IDS, "n1");
          src.add(5);
          return foreignUpdate(2, (d) => d.getArray("n1").delete(0, 1), src);
        })(),
      ],
      ["our own client id", twin.deltaFor(r.summary())],
    ];
    for (const [why, delta] of bad) {
      expect(() => r.merge(delta), why).toThrow(MalformedInput);
      expect(r.values(), why).toEqual([1]);
      expect(summaryToJson(r.summary(), r), why).toEqual({ "0": 1 });
    }
    // Still healthy afterwards.
    const good = new YjsReplica(IDS, "n1");
    good.add(2);
    expect(r.merge(good.deltaFor(r.summary()))).toBe(1);
    expect(r.values()).toEqual([1, 2]);
    expect(stdout).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it("plain", () => {
    const r = new VersionVectorReplica(IDS, "n0");
    r.add(1);
    const bad: Array<[string, unknown]> = [
      ["not an object", "x"],
      ["an array", [1]],
      ["unknown origin", { n9: { from: 0, values: [1] } }],
      ["negative from", { n1: { from: -1, values: [1] } }],
      ["values not an array", { n1: { from: 0, values: 1 } }],
      ["entry not an object", { n1: 3 }],
      ["our own origin", { n0: { from: 0, values: [1, 2] } }],
      ["one bad entry spoils all", { n1: { from: 0, values: [2] }, n2: { from: "0", values: [] } }],
    ];
    for (const [why, delta] of bad) {
      expect(() => r.merge(delta), why).toThrow(MalformedInput);
      expect(r.values(), why).toEqual([1]);
      expect(r.summaryByOrigin(), why).toEqual({ n0: 1 });
    }
  });
});

describe("reads at scale", () => {
  it.each(KINDS)("%s: 100k values from 25 origins are read in ≤ 50 ms", (kind) => {
    const ids = Array.from({ length: 25 }, (_, i) => `n${i}`);
    const reader = createReplica(kind, ids, "n0");
    for (let origin = 1; origin < 25; origin++) {
      const writer = createReplica(kind, ids, ids[origin]!);
      // Many small deltas, as gossip delivers them.
      for (let i = 0; i < 4167; i++) {
        writer.add(origin * 10_000 + i);
        if (i % 50 === 49) reader.merge(writer.deltaFor(reader.summary()));
      }
      reader.merge(writer.deltaFor(reader.summary()));
    }
    expect(reader.size).toBe(24 * 4167);
    const start = performance.now();
    const reply = JSON.stringify({ type: "read_ok", messages: reader.values(), in_reply_to: 1 });
    const elapsed = performance.now() - start;
    expect(reply.length).toBeGreaterThan(600_000);
    expect(elapsed).toBeLessThan(50);
  });
});
