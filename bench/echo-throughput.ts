/**
 * Benchmark: single-node request throughput over stdio. Keeps `window` echo requests in flight
 * against one process and counts replies per second.
 *
 *   node dist/bench/echo-throughput.js [bin=bin/echo] [requests=200000] [window=1000]
 */
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const [binArg = "bin/echo", requestsArg = "200000", windowArg = "1000"] = process.argv.slice(2);
const total = Number(requestsArg);
const window = Number(windowArg);
const child = spawn(resolve(binArg), [], { cwd: tmpdir(), stdio: ["pipe", "pipe", "inherit"] });
const line = (msgId: number, body: object) =>
  `${JSON.stringify({ src: "c1", dest: "n0", body: { ...body, msg_id: msgId } })}\n`;

child.stdin.write(
  `${JSON.stringify({ src: "c0", dest: "n0", body: { type: "init", node_id: "n0", node_ids: ["n0"], msg_id: 1 } })}\n`,
);
let sent = 0;
let received = -1; // the init_ok
let started = 0;
const sendBatch = (count: number) => {
  let chunk = "";
  for (let i = 0; i < count && sent < total; i++)
    chunk += line(++sent, { type: "echo", echo: `Please echo ${sent % 128}` });
  child.stdin.write(chunk);
};
createInterface({ input: child.stdout }).on("line", () => {
  received++;
  if (received === 0) {
    started = performance.now();
    sendBatch(window);
  } else if (received % (window / 2) === 0) {
    sendBatch(window / 2);
  }
  if (received === total) {
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${binArg}: ${total} echo requests in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} req/s (window ${window})`,
    );
    child.kill("SIGKILL");
  }
});
