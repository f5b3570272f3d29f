/**
 * Bytes on the wire between servers: the JSON bodies of every server-to-server send in a run's
 * `net-journal.jsonl`, streamed (a full-set design writes hundreds of MB of journal). Lines are
 * scanned as bytes: the header the harness writes names type, src and dest, and the body ends
 * just before the message's closing brace and the deadline, so no body is decoded.
 */
import { createReadStream } from "node:fs";

/** The harness's line header, up to the body (see encodeJournalEvent). */
const HEAD =
  /^\{"id":\d+,"time":\d+,"type":"(send|recv)","message":\{"id":\d+,"src":"([^"\\]*)","dest":"([^"\\]*)","body":/;
const HEAD_BYTES = 400;
const BODY_END = Buffer.from('},"deadline"');

/** Body bytes of one journal line if it is a server-to-server send, else 0. */
export function serverSendBytes(line: Buffer): number {
  const head = HEAD.exec(line.toString("latin1", 0, Math.min(line.length, HEAD_BYTES)));
  if (head !== null) {
    if (head[1] !== "send" || head[2]!.startsWith("c") || head[3]!.startsWith("c")) return 0;
    const end = line.lastIndexOf(BODY_END);
    if (end > head[0].length) return end - head[0].length;
  }
  // Another shape: parse it (slower, same answer).
  const event = JSON.parse(line.toString("utf8")) as {
    type: string;
    message: { src: string; dest: string; body: unknown };
  };
  const { src, dest, body } = event.message;
  if (event.type !== "send" || src.startsWith("c") || dest.startsWith("c")) return 0;
  return Buffer.byteLength(JSON.stringify(body));
}

export async function journalServerBytes(path: string): Promise<number> {
  let bytes = 0;
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      if (end > start) bytes += serverSendBytes(data.subarray(start, end));
      start = end + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) bytes += serverSendBytes(rest);
  return bytes;
}
