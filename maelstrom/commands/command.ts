/**
 * Treecast's own (docs/MAELSTROM.md#cli).
 * One `bin/maelstrom` subcommand: `main.ts` dispatches to it and prints its usage on --help.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../options.js";

export interface Command {
  name: string;
  /** One line for `maelstrom --help`. */
  summary: string;
  /** The full usage text, for `maelstrom <name> --help` and usage errors. */
  usage(): string;
  /** Runs with the arguments after the command name; resolves with the exit code. */
  run(argv: string[]): Promise<number>;
}

/** A subcommand's flags and positional arguments; a bad flag is a UsageError (exit 254). */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
