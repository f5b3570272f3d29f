import { describe, expect, it } from "vitest";
import { checkAvailability } from "../../../maelstrom/checkers/availability.js";
import { checkEcho } from "../../../maelstrom/checkers/echo.js";
import { checkExceptions } from "../../../maelstrom/checkers/exceptions.js";
import { checkStats } from "../../../maelstrom/checkers/stats.js";
import {
  checkUniqueIds,
  type UniqueIdsOutcome,
  type UniqueIdsResult,
} from "../../../maelstrom/checkers/unique-ids.js";
import { float, kw, num, sym, toEdn } from "../../../maelstrom/output/edn.js";
import { HistoryBuilder } from "./helpers.js";

function generated(ids: unknown[]): HistoryBuilder {
  const h = new HistoryBuilder();
  ids.forEach((id, i) => {
    h.invoke(i % 3, "generate", null, i);
    h.ok(i % 3, "generate", id, i + 0.5);
  });
  return h;
}

/** The result, when the ids were comparable. */
function compared(result: UniqueIdsOutcome): UniqueIdsResult {
  if (!("range" in result)) throw new Error(result.error);
  return result;
}

describe("unique-ids", () => {
  it("counts attempts, acks, duplicates and the range", () => {
    const h = generated([5, 3, 5, 9, 3, 5]);
    h.invoke(0, "generate", null, 100);
    h.info(0, "generate", null, 105, { error: "net-timeout" });
    const result = checkUniqueIds(h.ops);
    expect(result).toEqual({
      "valid?": false,
      "attempted-count": 7,
      "acknowledged-count": 6,
      "duplicated-count": 2,
      duplicated: new Map([
        [3, 2],
        [5, 3],
      ]),
      range: [3, 9],
    });
    expect(toEdn(result)).toBe(
      "{:valid? false, :attempted-count 7, :acknowledged-count 6, :duplicated-count 2, " +
        ":duplicated {3 2, 5 3}, :range [3 9]}",
    );
  });

  it("is valid with distinct string ids, and gives [nil nil] for no acks", () => {
    expect(checkUniqueIds(generated(["n0-1", "n1-1", "n0-2"]).ops)).toMatchObject({
      "valid?": true,
      range: ["n0-1", "n1-1"],
    });
    expect(toEdn(checkUniqueIds([]))).toContain(":range [nil nil]");
  });

  it("keeps the 48 most frequent duplicates, keyed in order", () => {
    const ids: number[] = [];
    for (let id = 0; id < 60; id++) for (let k = 0; k < (id < 10 ? 3 : 2); k++) ids.push(id);
    const result = compared(checkUniqueIds(generated(ids).ops));
    expect(result["duplicated-count"]).toBe(60);
    const shown = result.duplicated;
    expect(shown.size).toBe(48);
    // All ten triples, then the 38 highest ids among the pairs (Jepsen reverses a stable sort).
    expect([...shown.keys()]).toEqual([
      ...Array.from({ length: 10 }, (_, i) => i),
      ...Array.from({ length: 38 }, (_, i) => 22 + i),
    ]);
  });

  it("is unknown when ids can't be compared", () => {
    for (const ids of [
      [1, "1"],
      [{ a: 1 }, { a: 2 }],
      [[1], 1],
    ]) {
      const result = checkUniqueIds(generated(ids).ops);
      expect(result["valid?"]).toBe(kw("unknown"));
      expect(result).toHaveProperty("error", expect.stringContaining("cannot compare"));
    }
    // Vectors compare by length, then element-wise; one object alone is never compared.
    expect(checkUniqueIds(generated([[2], [1, 1], [0]]).ops)).toMatchObject({
      range: [[0], [1, 1]],
    });
    expect(checkUniqueIds(generated([{ a: 1 }]).ops)["valid?"]).toBe(true);
  });
});

describe("echo", () => {
  it("accepts matching echoes and reports mismatches and failures", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "echo", "Please echo 1", 0);
    h.ok(0, "echo", { type: "echo_ok", echo: "Please echo 1", in_reply_to: 1 }, 1);
    expect(checkEcho(h.ops)).toEqual({ "valid?": true, errors: [] });
    h.invoke(1, "echo", "Please echo 2", 2);
    h.ok(1, "echo", { type: "echo_ok", echo: "Please echo 3", in_reply_to: 1 }, 3);
    h.invoke(0, "echo", "Please echo 4", 4);
    h.fail(0, "echo", "Please echo 4", 5, { error: ["crash", "boom"] });
    const result = checkEcho(h.ops);
    expect(result["valid?"]).toBe(false);
    expect(result.errors).toEqual([
      [
        "Expected a message with :echo",
        "Please echo 2",
        "But received",
        { type: "echo_ok", echo: "Please echo 3", in_reply_to: 1 },
      ],
      ["Expected a message with :echo", "Please echo 4", "But received", "Please echo 4"],
    ]);
    expect(toEdn(result.errors[0])).toBe(
      '["Expected a message with :echo" "Please echo 2" "But received" ' +
        '{:type "echo_ok", :echo "Please echo 3", :in_reply_to 1}]',
    );
  });

  it("does not pair :info completions (knossos pair-index), nor pending invocations", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "echo", "Please echo 1", 0);
    h.info(0, "echo", "Please echo 1", 5000, { error: "net-timeout" });
    h.invoke(1, "echo", "Please echo 2", 5001);
    expect(checkEcho(h.ops)["valid?"]).toBe(true);
  });
});

