import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  errorToEdn,
  float,
  formatDouble,
  kw,
  list,
  opToEdn,
  printEdn,
  sym,
  tagged,
  toEdn,
  toJsonValue,
} from "../../../maelstrom/output/edn.js";
import { ExactNumber } from "../../../maelstrom/output/exact-json.js";
import { canonicalJson } from "../../../src/lib/canonical-json.js";
import { ms } from "../checkers/helpers.js";

describe("EDN scalars", () => {
  it("prints nil, booleans, keywords, symbols and escaped strings", () => {
    expect(toEdn(null)).toBe("nil");
    expect(toEdn(undefined)).toBe("nil");
    expect(toEdn([true, false])).toBe("[true false]");
    expect(toEdn(kw("unknown"))).toBe(":unknown");
    expect(toEdn(sym("clojure.lang.ExceptionInfo"))).toBe("clojure.lang.ExceptionInfo");
    expect(toEdn('a "quoted"\\ line\nand\ttab\u0001')).toBe(
      '"a \\"quoted\\"\\\\ line\\nand\\ttab\\u0001"',
    );
  });

  it("prints integral numbers as longs and others as Java doubles", () => {
    expect(toEdn([0, 1, -3, 2 ** 53, 0.5, 0.95, 11.9, -0.25])).toBe(
      "[0 1 -3 9007199254740992 0.5 0.95 11.9 -0.25]",
    );
    expect(formatDouble(1)).toBe("1.0");
    expect(formatDouble(1e7)).toBe("1.0E7");
    expect(formatDouble(1234567.5)).toBe("1234567.5");
    expect(formatDouble(0.001)).toBe("0.001");
    expect(formatDouble(0.00012)).toBe("1.2E-4");
    expect(formatDouble(-1.5e-10)).toBe("-1.5E-10");
    expect(toEdn([Number.NaN, Number.POSITIVE_INFINITY])).toBe("[##NaN ##Inf]");
  });

  it("prints Java floats with a decimal point and float precision", () => {
    expect(toEdn(float(1))).toBe("1.0");
    expect(toEdn(float(0))).toBe("0.0");
    expect(toEdn(float(2 / 3))).toBe("0.6666667");
    expect(toEdn(float(63.07))).toBe("63.07");
    expect(toEdn(float(1256 / 105))).toBe("11.961905");
    expect(toEdn(float(12345678))).toBe("1.2345678E7");
    expect(toJsonValue(float(2 / 3))).toBe(0.6666667);
  });
});

describe("EDN collections", () => {
  it("prints object keys as keywords, Maps with EDN keys, sets, vectors and seqs", () => {
    expect(toEdn({ "valid?": true, "a b": 1, skipped: undefined })).toBe('{:valid? true, "a b" 1}');
    expect(
      toEdn(
        new Map<unknown, unknown>([
          [0, 0],
          [0.5, 120],
          [1, 355],
          ["s", kw("k")],
        ]),
      ),
    ).toBe('{0 0, 0.5 120, 1 355, "s" :k}');
    expect(toEdn(new Set([1, "a"]))).toBe('#{1 "a"}');
    expect(toEdn([list([1, 2]), list([]), []])).toBe("[(1 2) () []]");
    expect(toEdn(tagged("inst", "2023-01-05"))).toBe('#inst "2023-01-05"');
  });

  it("prints a results map with a quantile map, keyword values and an Op", () => {
    const op = opToEdn({
      index: 3,
      time: ms(1.5),
      type: "ok",
      process: 0,
      f: "read",
      value: [0, 1],
      final: true,
    });
    const results = {
      workload: {
        "valid?": kw("unknown"),
        "stable-latencies": new Map([
          [0, 0],
          [0.5, 452],
          [1, 600],
        ]),
        lost: list([]),
        known: op,
      },
      "valid?": false,
    };
    expect(toEdn(results)).toBe(
      "{:workload {:valid? :unknown, :stable-latencies {0 0, 0.5 452, 1 600}, :lost (), " +
        ":known #jepsen.history.Op{:index 3, :time 1500000, :type :ok, :process 0, :f :read, " +
        ":value [0 1], :final? true}}, :valid? false}",
    );
    expect(printEdn(results)).toBe(
      [
        "{:workload {:valid? :unknown,",
        "            :stable-latencies {0 0, 0.5 452, 1 600},",
        "            :lost (),",
        "            :known #jepsen.history.Op{:index 3,",
        "                                      :time 1500000,",
        "                                      :type :ok,",
        "                                      :process 0,",
        "                                      :f :read,",
        "                                      :value [0 1],",
        "                                      :final? true}},",
        " :valid? false}",
      ].join("\n"),
    );
    expect(toJsonValue(results)).toEqual({
      workload: {
        "valid?": "unknown",
        "stable-latencies": { "0": 0, "0.5": 452, "1": 600 },
        lost: [],
        known: {
          index: 3,
          time: 1500000,
          type: "ok",
          process: 0,
          f: "read",
          value: [0, 1],
          "final?": true,
        },
      },
      "valid?": false,
    });
  });

  it("fills lines of long sequences up to the width", () => {
    const text = printEdn({ stale: list(Array.from({ length: 40 }, (_, i) => i)) }, { width: 40 });
    expect(text).toBe(
      [
        "{:stale (0 1 2 3 4 5 6 7 8 9 10 11 12 13",
        "         14 15 16 17 18 19 20 21 22 23",
        "         24 25 26 27 28 29 30 31 32 33",
        "         34 35 36 37 38 39)}",
      ].join("\n"),
    );
  });
});

