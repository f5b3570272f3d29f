// `maelstrom test --sim` runs in a Node with large semi-spaces (a 1,000-node run spent 44 % of
// its time scavenging with V8's default), started again by itself when it was not given them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIM_YOUNG_GENERATION } from "../../../maelstrom/sim/young-generation.js";

const ROOT = join(import.meta.dirname, "../../..");

function simulatedEchoFlags(node: string[]): { status: number | null; flags: string } {
  const store = mkdtempSync(join(tmpdir(), "treecast-young-"));
  const fixture = join(ROOT, "test/support/fixtures/flags-echo.mjs");
  const args = ["test", "--sim", "-w", "echo", "--bin", fixture, "--node-count", "1"];
  const run = spawnSync(
    process.execPath,
    [
      ...node,
      join(ROOT, "dist/maelstrom/main.js"),
      ...args,
      "--time-limit",
      "1",
      "--no-report",
      "--store",
      store,
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
  );
  const [dir] = readdirSync(join(store, "echo"));
  const log = readFileSync(join(store, "echo", dir!, "node-logs", "n0.log"), "utf8");
  return { status: run.status, flags: /node flags: (.*)/.exec(log)?.[1] ?? "" };
}

describe("the young generation of a simulated run", () => {
  it("is set by starting again when Node was started without it", () => {
    const { status, flags } = simulatedEchoFlags([]);
    expect(status).toBe(0);
    expect(flags.split(" ")).toContain(SIM_YOUNG_GENERATION);
  });

  it("is left as given when Node was started with a size of its own", () => {
    const { status, flags } = simulatedEchoFlags(["--max-semi-space-size=32"]);
    expect(status).toBe(0);
    expect(flags).toBe("--max-semi-space-size=32");
  });
});
