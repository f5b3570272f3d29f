/**
 * Treecast's own (docs/MAELSTROM.md#cli).
 * One `bin/maelstrom` subcommand: `main.ts` dispatches to it and prints its usage on --help.
 */
export interface Command {
  name: string;
  /** One line for `maelstrom --help`. */
  summary: string;
  /** The full usage text, for `maelstrom <name> --help` and usage errors. */
  usage(): string;
  /** Runs with the arguments after the command name; resolves with the exit code. */
  run(argv: string[]): Promise<number>;
}
