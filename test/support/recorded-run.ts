/**
 * A small recorded broadcast run, written as a run folder: two nodes, value 7 broadcast to n0
 * and acked at 2 ms, a read on n1 at 3 ms that misses it (stale), n0's gossip carrying it to n1
 * (delivered at 102 ms), one gossip never delivered, one error, and reads that then see it.
 * The results come from the real checkers; the report from the real writer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NetStatsFold } from "../../maelstrom/checkers/net.js";
import { testOptions } from "../../maelstrom/options.js";
import { analyze } from "../../maelstrom/output/analysis.js";
import type { JournalEvent, Op } from "../../maelstrom/output/history.js";
import { writeHistory, writeResults } from "../../maelstrom/output/outputs.js";

const MS = 1_000_000;

export const RECORDED = {
  nodes: ["n0", "n1"],
  /** Lanes in Maelstrom's order (init clients c0, c1 only send init, which is not drawn). */
  lanes: ["c2", "c3", "c4", "c5", "n0", "n1"],
  /** Delivered messages other than init/init_ok. */
  arrows: 14,
  staleValue: 7,
  /** The read that missed 7 after its ack: op index and node. */
  missedRead: { index: 3, node: "n1" },
  firstSeen: [
    { node: "n0", index: 5 },
    { node: "n1", index: 7 },
  ],
} as const;

export function recordedHistory(): Op[] {
  const ops: Array<Omit<Op, "index">> = [
    { time: 1 * MS, type: "invoke", process: 0, f: "broadcast", value: 7 },
    { time: 2 * MS, type: "ok", process: 0, f: "broadcast", value: 7 },
    { time: 3 * MS, type: "invoke", process: 1, f: "read", value: null },
    { time: 4 * MS, type: "ok", process: 1, f: "read", value: [] },
    { time: 5 * MS, type: "invoke", process: 0, f: "read", value: null },
    { time: 6 * MS, type: "ok", process: 0, f: "read", value: [7] },
    { time: 110 * MS, type: "invoke", process: 1, f: "read", value: null },
    { time: 111 * MS, type: "ok", process: 1, f: "read", value: [7] },
  ];
  return ops.map((op, index) => ({ index, ...op }));
}

export function recordedJournal(): JournalEvent[] {
  const events: JournalEvent[] = [];
  const messages = new Map<number, JournalEvent["message"]>();
  const send = (
    id: number,
    src: string,
    dest: string,
    body: Record<string, unknown>,
    ms: number,
  ) => {
    const message = { id, src, dest, body: body as JournalEvent["message"]["body"] };
    messages.set(id, message);
    events.push({ id: events.length, time: ms * MS, type: "send", message });
  };
  const recv = (id: number, ms: number) =>
    events.push({ id: events.length, time: ms * MS, type: "recv", message: messages.get(id)! });
  const rpc = (
    id: number,
    client: string,
    node: string,
    body: object,
    reply: object,
    ms: number[],
  ) => {
    send(id, client, node, { ...body, msg_id: 1 }, ms[0]!);
    recv(id, ms[0]!);
    send(id + 1, node, client, { ...reply, in_reply_to: 1 }, ms[1]!);
    recv(id + 1, ms[1]!);
  };
  rpc(
    0,
    "c0",
    "n0",
    { type: "init", node_id: "n0", node_ids: ["n0", "n1"] },
    { type: "init_ok" },
    [0, 0],
  );
  rpc(
    2,
    "c1",
    "n1",
    { type: "init", node_id: "n1", node_ids: ["n0", "n1"] },
    { type: "init_ok" },
    [0, 0],
  );
  const topology = { type: "topology", topology: { n0: ["n1"], n1: ["n0"] } };
  rpc(4, "c2", "n0", topology, { type: "topology_ok" }, [0, 0]);
  rpc(6, "c3", "n1", topology, { type: "topology_ok" }, [0, 0]);
  send(8, "c4", "n0", { type: "broadcast", message: 7, msg_id: 1 }, 1);
  recv(8, 1);
  send(9, "n0", "c4", { type: "broadcast_ok", in_reply_to: 1 }, 2);
  recv(9, 2);
  send(10, "n0", "n1", { type: "gossip", messages: [7] }, 2);
  send(11, "n0", "n1", { type: "gossip", messages: [8] }, 2); // lost: never delivered
  rpc(12, "c5", "n1", { type: "read" }, { type: "read_ok", messages: [] }, [3, 4]);
  rpc(14, "c4", "n0", { type: "read" }, { type: "read_ok", messages: [7] }, [5, 6]);
  send(18, "n1", "n0", { type: "error", code: 11, text: "busy", in_reply_to: 3 }, 50);
  recv(18, 50);
  recv(10, 102);
  rpc(16, "c5", "n1", { type: "read" }, { type: "read_ok", messages: [7] }, [110, 111]);
  return events;
}

/** Writes the run's files (as runTest would) into dir, which must exist. */
export async function writeRecordedRun(dir: string): Promise<void> {
  mkdirSync(join(dir, "node-logs"), { recursive: true });
  const history = recordedHistory();
  const journal = recordedJournal();
  const net = new NetStatsFold();
  for (const event of journal) net.add(event);
  const test = testOptions({
    workload: "broadcast",
    nodes: [...RECORDED.nodes],
    seed: 42,
    timeLimitS: 1,
  });
  writeFileSync(
    join(dir, "net-journal.jsonl"),
    journal.map((e) => `${JSON.stringify(e)}\n`).join(""),
  );
  for (const node of RECORDED.nodes) writeFileSync(join(dir, "node-logs", `${node}.log`), "");
  writeFileSync(join(dir, "jepsen.log"), "");
  await writeHistory(dir, history, test);
  await writeResults(dir, analyze(test, history, net));
}
