/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * A one-line progress display on an interactive terminal; silent in CI logs and pipes.
 */
export interface Progress {
  update(text: string): void;
  done(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
    },
  };
}
