// Bytes on the wire from a journal, scanned as bytes, against the same sum computed by parsing
// every line: server-to-server sends only, bodies with multi-byte characters, faults, a node id
// the fast path does not read (it falls back to parsing), and lines split across read chunks.
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { journalServerBytes } from "../../compare/journal-bytes.js";
import type { JournalEvent } from "../../maelstrom/output/history.js";
import { encodeJournalEvent } from "../../maelstrom/output/jsonl.js";

function event(i: number, src: string, dest: string, body: object): JournalEvent {
  const type = i % 3 === 2 ? "recv" : "send";
  const message = { id: i, src, dest, body: body as JournalEvent["message"]["body"] };
  if (type === "recv") return { id: i, time: i * 1000, type, message };
  const fault = i % 7 === 0 ? { fault: "loss" as const } : {};
  return { id: i, time: i * 1000, type, message, deadline: i * 1000 + 5, ...fault };
}

describe("journal bytes", () => {
  it("sums the JSON bodies of server-to-server sends, byte for byte", async () => {
    const bodies = [
      { type: "gossip", messages: Array.from({ length: 300 }, (_, k) => k) },
      { type: "broadcast", message: "héllo ✓ 𝄞" },
      { type: "sync", text: '},"deadline":1' },
    ];
    const ids = [
      ["n1", "n2"],
      ["c4", "n1"],
      ["n3", "c9"],
      ['n"q', "n1"],
    ] as const;
    const events = Array.from({ length: 5000 }, (_, i) => {
      const [src, dest] = ids[i % ids.length]!;
      return event(i, src, dest, bodies[i % bodies.length]!);
    });
    const path = join(mkdtempSync(join(tmpdir(), "treecast-journal-bytes-")), "journal.jsonl");
    writeFileSync(path, events.map((e) => `${encodeJournalEvent(e)}\n`).join(""));
    const expected = events
      .filter((e) => e.type === "send" && !e.message.src.startsWith("c"))
      .filter((e) => !e.message.dest.startsWith("c"))
      .reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.message.body)), 0);
    expect(statSync(path).size).toBeGreaterThan(1 << 20); // more than one read chunk
    expect(await journalServerBytes(path)).toBe(expected);
  });
});
