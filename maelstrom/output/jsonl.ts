/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * The two JSON-lines files of a run, history.jsonl (one Op a line) and
 * net-journal.jsonl (one JournalEvent a line; Maelstrom keeps its journal in memory only).
 * Written here and read back here, so every reader (benchmarks, tests, tools) gets checked,
 * exact values or a clear error with the line number.
 */
import { readFileSync } from "node:fs";
import { parseExactJson, stringifyExactJson } from "./exact-json.js";
import type { JournalEvent, Op } from "./history.js";

export const HISTORY_FILE = "history.jsonl";
export const JOURNAL_FILE = "net-journal.jsonl";

/** A line of a run's JSON-lines file that is not what the harness writes. */
export class RunFileError extends Error {
  override name = "RunFileError";
}

type Fields = Record<string, unknown>;

function record(line: string): Fields {
  let raw: unknown;
  try {
    raw = parseExactJson(line);
  } catch (error) {
    throw new RunFileError(`not JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new RunFileError("not a JSON object");
  }
  return raw as Fields;
}

function need(ok: boolean, what: string): void {
  if (!ok) throw new RunFileError(what);
}

const isInteger = (value: unknown) => Number.isSafeInteger(value);

export function encodeOp(op: Op): string {
  return stringifyExactJson(op);
}

export function decodeOp(line: string): Op {
  const op = record(line);
  need(isInteger(op.index), "op without an integer index");
  need(isInteger(op.time), "op without an integer time");
  need(["invoke", "ok", "fail", "info"].includes(op.type as string), "op with an unknown type");
  need(op.process === "nemesis" || isInteger(op.process), "op with an unknown process");
  need(typeof op.f === "string", "op without a string f");
  need("value" in op, "op without a value");
  return op as unknown as Op;
}

/**
 * stringifyExactJson(event), for an event with its fields in the network's order (id, time,
 * type, message, deadline, fault), built around the message's JSON when the caller has it: the
 * network encodes each message once, and its send and recv lines both carry it.
 */
export function encodeJournalEvent(
  event: JournalEvent,
  messageJson = stringifyExactJson(event.message),
): string {
  const { id, time, type, deadline, fault } = event;
  const tail =
    (deadline === undefined ? "" : `,"deadline":${deadline}`) +
    (fault === undefined ? "" : `,"fault":"${fault}"`);
  return `{"id":${id},"time":${time},"type":"${type}","message":${messageJson}${tail}}`;
}

export function decodeJournalEvent(line: string): JournalEvent {
  const event = record(line);
  need(isInteger(event.id), "event without an integer id");
  need(isInteger(event.time), "event without an integer time");
  need(event.type === "send" || event.type === "recv", "event neither send nor recv");
  need(event.deadline === undefined || isInteger(event.deadline), "deadline not an integer");
  const message = event.message as Fields | null | undefined;
  need(typeof message === "object" && message !== null, "event without a message");
  const { id, src, dest } = message as Fields;
  need(isInteger(id) && typeof src === "string" && typeof dest === "string", "bad message");
  return event as unknown as JournalEvent;
}

/** Every record of a JSON-lines file, decoded; a bad line throws RunFileError naming it. */
export function* readJsonLines<T>(path: string, decode: (line: string) => T): Generator<T> {
  const lines = readFileSync(path, "utf8").split("\n");
  for (const [i, line] of lines.entries()) {
    if (line === "") continue;
    try {
      yield decode(line);
    } catch (error) {
      if (!(error instanceof RunFileError)) throw error;
      throw new RunFileError(`${path}:${i + 1}: ${error.message}`);
    }
  }
}
