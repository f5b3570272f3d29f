/**
 * Writes a finished test's files: history.txt (tab-separated, EDN values), history.edn,
 * history.jsonl and test.json (the options, where Maelstrom writes test.jepsen) as soon as the
 * run completes, then results.edn and results.json after the analysis. jepsen.log, node-logs/
 * and net-journal.jsonl are written while the test runs.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestOptions } from "../options.js";
import type { Analysis } from "./analysis.js";
import { errorToEdn, nemesisValueToEdn, opToEdn, printEdn, toEdn } from "./edn.js";
import { stringifyExactJson } from "./exact-json.js";
import type { Op } from "./history.js";

/** One op as history.txt prints it: process, type, f, value[, error]. */
function historyLine(op: Op): string {
  const process = typeof op.process === "number" ? String(op.process) : `:${op.process}`;
  const value = op.process === "nemesis" ? nemesisValueToEdn(op.value) : (op.value ?? null);
  const fields = [process, `:${op.type}`, `:${op.f}`, toEdn(value)];
  if (op.error !== undefined) fields.push(toEdn(errorToEdn(op.error)));
  return fields.join("\t");
}

const lines = (items: string[]) => (items.length === 0 ? "" : `${items.join("\n")}\n`);

/** The history files and the options (Jepsen's `save-1!`), written while the nodes still run. */
export async function writeHistory(
  dir: string,
  history: readonly Op[],
  test: TestOptions,
): Promise<void> {
  await Promise.all([
    writeFile(join(dir, "test.json"), `${JSON.stringify(test, null, 2)}\n`),
    writeFile(join(dir, "history.txt"), lines(history.map(historyLine))),
    writeFile(join(dir, "history.edn"), lines(history.map((op) => toEdn(opToEdn(op))))),
    writeFile(join(dir, "history.jsonl"), lines(history.map((op) => stringifyExactJson(op)))),
  ]);
}

/** The results files, written after the analysis. */
export async function writeResults(dir: string, analysis: Analysis): Promise<void> {
  await Promise.all([
    writeFile(join(dir, "results.edn"), `${printEdn(analysis.results)}\n`),
    writeFile(join(dir, "results.json"), `${stringifyExactJson(analysis.json, 2)}\n`),
  ]);
}
