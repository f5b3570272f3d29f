/**
 * Bytes on the wire between servers: the JSON bodies of every server-to-server send in a run's
 * `net-journal.jsonl`, streamed (a full-set design writes hundreds of MB of journal).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** Body bytes of one journal line if it is a server-to-server send, else 0. */
export function serverSendBytes(line: string): number {
  if (!line.includes('"type":"send"')) return 0;
  const head = /"src":"([^"]*)","dest":"([^"]*)","body":/.exec(line.slice(0, 300));
  if (head !== null) {
    if (head[1]!.startsWith("c") || head[2]!.startsWith("c")) return 0;
    const start = line.indexOf('"body":') + 7;
    const end = line.lastIndexOf('},"deadline"');
    if (end > start) return Buffer.byteLength(line.slice(start, end));
  }
  // Another field order: parse it (slower, same answer).
  const event = JSON.parse(line) as {
    type: string;
    message: { src: string; dest: string; body: unknown };
  };
  const { src, dest, body } = event.message;
  if (event.type !== "send" || src.startsWith("c") || dest.startsWith("c")) return 0;
  return Buffer.byteLength(JSON.stringify(body));
}

export async function journalServerBytes(path: string): Promise<number> {
  let bytes = 0;
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) bytes += serverSendBytes(line);
  return bytes;
}
