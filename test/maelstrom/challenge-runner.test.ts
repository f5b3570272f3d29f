import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { judge, runChallenges } from "../../maelstrom/challenge-runner.js";
import { CHALLENGES } from "../../maelstrom/challenges.js";
import { readResults } from "../../maelstrom/output/outputs.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/support/fixtures");
const challenge = (id: string) => CHALLENGES.find((c) => c.id === id)!;

describe("challenge judging", () => {
  const results = readResults(join(FIXTURES, "maelstrom-3d/results.edn"));

  it("reads the figures from a Maelstrom results.edn", () => {
    const row = judge(challenge("3d"), results, "dir", 0);
    expect(row.valid).toBe(true);
    expect(row.figures.map((f) => [f.label, f.value, f.ok])).toEqual([
      ["msgs-per-op", 12.143849, true],
      ["median latency", 376, true],
      ["max latency", 553, true],
    ]);
    expect(row.ok).toBe(true);
  });

  it("fails a row whose figure misses a threshold, or that has no results", () => {
    const tight = {
      ...challenge("3d"),
      thresholds: challenge("3d").thresholds.map((t) => ({ ...t, below: 10 })),
    };
    expect(judge(tight, results, "dir", 0).ok).toBe(false);
    expect(judge(challenge("3a"), null, "dir", 0)).toMatchObject({
      ok: false,
      valid: "no results",
    });
    expect(judge(challenge("3a"), null, "dir", 0, [], "unreadable results: …")).toMatchObject({
      ok: false,
      valid: "unreadable results: …",
    });
    // A run that crashed fails even if its results say valid.
    expect(judge(challenge("3d"), results, "dir", 255)).toMatchObject({
      ok: false,
      valid: "true (exit 255)",
    });
  });

  it("runs a real Maelstrom launcher with Fly.io's parameters and judges what it wrote", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "treecast-real-"));
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const exit = await runChallenges({
      ids: ["3d"],
      maelstrom: join(FIXTURES, "fake-maelstrom.sh"),
      storeDir: "store",
      projectRoot: ROOT,
      cwd,
    });
    write.mockRestore();
    expect(exit).toBe(0);
    const args = readFileSync(join(cwd, "store/latest/args.txt"), "utf8");
    expect(args).toMatch(
      /^test -w broadcast --bin \S+bin\/broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100$/m,
    );
  });
});
