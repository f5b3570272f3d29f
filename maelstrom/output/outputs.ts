/**
 * Writes a finished test's files (maelstrom-spec §6): results.edn and results.json, history.txt
 * (tab-separated, EDN values), history.edn and history.jsonl, and test.json (the options, where
 * Maelstrom writes test.jepsen). jepsen.log, node-logs/ and net-journal.jsonl are written while
 * the test runs.
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

export async function writeOutputs(
  dir: string,
  history: readonly Op[],
  analysis: Analysis,
  test: TestOptions,
): Promise<void> {
  await Promise.all([
    writeFile(join(dir, "test.json"), `${JSON.stringify(test, null, 2)}\n`),
    writeFile(join(dir, "results.edn"), `${printEdn(analysis.results)}\n`),
    writeFile(join(dir, "results.json"), `${stringifyExactJson(analysis.json, 2)}\n`),
    writeFile(join(dir, "history.txt"), lines(history.map(historyLine))),
    writeFile(join(dir, "history.edn"), lines(history.map((op) => toEdn(opToEdn(op))))),
    writeFile(join(dir, "history.jsonl"), lines(history.map((op) => stringifyExactJson(op)))),
  ]);
}
