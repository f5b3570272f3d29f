/**
 * Reimplements `jepsen.store`'s history and results files (docs/MAELSTROM.md#outputs).
 * Writes a finished test's files: history.txt (tab-separated, EDN values), history.edn,
 * history.jsonl and test.json (the options, where Maelstrom writes test.jepsen) as soon as the
 * run completes, then results.edn and results.json after the analysis. jepsen.log, node-logs/
 * and net-journal.jsonl are written while the test runs.
 */
import { readFileSync } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestOptions } from "../options.js";
import type { Analysis } from "./analysis.js";
import { errorToEdn, nemesisValueToEdn, opToEdn, printEdn, toEdn } from "./edn.js";
import { parseEdn } from "./edn-parse.js";
import { parseExactJson, stringifyExactJson } from "./exact-json.js";
import type { Op } from "./history.js";
import { encodeOp, HISTORY_FILE, RunFileError } from "./jsonl.js";

export const RESULTS_EDN = "results.edn";
export const RESULTS_JSON = "results.json";

/** One op as history.txt prints it: process, type, f, value[, error]. */
function historyLine(op: Op): string {
  const process = typeof op.process === "number" ? String(op.process) : `:${op.process}`;
  const value = op.process === "nemesis" ? nemesisValueToEdn(op.value) : (op.value ?? null);
  const fields = [process, `:${op.type}`, `:${op.f}`, toEdn(value)];
  if (op.error !== undefined) fields.push(toEdn(errorToEdn(op.error)));
  return fields.join("\t");
}

/** Characters handed to the file per write. */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes one line per item, a chunk at a time: a history of 10,000 reads of 10,000 values is
 * hundreds of MB per file, more than one string may hold, and building it whole doubled the
 * run's peak memory.
 */
async function writeLines<T>(path: string, items: readonly T[], line: (item: T) => string) {
  const file = await open(path, "w");
  try {
    let chunk: string[] = [];
    let size = 0;
    for (const item of items) {
      const text = line(item);
      chunk.push(text);
      size += text.length + 1;
      if (size >= CHUNK_CHARS) {
        await file.write(`${chunk.join("\n")}\n`);
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) await file.write(`${chunk.join("\n")}\n`);
  } finally {
    await file.close();
  }
}

/** The history files and the options (Jepsen's `save-1!`), written while the nodes still run. */
export async function writeHistory(
  dir: string,
  history: readonly Op[],
  test: TestOptions,
): Promise<void> {
  await Promise.all([
    writeFile(join(dir, "test.json"), `${JSON.stringify(test, null, 2)}\n`),
    writeLines(join(dir, "history.txt"), history, historyLine),
    writeLines(join(dir, "history.edn"), history, (op) => toEdn(opToEdn(op))),
    writeLines(join(dir, HISTORY_FILE), history, encodeOp),
  ]);
}

/** The results files, written after the analysis. */
export async function writeResults(dir: string, analysis: Analysis): Promise<void> {
  await Promise.all([
    writeFile(join(dir, RESULTS_EDN), `${printEdn(analysis.results)}\n`),
    writeFile(join(dir, RESULTS_JSON), `${stringifyExactJson(analysis.json, 2)}\n`),
  ]);
}

/**
 * Reads a results map in its JSON form (keys without colons), from results.json or from a
 * results.edn (ours or a real Maelstrom's). Null when the file does not exist; a file that
 * exists but does not read as a results map throws RunFileError saying why.
 */
export function readResults(path: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new RunFileError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  let results: unknown;
  try {
    results = path.endsWith(".edn") ? parseEdn(text) : parseExactJson(text);
  } catch (error) {
    throw new RunFileError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof results !== "object" || results === null || Array.isArray(results)) {
    throw new RunFileError(`${path} is not a results map`);
  }
  return results as Record<string, unknown>;
}
