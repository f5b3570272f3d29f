// The package as a user gets it: `npm pack`, install the tarball into a scratch project, and
// there type-check (with this repository's tsc) and run, through the installed harness, the
// node of the README's "Write your own node" (taken from the README itself, so it stays true)
// and a script on treecast/harness + treecast/runtime. Packs the dist/ that `npm ci` built.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const work = mkdtempSync(join(tmpdir(), "treecast-pack-"));
const scratch = join(work, "project");

/** The first TypeScript block of the README's "Write your own node" section. */
function readmeNode(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Write your own node\n"));
  const code = section?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (code === undefined)
    throw new Error("README has no TypeScript node under Write your own node");
  return code;
}

// Drives simulate() from the package: a correct echo node must be valid, a wrong one invalid.
const HARNESS_SCRIPT = `import { simulate, type TestRun } from "treecast/harness";
import type { Program } from "treecast/runtime";

const echo = (suffix: string): Program => (node) => {
  node.on("echo", ({ body }) => ({ type: "echo_ok", echo: \`\${String(body.echo)}\${suffix}\` }));
};
const verdicts: Array<[number, string | undefined]> = [];
for (const suffix of ["", "!"]) {
  const run: TestRun = await simulate({
    test: { workload: "echo", nodeCount: 2, timeLimitS: 5, rate: 10, seed: 3, storeDir: process.argv[2] },
    program: echo(suffix),
  });
  verdicts.push([run.exitCode, run.analysis?.valid]);
}
process.stdout.write(JSON.stringify(verdicts));
`;

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

beforeAll(() => {
  // --ignore-scripts: pack the dist/ already built, instead of rebuilding it under other tests.
  const tarball = npm(["pack", "--ignore-scripts", "--pack-destination", work, "--silent"], ROOT)
    .trim()
    .split("\n")
    .at(-1)!;
  mkdirSync(join(scratch, "src"), { recursive: true });
  writeFileSync(
    join(scratch, "package.json"),
    JSON.stringify({ name: "my-nodes", private: true, type: "module" }),
  );
  writeFileSync(
    join(scratch, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        rootDir: "src",
        outDir: "dist",
        // Node's types from this repository, so the scratch project installs only the tarball.
        typeRoots: [join(ROOT, "node_modules/@types")],
        types: ["node"],
      },
      include: ["src"],
    }),
  );
  writeFileSync(join(scratch, "src/g-set.ts"), readmeNode());
  writeFileSync(join(scratch, "src/check-harness.ts"), HARNESS_SCRIPT);
  npm(["install", join(work, tarball), "--ignore-scripts"], scratch);
}, 120_000);

describe("the packed package", () => {
  it("ships declarations that type-check a user's node and harness script", () => {
    const tsc = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], {
      cwd: scratch,
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it.each([
    ["as processes", []],
    ["in virtual time (--sim)", ["--sim"]],
  ])(
    "runs the README's node through its installed maelstrom %s, valid",
    (mode, extra) => {
      const bin = join(scratch, "dist/g-set.js");
      chmodSync(bin, 0o755);
      const store = join(work, `store-${extra.length}`);
      const argv = "test -w g-set --node-count 3 --time-limit 3 --rate 20 --seed 5".split(" ");
      const run = spawnSync(
        join(scratch, "node_modules/.bin/maelstrom"),
        [...argv, "--bin", bin, "--store", store, ...extra],
        { encoding: "utf8" },
      );
      expect(run.status, `${mode}: ${run.stderr}`).toBe(0);
      const results = JSON.parse(
        readFileSync(join(store, "latest/results.json"), "utf8"),
      ) as Record<string, any>;
      expect(results["valid?"]).toBe(true);
      expect(results.workload["stable-count"]).toBeGreaterThan(0);
      expect(results.workload["lost-count"]).toBe(0);
    },
    60_000,
  );

  it("simulates with treecast/harness: a correct node valid, a wrong one invalid", () => {
    const script = spawnSync(
      process.execPath,
      [join(scratch, "dist/check-harness.js"), join(work, "sim")],
      { cwd: scratch, encoding: "utf8" },
    );
    expect(script.status, script.stderr).toBe(0);
    expect(JSON.parse(script.stdout)).toEqual([
      [0, "true"],
      [1, "false"],
    ]);
  }, 60_000);
});
