/**
 * A finished run, read back from its folder: history.jsonl, net-journal.jsonl, results.json and
 * test.json (the options). The report, `explain` and `serve` all start here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestOptions } from "../options.js";
import { parseExactJson } from "../output/exact-json.js";
import type { JournalEvent, Op } from "../output/history.js";

export interface RunFiles {
  dir: string;
  history: Op[];
  journal: JournalEvent[];
  results: Record<string, unknown>;
  /** The options the run was started with; absent in folders from before test.json. */
  test: TestOptions | undefined;
}

/** Why a folder cannot be read as a run, said plainly. */
export class NotARun extends Error {
  override name = "NotARun";
}

function readText(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new NotARun(`${dir} has no ${name}: not a finished run folder`);
    throw error;
  }
}

function jsonLines<T>(text: string, name: string): T[] {
  const items: T[] = [];
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    if (line === "") continue;
    try {
      items.push(parseExactJson(line) as T);
    } catch {
      // A run killed mid-write leaves a partial last line; everything before it still counts.
      if (lineNo < text.split("\n").length - 1) throw new NotARun(`${name}:${lineNo} is not JSON`);
    }
  }
  return items;
}

/**
 * Synchronous on purpose: under the virtual scheduler (simulate) every turn of the event loop
 * spent waiting on real I/O is a turn of its polling loop.
 */
export function readRun(dir: string): RunFiles {
  const history = jsonLines<Op>(readText(dir, "history.jsonl"), "history.jsonl");
  const journal = jsonLines<JournalEvent>(readText(dir, "net-journal.jsonl"), "net-journal.jsonl");
  const results = JSON.parse(readText(dir, "results.json")) as Record<string, unknown>;
  let test: TestOptions | undefined;
  try {
    test = JSON.parse(readFileSync(join(dir, "test.json"), "utf8")) as TestOptions;
  } catch {
    test = undefined;
  }
  return { dir, history, journal, results, test };
}