describe("ops", () => {
  it("prints the nemesis process and error keywords", () => {
    const op = opToEdn({
      index: 0,
      time: 0,
      type: "info",
      process: "nemesis",
      f: "start-partition",
      value: "majority",
      error: "net-timeout",
    });
    expect(toEdn(op)).toBe(
      "#jepsen.history.Op{:index 0, :time 0, :type :info, :process :nemesis, " +
        ":f :start-partition, :value :majority, :error :net-timeout}",
    );
    expect(toEdn(errorToEdn(["temporarily-unavailable", "txt"]))).toBe(
      '[:temporarily-unavailable "txt"]',
    );
    expect(toEdn(errorToEdn(["crash", null]))).toBe("[:crash nil]");
    expect(toEdn(errorToEdn("indeterminate: timed out"))).toBe('"indeterminate: timed out"');
    expect(toJsonValue(op)).toMatchObject({
      type: "info",
      process: "nemesis",
      error: "net-timeout",
    });
  });
});

describe("properties", () => {
  it("pretty-printing only changes whitespace between items", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 10, max: 120 }), (value, width) => {
        expect(printEdn(value, { width }).replace(/\n +/g, " ")).toBe(toEdn(value));
      }),
    );
  });

  it("toJsonValue is the identity on JSON (up to -0)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(canonicalJson(toJsonValue(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it("keeps a __proto__ key as data", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}');
    expect(Object.keys(toJsonValue(value) as object)).toEqual(["__proto__"]);
    expect(toEdn(value)).toBe("{:__proto__ {:x 1}}");
  });

  it("canonical JSON ignores key order and writes exact numbers as they were", () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe(
      canonicalJson({ a: null, b: [1, { c: 2, d: 1 }] }),
    );
    expect(canonicalJson([new ExactNumber("5.0"), 5, { x: undefined }])).toBe("[5.0,5,{}]");
  });
});

describe("nemesis values in EDN", () => {
  it("print as Jepsen's keywords and node sets", async () => {
    const { nemesisValueToEdn, toEdn } = await import("../../../maelstrom/output/edn.js");
    expect(toEdn(nemesisValueToEdn("majority"))).toBe(":majority");
    expect(toEdn(nemesisValueToEdn("network-healed"))).toBe(":network-healed");
    expect(toEdn(nemesisValueToEdn(["isolated", { n1: ["n2", "n3"] }]))).toBe(
      '[:isolated {"n1" #{"n2" "n3"}}]',
    );
    expect(toEdn(nemesisValueToEdn(null))).toBe("nil");
  });
});
