import { describe, expect, it } from "vitest";
import { echo } from "../../src/programs/echo.js";
import { uniqueIds } from "../../src/programs/unique-ids.js";
import { testNode } from "../support/harness-node.js";

describe("echo", () => {
  it("echoes any JSON value back", () => {
    const t = testNode(echo);
    t.init();
    for (const [i, value] of ["Please echo 35", { nested: [1, null] }, 0].entries()) {
      const [reply] = t.request("c3", { type: "echo", msg_id: i + 1, echo: value });
      expect(reply).toEqual({
        src: "n0",
        dest: "c3",
        body: { type: "echo_ok", echo: value, in_reply_to: i + 1 },
      });
    }
  });
});

describe("unique-ids", () => {
  const generate = (t: ReturnType<typeof testNode>, count: number) =>
    Array.from(
      { length: count },
      (_, i) => t.request("c9", { type: "generate", msg_id: i + 1 })[0]!.body.id,
    );

  it("never repeats an id across nodes and restarts, and always uses strings", () => {
    const ids: unknown[] = [];
    for (const nodeId of ["n0", "n1", "n2"]) {
      // Restarts within the same millisecond differ only in their random bits.
      for (let restart = 0; restart < 3; restart++) {
        const t = testNode(uniqueIds, { seed: restart, startMs: 1_700_000_000_000 });
        t.init(nodeId);
        ids.push(...generate(t, 500));
      }
    }
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
