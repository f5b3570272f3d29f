// Runs the vitest suite and ends with the one line our CI reads: "N passed, N failed".
// Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const report = join(mkdtempSync(join(tmpdir(), "treecast-test-")), "vitest.json");
const run = spawnSync(
  "npx",
  [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
let summary;
try {
  summary = JSON.parse(readFileSync(report, "utf8"));
} catch {
  console.log("0 passed, 1 failed");
  console.error(`vitest wrote no report (exit ${run.status}, signal ${run.signal})`);
  process.exit(1);
}
const failed = summary.numFailedTests + (summary.success || summary.numFailedTests > 0 ? 0 : 1);
console.log(`${summary.numPassedTests} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
