#!/usr/bin/env node
import { ConfigError, parseConfig } from "../programs/broadcast/config.js";
import { broadcast } from "../programs/broadcast.js";
import { runOverStdio } from "../runtime/stdio.js";

// The environment is read here, once; the program gets a plain settings object.
let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`broadcast: ${error.message}\n`);
  process.exit(2);
}
runOverStdio(broadcast(config));
