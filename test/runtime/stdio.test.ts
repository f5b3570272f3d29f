// runOverStdio in a real process (the built runtime, as a user's node would import it): whatever
// the program prints with console, stdout carries protocol lines only.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const RUNTIME = pathToFileURL(join(import.meta.dirname, "../../dist/src/runtime/index.js")).href;

const NODE = `
import { runOverStdio } from ${JSON.stringify(RUNTIME)};
runOverStdio((node) => {
  node.on("echo", ({ body }) => {
    console.log("log", body.echo);
    console.info("info");
    console.debug("debug");
    console.dir({ dir: 1 });
    console.table([{ table: 1 }]);
    console.count("count");
    return { type: "echo_ok", echo: body.echo };
  });
});
`;

describe("runOverStdio", () => {
  it("sends every console method to stderr, keeping stdout for protocol lines", async () => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", NODE]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdin.end(
      `${JSON.stringify({ src: "c0", dest: "n1", body: { type: "init", node_id: "n1", node_ids: ["n1"], msg_id: 1 } })}\n` +
        `${JSON.stringify({ src: "c1", dest: "n1", body: { type: "echo", echo: "x", msg_id: 2 } })}\n`,
    );
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { src: "n1", dest: "c0", body: { type: "init_ok", in_reply_to: 1 } },
      { src: "n1", dest: "c1", body: { type: "echo_ok", echo: "x", in_reply_to: 2 } },
    ]);
    for (const printed of ["log x", "info", "debug", "dir: 1", "table", "count: 1"])
      expect(stderr).toContain(printed);
  });
});
