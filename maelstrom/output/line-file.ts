/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * A file written line by line through a buffer: one stream write per 64 KB instead of one per
 * line. A simulated run journals hundreds of thousands of events in a few seconds, and per-line
 * writes were its largest cost.
 */
import { createWriteStream, type WriteStream } from "node:fs";

const FLUSH_AT = 64 * 1024;

export class LineFile {
  private readonly stream: WriteStream;
  private chunks: string[] = [];
  private size = 0;

  constructor(path: string, options: { append?: boolean; onError(error: Error): void }) {
    this.stream = createWriteStream(path, { flags: options.append ? "a" : "w" });
    this.stream.on("error", options.onError);
  }

  /** Appends `text` (a line with its newline, or several). */
  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  /** Hands what is buffered to the stream (warnings and errors go out at once). */
  flush(): void {
    if (this.chunks.length === 0) return;
    this.stream.write(this.chunks.join(""));
    this.chunks = [];
    this.size = 0;
  }

  /** Flushes and closes; resolves once the file is written. */
  end(): Promise<void> {
    this.flush();
    return new Promise((resolve) => this.stream.end(() => resolve()));
  }
}
