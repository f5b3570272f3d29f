#!/usr/bin/env node
/**
 * Reimplements `maelstrom.core/-main` and `jepsen.cli` (docs/MAELSTROM.md#cli).
 * bin/maelstrom: a JVM-free Maelstrom (the CLI of Maelstrom's `maelstrom.core`). Each subcommand
 * is a module of `commands/`; `maelstrom --help` lists them, `maelstrom <command> --help` shows
 * one. Exit codes as Maelstrom: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 crash.
 */
import { compareCommand } from "../compare/command.js";
import { challengeCommand } from "./commands/challenge.js";
import type { Command } from "./commands/command.js";
import { explainCommand } from "./commands/explain.js";
import { serveCommand } from "./commands/serve.js";
import { sweepCommand } from "./commands/sweep.js";
import { testCommand } from "./commands/test.js";
import { UsageError } from "./options.js";
import { rerunWithSimHeap } from "./sim/young-generation.js";

const COMMANDS: readonly Command[] = [
  testCommand,
  sweepCommand,
  challengeCommand,
  compareCommand,
  serveCommand,
  explainCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: maelstrom <command> [options]   (maelstrom <command> --help for its options)\n\n${COMMANDS.map(
    (c) => `  ${c.name.padEnd(width)}  ${c.summary}`,
  ).join("\n")}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? process.stderr : process.stdout).write(`${overview()}\n`);
    return name === undefined ? 254 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command ${name}\n\n${overview()}\n`);
    return 254;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.usage()}\n`);
    return 0;
  }
  if (command === testCommand && rest.includes("--sim")) {
    const code = rerunWithSimHeap();
    if (code !== undefined) return code;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${command.usage()}\n`);
      return 254;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 255;
  }
}

// Anything that escapes (a stream error, a throw in a timer) is a crash, not a verdict.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error) => {
    process.stderr.write(`internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(255);
  });
}
const code = await main(process.argv.slice(2));
// Exit even if a stray handle (say, a pipe held open by a node's orphaned child) would linger.
process.stdout.write("", () => process.exit(code));
