// The real executables over real pipes, started from a temporary cwd as Maelstrom does.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it, vi } from "vitest";

const BIN = join(import.meta.dirname, "../../bin");
const running: ChildProcessWithoutNullStreams[] = [];

function start(program: string) {
  const child = spawn(join(BIN, program), [], {
    cwd: mkdtempSync(join(tmpdir(), "treecast-cwd-")),
  });
  running.push(child);
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const send = (message: unknown) =>
    child.stdin.write(
      typeof message === "string" ? `${message}\n` : `${JSON.stringify(message)}\n`,
    );
  const nextLines = async (count: number): Promise<unknown[]> => {
    while (lines.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return lines.splice(0, count).map((line) => JSON.parse(line));
  };
  return { child, send, nextLines, stderr: () => stderr };
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

const init = {
  src: "c0",
  dest: "n1",
  id: 0,
  body: { type: "init", node_id: "n1", node_ids: ["n1"], msg_id: 1 },
};

describe("executables over stdio", () => {
  it("bin/echo answers init and echo, and survives garbage", async () => {
    const node = start("echo");
    node.send(init);
    node.send("this is not json");
    node.send({
      src: "c1",
      dest: "n1",
      id: 3,
      body: { type: "echo", echo: "Please echo 7", msg_id: 1 },
    });
    expect(await node.nextLines(2)).toEqual([
      { src: "n1", dest: "c0", body: { type: "init_ok", in_reply_to: 1 } },
      { src: "n1", dest: "c1", body: { type: "echo_ok", echo: "Please echo 7", in_reply_to: 1 } },
    ]);
    await vi.waitFor(() => expect(node.stderr()).toMatch(/malformed line/));
  });

  it("bin/unique-ids gives distinct ids over a pipe", async () => {
    const node = start("unique-ids");
    node.send(init);
    for (let i = 1; i <= 50; i++)
      node.send({ src: "c1", dest: "n1", body: { type: "generate", msg_id: i } });
    const [, ...replies] = (await node.nextLines(51)) as Array<{ body: { id: string } }>;
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(50);
  });

  it("exits when stdin closes", async () => {
    const node = start("echo");
    node.send(init);
    await node.nextLines(1);
    node.child.stdin.end();
    const code = await new Promise((resolve) => node.child.on("exit", resolve));
    expect(code).toBe(0);
  });
});
