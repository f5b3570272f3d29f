/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * A finished run, read back from its folder: history.jsonl, net-journal.jsonl, results.json and
 * test.json (the options). The report, `explain` and `serve` all start here.
 */

import { constants } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TestOptions } from "../options.js";
import type { JournalEvent, Op } from "../output/history.js";
import {
  decodeJournalEvent,
  decodeOp,
  HISTORY_FILE,
  JOURNAL_FILE,
  RunFileError,
} from "../output/jsonl.js";

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

/**
 * A file too large to read as one string: a run of hundreds of nodes journals reads of
 * thousands of values twice each. `readRun` checks before it reads anything.
 */
export class RunTooLarge extends Error {
  override name = "RunTooLarge";
}

function path(dir: string, name: string): string {
  const file = join(dir, name);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new NotARun(`${dir} has no ${name}: not a finished run folder`);
    throw error;
  }
  // Our files are (nearly) ASCII: one byte per character.
  if (size > constants.MAX_STRING_LENGTH) {
    throw new RunTooLarge(`${name} is ${Math.round(size / 2 ** 20)} MB, too large to read`);
  }
  return file;
}

function readText(dir: string, name: string): string {
  return readFileSync(path(dir, name), "utf8");
}

/** Each line through the file's codec (output/jsonl.ts), so the report reads what was written. */
function jsonLines<T>(text: string, name: string, decode: (line: string) => T): T[] {
  const items: T[] = [];
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    if (line === "") continue;
    try {
      items.push(decode(line));
    } catch (error) {
      if (!(error instanceof RunFileError)) throw error;
      // A run killed mid-write leaves a partial last line; everything before it still counts.
      if (lineNo < text.split("\n").length - 1)
        throw new NotARun(`${name}:${lineNo}: ${error.message}`);
    }
  }
  return items;
}

/**
 * Synchronous on purpose: under the virtual scheduler (simulate) every turn of the event loop
 * spent waiting on real I/O is a turn of its polling loop.
 */
export function readRun(dir: string): RunFiles {
  path(dir, JOURNAL_FILE); // the large one first: fail before reading anything
  const history = jsonLines(readText(dir, HISTORY_FILE), HISTORY_FILE, decodeOp);
  const journal = jsonLines(readText(dir, JOURNAL_FILE), JOURNAL_FILE, decodeJournalEvent);
  const results = JSON.parse(readText(dir, "results.json")) as Record<string, unknown>;
  let test: TestOptions | undefined;
  try {
    test = JSON.parse(readFileSync(join(dir, "test.json"), "utf8")) as TestOptions;
  } catch {
    test = undefined;
  }
  return { dir, history, journal, results, test };
}
