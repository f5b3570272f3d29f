/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * The in-process adapter: runs a node Program inside the harness, on the harness's Scheduler,
 * instead of as an OS process. With the virtual scheduler a whole test runs deterministically in
 * a fraction of its nominal time. The node's messages go to the network as they are: it encodes
 * each once, when sent, and hands every receiver a copy of its own, as over a real pipe.
 */
import { join } from "node:path";
import type { Random } from "../../src/lib/random.js";
import { startInProcess } from "../../src/runtime/in-process.js";
import type { Program } from "../../src/runtime/node.js";
import { NS_PER_MS, type Scheduler } from "../clock.js";
import { LineFile } from "../output/line-file.js";
import { type NodeLauncher, remember } from "./host.js";

export function inProcessLauncher(
  program: Program,
  scheduler: Scheduler,
  random: Random,
): NodeLauncher {
  return (id, { network, logDir, onFault }) => {
    // A log we cannot write loses only the log; a restarted node appends to it.
    const logFile = new LineFile(join(logDir, `${id}.log`), { append: true, onError: () => {} });
    const lastLog: string[] = [];
    let outputStopped = false;
    let stopped: Promise<null> | null = null; // once stopped (or crashed), the node is silent
    let paused: Array<() => void> | null = null; // while paused: the timers that came due
    const fire = (callback: () => void) => {
      if (stopped) return;
      if (paused) paused.push(callback);
      else callback();
    };
    const node = startInProcess(program, {
      clock: {
        now: () => 1 + scheduler.now() / NS_PER_MS, // from 1 ms: TTL caches treat 0 as unset
        setTimer: (delayMs, callback) => ({
          cancel: scheduler.at(scheduler.now() + Math.max(0, delayMs) * NS_PER_MS, () =>
            fire(callback),
          ),
        }),
      },
      random: random.fork(),
      copy: false,
      deliver(message) {
        if (outputStopped || stopped) return;
        try {
          network.send(message.src, message.dest, message.body);
        } catch (error) {
          // As with a process: Maelstrom stops routing this node's output after an invalid message.
          outputStopped = true;
          const line = JSON.stringify(message).slice(0, 300);
          const cause = (error as Error).message;
          onFault({
            node: id,
            kind: "stdout-reader-stopped",
            detail: `${cause}; message: ${line}`,
            refused: { cause, line },
            lastStdout: [],
            lastStderr: [...lastLog],
          });
        }
      },
      log(line) {
        remember(lastLog, line);
        logFile.write(`${line}\n`);
      },
    });
    // Each delivered message is the receiver's own copy, decoded by the network.
    network.add(id, (message) => {
      if (!stopped) node.receive(message);
    });
    return {
      id,
      died: new Promise<string>(() => {}), // an in-process node cannot die on its own
      stop() {
        stopped ??= logFile.end().then(() => null);
        return stopped;
      },
      pause() {
        paused ??= [];
      },
      resume() {
        // Timers that came due during the pause fire now, in their order.
        const due = paused ?? [];
        paused = null;
        for (const callback of due) fire(callback);
      },
    };
  };
}
