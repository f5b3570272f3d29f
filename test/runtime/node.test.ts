import { describe, expect, it } from "vitest";
import {
  ErrorCode,
  errorName,
  isDefinite,
  MaelstromError,
  RpcTimeoutError,
} from "../../src/runtime/errors.js";
import { testNode } from "../support/harness-node.js";

describe("init", () => {
  it("stores the ids and replies init_ok", () => {
    const t = testNode();
    const out = t.request("c0", { type: "init", msg_id: 1, node_id: "n2", node_ids: ["n1", "n2"] });
    expect(out).toEqual([{ src: "n2", dest: "c0", body: { type: "init_ok", in_reply_to: 1 } }]);
    expect(t.node.nodeId).toBe("n2");
    expect(t.node.nodeIds).toEqual(["n1", "n2"]);
  });

  it("runs init listeners before init_ok", () => {
    const order: string[] = [];
    const t = testNode((node) => node.onInit(() => order.push(`listener:${node.nodeId}`)));
    t.node.env.send = ((send) => (m) => {
      order.push(`send:${m.body.type}`);
      send(m);
    })(t.node.env.send);
    t.init("n1");
    expect(order).toEqual(["listener:n1", "send:init_ok"]);
  });

  it("rejects an init without node_ids with malformed-request", () => {
    const t = testNode();
    const [reply] = t.request("c0", { type: "init", msg_id: 7, node_id: "n1" });
    expect(reply?.body).toMatchObject({
      type: "error",
      in_reply_to: 7,
      code: ErrorCode.malformedRequest,
    });
    expect(t.node.initialised).toBe(false);
  });

  it("answers requests that arrive before init with temporarily-unavailable", () => {
    const t = testNode((node) => node.on("echo", () => ({ type: "echo_ok" })));
    const [reply] = t.request("c1", { type: "echo", msg_id: 3, echo: 1 });
    expect(reply).toMatchObject({
      src: "n0",
      dest: "c1",
      body: { code: ErrorCode.temporarilyUnavailable },
    });
  });
});

