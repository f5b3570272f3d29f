// The comparison's bad input: unknown strategies, --bin paths that are missing or not
// executable, rows that crash or outlive their time bound. Each is a failed row with its
// cause, named on stderr, while the other rows still run and the table keeps them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runComparison } from "../../compare/comparison.js";
import { binStrategy, STRATEGIES } from "../../compare/strategies.js";
import type { Table } from "../../compare/table.js";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/support/fixtures");

describe("maelstrom compare, bad input", () => {
  it("marks unknown, missing, non-executable and crashing rows failed and runs the others", () => {
    const store = mkdtempSync(join(tmpdir(), "treecast-compare-bad-"));
    const notExecutable = join(store, "node.js");
    writeFileSync(notExecutable, "console.log('hi')\n", { mode: 0o644 });
    const crashing = join(store, "crashing");
    writeFileSync(crashing, "#!/bin/sh\necho 'out of patience' >&2\nexit 3\n", { mode: 0o755 });
    const result = spawnSync(
      join(ROOT, "bin/maelstrom"),
      [
        "compare",
        ...["--strategies", "flod,star-batch", "--seeds", "1", "--time-limit", "3"],
        ...["--bin", join(store, "missing"), "--bin", notExecutable, "--name", "plain-file"],
        ...["--bin", crashing, "--store", store],
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/row flod: unknown strategy \(known: flood,/);
    expect(result.stderr).toMatch(
      /row missing \(3d\/3e\) failed: seed 1: .*missing does not exist/,
    );
    expect(result.stderr).toMatch(/row plain-file \(3d\/3e\) failed: seed 1: .*is not executable/);
    expect(result.stderr).toMatch(
      /row crashing \(3d\/3e\) failed: seed 1: exit 255: .*(NODE CRASHED|aborted)/,
    );
    const [dir] = readdirSync(join(store, "compare"));
    const table = JSON.parse(
      readFileSync(join(store, "compare", dir!, "table.json"), "utf8"),
    ) as Table;
    expect(table.rows.map((row) => [row.strategy, row.failure === undefined])).toEqual([
      ["flod", false],
      ["star-batch", true],
      ["missing", false],
      ["plain-file", false],
      ["crashing", false],
    ]);
    expect(result.stdout).toContain("| star-batch | 3d/3e |");
    expect(result.stdout).toContain(join(store, "compare", dir!));
  }, 150_000);

  it("refuses malformed arguments with a usage error", () => {
    for (const args of [["--seeds", "1,x"], ["--time-limit", "0"], ["--name", "a"], ["--bogus"]]) {
      const result = spawnSync(join(ROOT, "bin/maelstrom"), ["compare", ...args], {
        encoding: "utf8",
      });
      expect(result.status, args.join(" ")).toBe(254);
      expect(result.stderr).toMatch(/Usage: maelstrom compare/);
    }
  });

  it("stops a row that outlives its time bound, in-process or as processes", async () => {
    const { table } = await runComparison({
      entries: [
        { strategy: STRATEGIES.find((s) => s.name === "star-batch")! },
        { strategy: binStrategy("lonely", join(FIXTURES, "lonely-broadcast.mjs")) },
      ],
      seeds: [1],
      nemesis: false,
      processes: false,
      timeLimitS: 5,
      storeDir: mkdtempSync(join(tmpdir(), "treecast-compare-bound-")),
      projectRoot: ROOT,
      command: "test",
      boundMs: 300,
    });
    expect(table.rows.map((row) => row.failure)).toEqual([
      "seed 1: hung: stopped after 0.3 s",
      "seed 1: hung: killed after 0.3 s",
    ]);
  }, 60_000);
});
