// bin/broadcast as Maelstrom runs it: a compiled executable started from a temporary cwd, with
// protocol lines on stdin/stdout. Requires `npm run build`.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const BIN = join(import.meta.dirname, "../../bin/broadcast");
const running: ChildProcessWithoutNullStreams[] = [];

function start(env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("TREECAST_")),
  );
  const child = spawn(BIN, [], {
    cwd: mkdtempSync(join(tmpdir(), "treecast-cwd-")),
    env: { ...clean, ...env },
  });
  running.push(child);
  let stdout = "";
  let stderr = "";
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const send = (message: unknown) =>
    child.stdin.write(
      typeof message === "string" ? `${message}\n` : `${JSON.stringify(message)}\n`,
    );
  /** Waits until stdout holds `count` complete lines; returns them all. */
  const lines = async (count: number): Promise<string[]> => {
    for (;;) {
      const complete = stdout.split("\n").slice(0, -1);
      if (complete.length >= count) return complete;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, send, lines, exited, stdout: () => stdout, stderr: () => stderr };
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGKILL");
});

describe("bin/broadcast over stdio", () => {
  it("answers init, topology, broadcast and read and prints nothing but protocol lines", async () => {
    const node = start();
    node.send({
      src: "c0",
      dest: "n1",
      id: 0,
      body: { type: "init", node_id: "n1", node_ids: ["n0", "n1"], msg_id: 1 },
    });
    node.send({
      src: "c0",
      dest: "n1",
      body: { type: "topology", topology: { n1: ["n0"] }, msg_id: 2 },
    });
    node.send("not json at all");
    node.send({ src: "c1", dest: "n1", body: { type: "broadcast", message: 42, msg_id: 3 } });
    node.send({
      src: "c1",
      dest: "n1",
      body: { type: "broadcast", message: { x: [1] }, msg_id: 4 },
    });
    node.send({
      src: "n0",
      dest: "n1",
      body: { type: "gossip", epoch: 1, summary: "oops", msg_id: 9 },
    });
    node.send({ src: "c1", dest: "n1", body: { type: "read", msg_id: 5 } });
    // 6 replies and n1's two pushes to its parent n0, each before its broadcast_ok
    // (copyBeforeOk), the second with both values.
    const lines = await node.lines(8);
    const messages = lines.map((line) => JSON.parse(line));
    for (const m of messages) expect(Object.keys(m).sort()).toEqual(["body", "dest", "src"]);
    const replies = messages.filter((m) => m.body.type !== "gossip");
    expect(replies.map((m) => [m.dest, m.body.type, m.body.in_reply_to])).toEqual([
      ["c0", "init_ok", 1],
      ["c0", "topology_ok", 2],
      ["c1", "broadcast_ok", 3],
      ["c1", "broadcast_ok", 4],
      ["n0", "error", 9],
      ["c1", "read_ok", 5],
    ]);
    expect(replies.at(-1).body.messages).toEqual([42, { x: [1] }]);
    const pushes = messages.filter((m) => m.body.type === "gossip");
    expect(pushes).toHaveLength(2);
    const push = pushes[1];
    expect(push).toMatchObject({ src: "n1", dest: "n0" });
    // Over stdio the epoch is the wall clock at init; n1's yjs client id is 1 + 2 · incarnation.
    expect(push.body.epoch).toBeGreaterThan(Date.UTC(2020, 0, 1));
    const entries = Object.entries(push.body.summary as Record<string, number>);
    expect(entries.map(([client, count]) => [Number(client) % 2, count])).toEqual([[1, 2]]);
    expect(typeof push.body.delta).toBe("string");
    // stderr may trail stdout
    await vi.waitFor(() => expect(node.stderr()).toMatch(/malformed line/));
    await vi.waitFor(() => expect(node.stderr()).toMatch(/error handling .*gossip.* from n0/));
    node.child.stdin.end();
    expect(await node.exited).toBe(0);
  });

  it("stops at start on unknown or invalid settings, with a message on stderr", async () => {
    const node = start({ TREECAST_PROFILE: "turbo", TREECAST_TICK: "5" });
    expect(await node.exited).toBe(2);
    expect(node.stdout()).toBe("");
    expect(node.stderr()).toMatch(/unknown variable TREECAST_TICK\b/);
    expect(node.stderr()).toMatch(/TREECAST_PROFILE must be/);
  });

  it("runs the efficient profile when asked", async () => {
    const node = start({ TREECAST_PROFILE: "efficient" });
    node.send({
      src: "c0",
      dest: "n0",
      body: { type: "init", node_id: "n0", node_ids: ["n0"], msg_id: 1 },
    });
    await node.lines(1);
    expect(node.stderr()).toMatch(/profile=efficient/);
  });
});