describe("bad input", () => {
  it("logs and skips a malformed line without replying", () => {
    const t = testNode();
    t.init();
    t.node.receiveLine("{not json");
    t.node.receiveLine("[1,2]");
    expect(t.sent).toHaveLength(1);
    expect(t.logs.join("\n")).toMatch(/malformed line \(not JSON/);
    expect(t.logs.join("\n")).toMatch(/not a JSON object/);
  });

  it("answers a readable request with no type with malformed-request", () => {
    const t = testNode();
    t.init();
    t.node.receiveLine(JSON.stringify({ src: "c1", dest: "n0", body: { msg_id: 4 } }));
    expect(t.sent.at(-1)).toEqual({
      src: "n0",
      dest: "c1",
      body: { type: "error", in_reply_to: 4, code: 12, text: "body has no string `type`" },
    });
  });

  it("tolerates Maelstrom's extra top-level id", () => {
    const t = testNode((node) => node.on("ping", () => ({ type: "pong" })));
    t.init();
    t.node.receiveLine(
      JSON.stringify({ id: 42, src: "c1", dest: "n0", body: { type: "ping", msg_id: 1 } }),
    );
    expect(t.sent.at(-1)).toEqual({
      src: "n0",
      dest: "c1",
      body: { type: "pong", in_reply_to: 1 },
    });
  });

  it("answers an unknown type with not-supported", () => {
    const t = testNode();
    t.init();
    const [reply] = t.request("c1", { type: "frobnicate", msg_id: 2 });
    expect(reply?.body).toMatchObject({
      type: "error",
      in_reply_to: 2,
      code: ErrorCode.notSupported,
    });
  });

  it("maps a throwing handler to crash, or to the code it threw", async () => {
    const t = testNode((node) => {
      node.on("boom", () => {
        throw new Error("kaput");
      });
      node.on("cas", async () => {
        throw new MaelstromError(ErrorCode.preconditionFailed, "expected 3");
      });
    });
    t.init();
    const [crash] = t.request("c1", { type: "boom", msg_id: 1 });
    expect(crash?.body).toMatchObject({ code: ErrorCode.crash });
    expect(t.logs.join("\n")).toMatch(/kaput/);
    t.request("c1", { type: "cas", msg_id: 2 });
    await Promise.resolve();
    expect(t.sent.at(-1)?.body).toEqual({
      type: "error",
      in_reply_to: 2,
      code: 22,
      text: "expected 3",
    });
  });

  it("recognises the code thrown by another copy of the runtime (a bundled executable's)", async () => {
    // A second instance of errors.ts, as a dist/bin bundle carries its own.
    const anotherCopy = "../../src/runtime/errors.js?another-copy";
    const copy: typeof import("../../src/runtime/errors.js") = await import(
      /* @vite-ignore */ anotherCopy
    );
    expect(copy.MaelstromError).not.toBe(MaelstromError);
    const t = testNode((node) => {
      node.on("add", () => {
        throw new copy.MaelstromError(copy.ErrorCode.malformedRequest, "add: no element");
      });
    });
    t.init();
    const [reply] = t.request("c1", { type: "add", msg_id: 1 });
    expect(reply?.body).toEqual({
      type: "error",
      in_reply_to: 1,
      code: ErrorCode.malformedRequest,
      text: "add: no element",
    });
    expect(MaelstromError.is(new RpcTimeoutError("n2", "read", 5))).toBe(true);
    expect(MaelstromError.is(new Error("plain"))).toBe(false);
  });

  it("keeps reply order for synchronous handlers, errors included", () => {
    const t = testNode((node) => node.on("ok", () => ({ type: "ok_ok" })));
    t.init();
    t.request("c1", { type: "ok", msg_id: 1 });
    t.request("c1", { type: "nope", msg_id: 2 });
    t.request("c1", { type: "ok", msg_id: 3 });
    expect(t.sent.slice(1).map((m) => m.body.in_reply_to)).toEqual([1, 2, 3]);
  });
});

describe("rpc", () => {
  it("resolves with the reply matched by in_reply_to", async () => {
    const t = testNode();
    t.init();
    const first = t.node.rpc("n1", { type: "read" }, { timeoutMs: 1000 });
    const second = t.node.rpc("n2", { type: "read" }, { timeoutMs: 1000 });
    const [a, b] = t.sent.slice(-2);
    t.node.receive({
      src: "n2",
      dest: "n0",
      body: { type: "read_ok", value: 2, in_reply_to: b!.body.msg_id! },
    });
    t.node.receive({
      src: "n1",
      dest: "n0",
      body: { type: "read_ok", value: 1, in_reply_to: a!.body.msg_id! },
    });
    await expect(first).resolves.toMatchObject({ value: 1 });
    await expect(second).resolves.toMatchObject({ value: 2 });
  });

  it("rejects with a typed timeout and drops the late reply", async () => {
    const t = testNode();
    t.init();
    const call = t.node.rpc("n1", { type: "read" }, { timeoutMs: 500 });
    const msgId = t.sent.at(-1)!.body.msg_id!;
    t.clock.advanceBy(499);
    t.clock.advanceBy(1);
    await expect(call).rejects.toBeInstanceOf(RpcTimeoutError);
    await expect(call).rejects.toMatchObject({ code: 0, definite: false });
    t.node.receive({ src: "n1", dest: "n0", body: { type: "read_ok", in_reply_to: msgId } });
    expect(t.logs.join("\n")).toMatch(/late or unknown reply from n1/);
  });

  it("rejects with the error the peer sent", async () => {
    const t = testNode();
    t.init();
    const call = t.node.rpc("lin-kv", { type: "read", key: 1 }, { timeoutMs: 500 });
    const msgId = t.sent.at(-1)!.body.msg_id!;
    t.node.receive({
      src: "lin-kv",
      dest: "n0",
      body: { type: "error", code: 20, text: "no key", in_reply_to: msgId },
    });
    await expect(call).rejects.toMatchObject({ code: 20, message: "no key", definite: true });
  });
});

describe("error table", () => {
  it("names and classifies every Maelstrom code", () => {
    expect(Object.values(ErrorCode).map((c) => [c, errorName(c), isDefinite(c)])).toEqual([
      [0, "timeout", false],
      [1, "node-not-found", true],
      [10, "not-supported", true],
      [11, "temporarily-unavailable", true],
      [12, "malformed-request", true],
      [13, "crash", false],
      [14, "abort", true],
      [20, "key-does-not-exist", true],
      [21, "key-already-exists", true],
      [22, "precondition-failed", true],
      [30, "txn-conflict", true],
    ]);
    expect([errorName(1000), isDefinite(1000)]).toEqual(["unknown", false]);
  });
});

describe("errors nobody can be told about", () => {
  it("are logged when the failing request had no msg_id", () => {
    const t = testNode((node) =>
      node.on("gossip", () => {
        throw new MaelstromError(ErrorCode.malformedRequest, "bad summary");
      }),
    );
    t.init();
    const out = t.request("n1", { type: "gossip" });
    expect(out).toEqual([]);
    expect(t.logs.join("\n")).toMatch(/error handling .*gossip.* from n1: .*bad summary/);
  });
});
