import { describe, expect, it } from "vitest";
import {
  flagUsage,
  parseTestOptions,
  TEST_FLAGS,
  testCommandLine,
  testOptions,
  UsageError,
} from "../../maelstrom/options.js";

describe("maelstrom test options", () => {
  it("uses Maelstrom's defaults", () => {
    const o = parseTestOptions(["-w", "broadcast", "--bin", "x", "--seed", "4"]);
    expect(o).toMatchObject({
      nodes: ["n1", "n2", "n3", "n4", "n5"],
      timeLimitS: 60,
      rate: 5,
      concurrency: 5,
      latencyMs: 0,
      latencyDist: "constant",
      nemesis: [],
      nemesisIntervalS: 10,
      topology: "grid",
      availability: undefined,
      seed: 4,
    });
  });

  it("understands node counts, Kn concurrency, fractions and positional node args anywhere", () => {
    const o = parseTestOptions([
      "arg1",
      "-w",
      "broadcast",
      "--bin",
      "x",
      "--node-count",
      "3",
      "--concurrency",
      "2n",
      "--nemesis-interval",
      "1/2",
      "--availability",
      "0.9",
      "arg2",
    ]);
    expect(o).toMatchObject({
      nodes: ["n0", "n1", "n2"],
      concurrency: 6,
      nemesisIntervalS: 0.5,
      availability: 0.9,
      args: ["arg1", "arg2"],
    });
    expect(parseTestOptions(["-w", "echo", "--bin", "x", "--nodes", "a,b"]).nodes).toEqual([
      "a",
      "b",
    ]);
  });

  it("rejects bad arguments with a usage error", () => {
    const bad = [
      ["-w", "echo"],
      ["-w", "lin-kv", "--bin", "x"],
      ["-w", "echo", "--bin", "x", "--concurrency", "n2"],
      ["-w", "echo", "--bin", "x", "--latency-dist", "uniform"],
      ["-w", "echo", "--bin", "x", "--nemesis", "kill"],
      ["-w", "echo", "--bin", "x", "--topology", "ring"],
      ["-w", "echo", "--bin", "x", "--time-limit", "0"],
      ["-w", "echo", "--bin", "x", "--frobnicate"],
    ];
    for (const argv of bad)
      expect(() => parseTestOptions(argv), argv.join(" ")).toThrow(UsageError);
  });

  it("builds the same options from code as from the command line", () => {
    const fromCli = parseTestOptions([
      ..."-w broadcast --bin x --node-count 25 --time-limit 20 --rate 100 --latency 100".split(" "),
      ..."--nemesis partition --seed 7".split(" "),
    ]);
    const fromCode = testOptions({
      workload: "broadcast",
      bin: "x",
      nodeCount: 25,
      timeLimitS: 20,
      rate: 100,
      latencyMs: 100,
      nemesis: ["partition"],
      seed: 7,
    });
    expect(fromCode).toEqual(fromCli);
    expect(testOptions(fromCode)).toEqual(fromCode);
    expect(() => testOptions({ workload: "echo", nodes: ["n1", "n1"] })).toThrow(/differ/);
    expect(() => testOptions({ workload: "echo", rate: -1 })).toThrow(UsageError);
  });

  it("lists every flag in the usage text", () => {
    const usage = flagUsage(TEST_FLAGS);
    for (const flag of TEST_FLAGS) expect(usage).toContain(`--${flag.name}`);
    expect(usage).toContain("--node-niceness");
  });
});

describe("testCommandLine", () => {
  it("gives the arguments that reproduce the options", () => {
    const cases = [
      testOptions({ workload: "echo", bin: "bin/echo", seed: 3 }),
      testOptions({
        workload: "broadcast",
        bin: "bin/broadcast",
        args: ["--profile", "efficient"],
        nodeCount: 25,
        timeLimitS: 20,
        rate: 100,
        latencyMs: 100,
        latencyDist: "exponential",
        nemesis: ["partition"],
        nemesisIntervalS: 2.5,
        topology: "tree4",
        availability: 0.5,
        logStderr: true,
        seed: 9,
        storeDir: "/tmp/s",
        nodeNiceness: 5,
        report: false,
      }),
      testOptions({ workload: "g-set", bin: "x", nodes: ["a", "b"], concurrency: "2n", seed: 1 }),
    ];
    for (const options of cases) {
      const argv = testCommandLine(options);
      expect(parseTestOptions(argv)).toEqual(options);
    }
    expect(testCommandLine(cases[0]!)).toEqual([
      "--workload",
      "echo",
      "--bin",
      "bin/echo",
      "--seed",
      "3",
    ]);
  });
});
