#!/usr/bin/env node
// A baseline broadcast design over stdio: `bin/baseline <name>` (flood, star-rpc, …).
import { BASELINE_NAMES, BASELINES, type BaselineName } from "../programs/baselines/index.js";
import { runOverStdio } from "../runtime/stdio.js";

const name = process.argv[2] ?? "";
if (!BASELINE_NAMES.includes(name as BaselineName)) {
  process.stderr.write(
    `usage: baseline ${BASELINE_NAMES.join("|")} (got ${JSON.stringify(name)})\n`,
  );
  process.exit(2);
}
runOverStdio(BASELINES[name as BaselineName].program);