describe("stats", () => {
  it("counts completions of client ops overall and by f", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "read", null, 0);
    h.ok(0, "read", [], 1);
    h.invoke(0, "broadcast", 1, 2);
    h.info(0, "broadcast", 1, 3, { error: "net-timeout" });
    h.invoke(5, "broadcast", 2, 4);
    h.fail(5, "broadcast", 2, 5, { error: ["temporarily-unavailable", "x"] });
    h.invoke(5, "broadcast", 3, 6);
    h.ok(5, "broadcast", 3, 7);
    h.invoke("nemesis", "start-partition", null, 8);
    h.info("nemesis", "start-partition", null, 8);
    const result = checkStats(h.ops);
    expect(result).toEqual({
      "valid?": true,
      count: 4,
      "ok-count": 2,
      "fail-count": 1,
      "info-count": 1,
      "by-f": {
        broadcast: { "valid?": true, count: 3, "ok-count": 1, "fail-count": 1, "info-count": 1 },
        read: { "valid?": true, count: 1, "ok-count": 1, "fail-count": 0, "info-count": 0 },
      },
    });
    expect(toEdn(result["by-f"])).toMatch(/^\{:broadcast \{.*\}, :read \{.*\}\}$/);
  });

  it("is invalid when every read failed", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "broadcast", 1, 0);
    h.ok(0, "broadcast", 1, 1);
    h.invoke(0, "read", null, 2);
    h.fail(0, "read", null, 3, { error: "net-timeout" });
    const result = checkStats(h.ops);
    expect(result["valid?"]).toBe(false);
    expect(result["by-f"].read?.["valid?"]).toBe(false);
  });

  it("ignores :crash ops when they alone fail, and is valid with no ops", () => {
    const h = new HistoryBuilder();
    h.invoke(0, "read", null, 0);
    h.ok(0, "read", [], 1);
    h.invoke(0, "crash", null, 2);
    h.info(0, "crash", null, 3);
    expect(checkStats(h.ops)["valid?"]).toBe(true);
    expect(checkStats([])["valid?"]).toBe(true);
  });
});

describe("availability", () => {
  function history(oks: number, fails: number): HistoryBuilder {
    const h = new HistoryBuilder();
    for (let i = 0; i < oks + fails; i++) {
      h.invoke(0, "generate", null, i);
      if (i < oks) h.ok(0, "generate", i, i + 0.5);
      else h.fail(0, "generate", null, i + 0.5, { error: "net-timeout" });
    }
    h.invoke("nemesis", "start-partition", null, 99);
    h.info("nemesis", "start-partition", null, 99);
    return h;
  }

  it("computes ok-fraction as a float over client ops", () => {
    const result = checkAvailability(history(2, 1).ops);
    expect(result["valid?"]).toBe(true);
    expect(result["ok-fraction"]).toEqual(float(2 / 3));
    expect(toEdn(result)).toBe("{:valid? true, :ok-fraction 0.6666667}");
    expect(toEdn(checkAvailability(history(3, 0).ops, "total"))).toBe(
      "{:valid? true, :ok-fraction 1.0}",
    );
  });

  it("is 1 with no invocations", () => {
    expect(checkAvailability([], "total")).toEqual({ "valid?": true, "ok-fraction": 1 });
  });

  it("checks --availability total and a number", () => {
    expect(checkAvailability(history(99, 1).ops, "total")["valid?"]).toBe(false);
    expect(checkAvailability(history(99, 1).ops, 0.99)["valid?"]).toBe(true);
    expect(checkAvailability(history(98, 2).ops, 0.99)["valid?"]).toBe(false);
    expect(num(checkAvailability(history(98, 2).ops)["ok-fraction"])).toBe(0.98);
  });
});

describe("exceptions", () => {
  it("is just valid with no exceptions", () => {
    expect(checkExceptions(new HistoryBuilder().ops)).toEqual({ "valid?": true });
  });

  it("groups :info ops with exceptions by class, most frequent first", () => {
    const h = new HistoryBuilder();
    const ex = (cls: string) => ({ exception: { class: cls, message: "boom" } });
    h.invoke(0, "read", null, 0);
    h.info(0, "read", null, 1, { ...ex("java.lang.IllegalStateException"), error: "x y" });
    h.invoke(1, "add", 1, 2);
    h.info(1, "add", 1, 3, ex("clojure.lang.ExceptionInfo"));
    h.invoke(4, "add", 2, 4);
    h.info(4, "add", 2, 5, ex("clojure.lang.ExceptionInfo"));
    h.invoke(2, "add", 3, 6);
    h.fail(2, "add", 3, 7, ex("java.lang.Ignored")); // not :info
    const result = checkExceptions(h.ops);
    expect(result.exceptions?.map((e) => [e.count, e.class])).toEqual([
      [2, sym("clojure.lang.ExceptionInfo")],
      [1, sym("java.lang.IllegalStateException")],
    ]);
    expect(result.exceptions?.[0]?.example.value.index).toBe(3);
    expect(toEdn(result.exceptions?.[1])).toBe(
      "{:count 1, :class java.lang.IllegalStateException, :example #jepsen.history.Op{:index 1, " +
        ':time 1000000, :type :info, :process 0, :f :read, :value nil, :error "x y", ' +
        ':exception {:via [{:type java.lang.IllegalStateException, :message "boom"}], ' +
        ':cause "boom"}}}',
    );
  });
});
