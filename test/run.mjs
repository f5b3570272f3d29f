// The test command (`npm test`): type check, lint, then the vitest suite. It always ends with
// the one line our CI reads, "N passed, N failed", where a failed type check or lint counts as
// one failure each. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (command, args) => spawnSync(command, args, { stdio: "inherit" }).status === 0;

let passed = 0;
let failed = 0;
for (const [name, args] of [
  ["type check", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
  ["lint", ["biome", "ci", "."]],
]) {
  if (run("npx", args)) passed++;
  else {
    failed++;
    console.error(`${name} failed`);
  }
}

const report = join(mkdtempSync(join(tmpdir(), "treecast-test-")), "vitest.json");
const vitestOk = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
try {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed += summary.numPassedTests;
  // A suite that failed to load fails no test but must still fail the run.
  failed += summary.numFailedTests + (vitestOk || summary.numFailedTests > 0 ? 0 : 1);
} catch {
  failed++;
  console.error("vitest wrote no report");
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
