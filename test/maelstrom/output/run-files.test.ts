import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ExactNumber, stringifyExactJson } from "../../../maelstrom/output/exact-json.js";
import type { JournalEvent, Op } from "../../../maelstrom/output/history.js";
import {
  decodeJournalEvent,
  decodeOp,
  encodeJournalEvent,
  encodeOp,
  RunFileError,
  readJsonLines,
} from "../../../maelstrom/output/jsonl.js";
import { readResults } from "../../../maelstrom/output/outputs.js";

const dir = mkdtempSync(join(tmpdir(), "treecast-run-files-"));
const time = fc.nat({ max: 1e15 });
const op: fc.Arbitrary<Op> = fc.record(
  {
    index: fc.nat(),
    time,
    type: fc.constantFrom("invoke", "ok", "fail", "info"),
    process: fc.oneof(fc.nat(), fc.constant("nemesis" as const)),
    f: fc.constantFrom("broadcast", "read", "start-partition"),
    value: fc.jsonValue(),
    error: fc.oneof(fc.constant("net-timeout"), fc.tuple(fc.string(), fc.option(fc.string()))),
    final: fc.constant(true),
  },
  { requiredKeys: ["index", "time", "type", "process", "f", "value"] },
);
const event: fc.Arbitrary<JournalEvent> = fc.record(
  {
    id: fc.nat(),
    time,
    type: fc.constantFrom("send", "recv"),
    message: fc.record({
      id: fc.nat(),
      src: fc.constantFrom("c1", "n0"),
      dest: fc.constantFrom("n1", "n2"),
      body: fc.record({ type: fc.string(), msg_id: fc.nat() }),
    }),
    deadline: time,
    fault: fc.constantFrom("loss", "duplicate", "delay"),
  },
  { requiredKeys: ["id", "time", "type", "message"] },
);

/** What JSON keeps of a value (no -0, no undefined fields). */
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("a run's JSON-lines files", () => {
  test.prop([op])("history ops read back as written", (o) => {
    expect(decodeOp(encodeOp(o))).toEqual(viaJson(o));
  });

  test.prop([event])("journal events read back as written", (e) => {
    expect(decodeJournalEvent(encodeJournalEvent(e))).toEqual(viaJson(e));
  });

  test.prop([event, fc.jsonValue()])(
    "journal lines built around the message's own JSON are the event's JSON",
    (e, value) => {
      const withValue = { ...e, message: { ...e.message, body: { ...e.message.body, value } } };
      const json = stringifyExactJson(withValue.message);
      expect(encodeJournalEvent(withValue, json)).toBe(stringifyExactJson(withValue));
      expect(encodeJournalEvent(withValue)).toBe(stringifyExactJson(withValue));
    },
  );

  it("keeps exact numbers exact", () => {
    const o: Op = { index: 0, time: 1, type: "ok", process: 0, f: "generate", value: null };
    const big = { ...o, value: new ExactNumber("7000000000000000001") };
    expect(encodeOp(big)).toContain('"value":7000000000000000001');
    expect(decodeOp(encodeOp(big)).value).toEqual(new ExactNumber("7000000000000000001"));
  });

  it("names the file and line of a bad record", () => {
    const path = join(dir, "history.jsonl");
    const good = encodeOp({
      index: 0,
      time: 1,
      type: "invoke",
      process: 0,
      f: "read",
      value: null,
    });
    writeFileSync(path, `${good}\n{"index":1,"time":2,"type":"done"}\n`);
    expect(() => [...readJsonLines(path, decodeOp)]).toThrow(
      new RunFileError(`${path}:2: op with an unknown type`),
    );
    writeFileSync(path, `${good}\nnot json\n`);
    expect(() => [...readJsonLines(path, decodeOp)]).toThrow(/history.jsonl:2: not JSON/);
    writeFileSync(path, `${good}\n\n${good}\n`);
    expect([...readJsonLines(path, decodeOp)]).toHaveLength(2);
  });

  it("rejects journal events without what the statistics need", () => {
    const bad = [
      '{"id":0,"time":0,"type":"send"}',
      '{"id":0,"time":0,"type":"drop","message":{"id":0,"src":"a","dest":"b"}}',
      '{"id":0,"time":0.5,"type":"recv","message":{"id":0,"src":"a","dest":"b"}}',
      '{"id":0,"time":0,"type":"recv","message":{"id":"0","src":"a","dest":"b"}}',
    ];
    for (const line of bad) expect(() => decodeJournalEvent(line), line).toThrow(RunFileError);
  });
});

describe("results files", () => {
  it("tells a missing file from one that does not parse", () => {
    expect(readResults(join(dir, "absent.edn"))).toBeNull();
    const broken = join(dir, "broken.edn");
    writeFileSync(broken, "{:valid? true :net {");
    expect(() => readResults(broken)).toThrow(RunFileError);
    expect(() => readResults(broken)).toThrow(/cannot read .*broken.edn: EDN: /);
    const list = join(dir, "list.json");
    writeFileSync(list, "[1, 2]");
    expect(() => readResults(list)).toThrow(/list.json is not a results map/);
    expect(() => readResults(dir)).toThrow(RunFileError);
  });

  it("reads results.edn and results.json into the same JSON form", () => {
    const edn = join(dir, "results.edn");
    const json = join(dir, "results.json");
    writeFileSync(edn, '{:valid? true, :net {:servers {:msgs-per-op 1.5}}, :x "y"}');
    writeFileSync(json, '{"valid?": true, "net": {"servers": {"msgs-per-op": 1.5}}, "x": "y"}');
    expect(readResults(edn)).toEqual(readResults(json));
  });
});
