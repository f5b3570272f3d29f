/**
 * Treecast's own (docs/MAELSTROM.md#report).
 * `maelstrom explain VALUE [RUN]`: why a value was stale, as text (see `report/explain.ts`).
 */
import { existsSync } from "node:fs";
import { UsageError } from "../options.js";
import { explainValues, parseValue, storyText } from "../report/explain.js";
import { NotARun, readRun } from "../report/run-files.js";
import type { Command } from "./command.js";

export const explainCommand: Command = {
  name: "explain",
  summary: "tell the story of one value of a broadcast/g-set run: acks, missed reads, carriers",
  usage: () =>
    'Usage: maelstrom explain VALUE [RUN]\n\n  VALUE  the value as JSON (3, "a"), or its text\n  RUN    a run folder (default store/latest)',
  async run(argv) {
    const [valueText, dir = "store/latest", ...extra] = argv;
    if (valueText === undefined) throw new UsageError("name a VALUE");
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
    if (!existsSync(dir)) throw new UsageError(`no run folder at ${dir}`);
    let run: ReturnType<typeof readRun>;
    try {
      run = readRun(dir);
    } catch (error) {
      if (error instanceof NotARun) throw new UsageError(error.message);
      throw error;
    }
    const [story] = explainValues(run, [parseValue(valueText)]);
    process.stdout.write(`${storyText(story!)}\n`);
    return 0;
  },
};
