// What a run says at its end when Maelstrom's verdict hides a broken node: a node whose output
// Maelstrom stopped reading still passes echo (its later replies time out as :info), but the
// headline, the closing line and the challenge table say so.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judge, verdict } from "../../../maelstrom/challenge-runner.js";
import { CHALLENGES } from "../../../maelstrom/challenges.js";
import { faultWarnings, headline, verdictLine } from "../../../maelstrom/output/summary.js";
import { simulate } from "../../../maelstrom/simulate.js";
import type { Program } from "../../../src/runtime/node.js";

/** Echoes, but after its third echo sends one message to a node that does not exist. */
const strayEcho: Program = (node) => {
  let echoes = 0;
  node.on("echo", ({ body }) => {
    if (++echoes === 3) node.send("n9", { type: "hello" });
    return { type: "echo_ok", echo: body.echo };
  });
};

describe("warnings next to the verdict", () => {
  it("keeps Maelstrom's valid verdict for a node whose output stopped, and says what happened", async () => {
    const run = await simulate({
      test: {
        workload: "echo",
        nodeCount: 1,
        timeLimitS: 2,
        rate: 10,
        seed: 1,
        storeDir: mkdtempSync(join(tmpdir(), "treecast-warn-")),
      },
      program: strayEcho,
    });
    expect(run.exitCode).toBe(0);
    expect((run.analysis!.json.stats as Record<string, number>)["info-count"]).toBeGreaterThan(0);
    const [warning] = faultWarnings(run.faults);
    expect(warning).toMatch(/^n0 stdout reader stopped \(Invalid dest for message: n9\) at ".*n9/);
    expect(headline(run.analysis!, run.faults)).toContain(`valid? true (WARNING: ${warning})`);
    expect(verdictLine(run.exitCode, run.faults)).not.toMatch(/Everything looks good/);
    expect(verdictLine(run.exitCode, run.faults)).toContain(warning);
    expect(verdictLine(0, [])).toMatch(/Everything looks good/);

    const echo = CHALLENGES.find((c) => c.id === "1")!;
    const row = judge(echo, run.analysis!.json, run.dir, run.exitCode, faultWarnings(run.faults));
    expect(row.ok).toBe(true);
    expect(verdict(row)).toBe(`WARN: ${warning}`);
    expect(verdict(judge(echo, run.analysis!.json, run.dir, 0))).toBe("PASS");
  });
});
