/**
 * Reimplements jepsen.log as `jepsen.store` writes it (docs/MAELSTROM.md#outputs).
 * The run's log: every line goes to jepsen.log in the test directory; warnings and errors, and
 * info lines marked for the console, also go to the console (stderr, so stdout stays clean for
 * the final summary).
 */
import { LineFile } from "./line-file.js";

export type Level = "INFO" | "WARN" | "ERROR";

export class RunLog {
  private file: LineFile | null = null;
  private readonly buffered: string[] = [];
  private readonly quiet: boolean;

  constructor(options: { quiet?: boolean } = {}) {
    this.quiet = options.quiet ?? false;
  }

  /** Starts writing to `path`, flushing lines logged before the directory existed. */
  openFile(path: string): void {
    this.file = new LineFile(path, {
      append: true,
      onError: (error) => process.stderr.write(`cannot write ${path}: ${error.message}\n`),
    });
    for (const line of this.buffered.splice(0)) this.file.write(line);
  }

  /** Logged to the file only (op lines, routine events). */
  detail(message: string): void {
    this.write("INFO", message, false);
  }

  info(message: string): void {
    this.write("INFO", message, !this.quiet);
  }

  warn(message: string): void {
    this.write("WARN", message, true);
  }

  error(message: string): void {
    this.write("ERROR", message, true);
  }

  close(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    this.file = null;
    return file.end();
  }

  private write(level: Level, message: string, toConsole: boolean): void {
    const line = `${new Date().toISOString()}\t${level}\t${message}\n`;
    if (this.file) {
      this.file.write(line);
      if (level !== "INFO") this.file.flush();
    } else this.buffered.push(line);
    if (toConsole)
      process.stderr.write(level === "INFO" ? `${message}\n` : `${level} ${message}\n`);
  }
}
