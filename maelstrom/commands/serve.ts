/**
 * Reimplements the `serve` command of `maelstrom.core` (docs/MAELSTROM.md#serve).
 * `maelstrom serve`: browse a store's runs and reports over HTTP (see `serve/server.ts`).
 */
import { existsSync } from "node:fs";
import { type FlagHelp, flagUsage, UsageError } from "../options.js";
import { startServer } from "../serve/server.js";
import { type Command, parseCommandArgs } from "./command.js";

const FLAGS: FlagHelp[] = [
  { name: "port", value: "N", help: "port to listen on (default 8080; 0 picks a free one)" },
  {
    name: "host",
    value: "ADDR",
    help: "address to bind (default 127.0.0.1; 0.0.0.0 exposes the store to the network)",
  },
];

const OPTIONS = {
  port: { type: "string", default: "8080" },
  host: { type: "string", default: "127.0.0.1" },
} as const;

export const serveCommand: Command = {
  name: "serve",
  summary: "browse the runs of a store (default store/) in a web browser",
  usage: () => `Usage: maelstrom serve [--port N] [--host ADDR] [STORE]\n\n${flagUsage(FLAGS)}`,
  async run(argv) {
    const parsed = parseCommandArgs(argv, OPTIONS);
    const { port, host } = parsed.values;
    if (!/^\d+$/.test(port) || Number(port) > 65535)
      throw new UsageError(`--port must be an integer in [0, 65535], got ${port}`);
    if (parsed.positionals.length > 1) throw new UsageError("name at most one store");
    const store = parsed.positionals[0] ?? "store";
    if (!existsSync(store)) throw new UsageError(`no store at ${store}: run a test first`);
    const running = await startServer({ store, host, port: Number(port) });
    process.stdout.write(`Serving ${store} at ${running.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((stop) => {
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await running.close();
    return 0;
  },
};
