/**
 * Reimplements `jepsen.core/run!` (docs/MAELSTROM.md#generator-and-phases).
 * One `maelstrom test` run, end to end: start the nodes and init them, send topology, run the
 * interpreter, tear down in Maelstrom's order (`teardown.ts`), check, and write the store
 * directory.
 */
import { resolve } from "node:path";
import { seededRandom } from "../src/lib/random.js";
import { encodeInit } from "../src/runtime/protocol.js";
import { NetStatsFold } from "./checkers/net.js";
import { NS_PER_S } from "./clock.js";
import type { Engine, NodeFault, NodeHost } from "./hosts/host.js";
import { processEngine } from "./hosts/process.js";
import { Interpreter } from "./interpreter.js";
import { Client, RpcTimeout } from "./net/client.js";
import { LinkFaults, type NodeControl } from "./net/faults.js";
import { latencySampler } from "./net/latency.js";
import { Network } from "./net/network.js";
import { maelstromTopology } from "./net/topologies.js";
import { type TestOptions, type TestOptionsInput, testOptions } from "./options.js";
import { type Analysis, analyze } from "./output/analysis.js";
import { stringifyExactJson } from "./output/exact-json.js";
import type { Op } from "./output/history.js";
import { encodeJournalEvent, JOURNAL_FILE } from "./output/jsonl.js";
import { LineFile } from "./output/line-file.js";
import { RunLog } from "./output/log.js";
import { writeHistory, writeResults } from "./output/outputs.js";
import type { Progress } from "./output/progress.js";
import { createTestDir, linkLatest } from "./output/store.js";
import { writeReport } from "./report/report.js";
import { type TeardownReport, TeardownWindow, tearDown } from "./teardown.js";
import { WORKLOADS } from "./workloads/index.js";

export const INIT_TIMEOUT_MS = 10_000;
export const TOPOLOGY_TIMEOUT_MS = 5_000;

/** The test could not run to the end (Maelstrom exits 255). */
export class TestAborted extends Error {
  override name = "TestAborted";
}

export interface TestRun {
  dir: string;
  analysis: Analysis | null;
  faults: NodeFault[];
  /** Maelstrom's exit code: 0 valid, 1 invalid, 2 unknown, 255 crash. */
  exitCode: number;
  /** What happened between the last op and closing the network. */
  teardown: TeardownReport;
}

export interface RunTestOptions {
  /** The test: full options, or the fields to change from the defaults (see `testOptions`). */
  test: TestOptions | TestOptionsInput;
  /** Where the run's log goes. @default a RunLog on the console and jepsen.log */
  log?: RunLog;
  /** A live progress line. @default none */
  progress?: Progress;
  /** Where time and nodes come from. @default real time and OS processes (`processEngine`) */
  engine?: Engine;
}

export async function runTest(run: RunTestOptions): Promise<TestRun> {
  const options = testOptions(run.test);
  const { log = new RunLog(), progress, engine = processEngine(options) } = run;
  const workload = WORKLOADS[options.workload];
  const cpuAtStart = process.cpuUsage();
  const wallAtStart = performance.now();
  const dir = createTestDir(options.storeDir, options.workload);
  log.openFile(resolve(dir, "jepsen.log"));
  log.info(`Running ${options.workload} test with seed ${options.seed} in ${dir}`);
  log.detail(`options: ${JSON.stringify(options)}`);

  const root = seededRandom(options.seed);
  const [latencyRandom, generatorRandom, nemesisRandom] = [root.fork(), root.fork(), root.fork()];
  // Forked after the others, so runs without the new faults draw exactly as before.
  const [linkRandom, faultRandom] = [root.fork(), root.fork()];
  const links = new LinkFaults(linkRandom);
  const { scheduler } = engine;
  const journalFile = new LineFile(resolve(dir, JOURNAL_FILE), {
    onError: (error) => log.warn(`cannot write the journal: ${error.message}`),
  });
  const netStats = new NetStatsFold();
  const window = new TeardownWindow();
  const network = new Network({
    scheduler,
    latencyMs: latencySampler(options.latencyDist, options.latencyMs, latencyRandom),
    links,
    onEvent(event, messageJson) {
      netStats.add(event);
      window.add(event);
      journalFile.write(`${encodeJournalEvent(event, messageJson)}\n`);
    },
  });

  const faults: NodeFault[] = [];
  const onFault = (fault: NodeFault) => {
    faults.push(fault);
    log.error(
      `${fault.kind === "crashed" ? "NODE CRASHED" : "NODE OUTPUT STOPPED"}: ${fault.detail}\n` +
        `  last stdout of ${fault.node}:\n${indent(fault.lastStdout)}\n  last stderr of ${fault.node}:\n${indent(fault.lastStderr)}`,
    );
  };

  const hosts = new Map<string, NodeHost>();
  /** Starts a node (again, after a crash) and initialises it. */
  const startNode = async (node: string) => {
    const client = new Client(network, scheduler);
    const host = engine.launch(node, { network, logDir: resolve(dir, "node-logs"), log, onFault });
    hosts.set(node, host);
    const init = encodeInit({ nodeId: node, nodeIds: options.nodes });
    try {
      // A node that dies (or never starts) aborts at once instead of after the init timeout.
      const reply = await Promise.race([
        expectReply(client, node, init, INIT_TIMEOUT_MS, "init_ok"),
        host.died.then((reason) => Promise.reject(new TestAborted(`${reason} during init`))),
      ]);
      log.detail(`${node} answered init: ${JSON.stringify(reply)}`);
    } finally {
      client.close();
    }
  };
  const control: NodeControl = {
    pause(node) {
      network.hold(node, true);
      hosts.get(node)?.pause();
    },
    resume(node) {
      hosts.get(node)?.resume();
      network.hold(node, false);
    },
    async crash(node) {
      network.setDown(node, true);
      // Killing a process (or closing an in-process node's log) is real work: off the clock,
      // or virtual time would run on while it settles.
      await scheduler.offClock(hosts.get(node)?.stop() ?? Promise.resolve(null));
    },
    async restart(node) {
      network.setDown(node, false);
      await startNode(node);
    },
  };
  let interpreter: Interpreter | null = null;
  let aborted: Error | null = null;
  let teardown: TeardownReport;
  try {
    await Promise.all(options.nodes.map(startNode));

    // Client setup: one client per node for every workload; broadcast sends the topology.
    const origin = scheduler.now(); // as Jepsen: time 0 is just before client setup
    const setupClients = options.nodes.map(() => new Client(network, scheduler));
    if (workload.sendsTopology) {
      const topology = maelstromTopology(options.topology, options.nodes);
      log.info(`Topology (${options.topology}): ${JSON.stringify(topology)}`);
      await Promise.all(
        options.nodes.map((node, i) =>
          expectReply(
            setupClients[i]!,
            node,
            { type: "topology", topology },
            TOPOLOGY_TIMEOUT_MS,
            "topology_ok",
          ),
        ),
      );
    }

    const limit = options.timeLimitS * NS_PER_S;
    let ops = 0;
    const run = new Interpreter({
      ...options,
      workload,
      scheduler,
      network,
      log,
      generatorRandom,
      nemesisRandom,
      faults: { settings: options.faults, links, control, random: faultRandom },
      origin,
      onOp(op: Op) {
        log.detail(logLine(op));
        if (op.type !== "invoke") ops++;
        const elapsed = Math.min(op.time, limit) / NS_PER_S;
        progress?.update(
          `${options.workload}: ${elapsed.toFixed(0)}/${options.timeLimitS} s, ${ops} ops done`,
        );
      },
    });
    interpreter = run;
    await run.run();
  } catch (error) {
    aborted = error as Error;
    log.error(`Test aborted: ${aborted.message}`);
  } finally {
    progress?.done();
    teardown = await tearDown({
      scheduler,
      network,
      window,
      log,
      closeClients: () => interpreter?.closeClients(),
      // Jepsen's save-1!: the history is written while the nodes still run.
      writeHistory:
        aborted || !interpreter ? null : () => writeHistory(dir, interpreter!.history, options),
      stopNodes: async () => {
        for (const fault of await Promise.all([...hosts.values()].map((host) => host.stop()))) {
          if (fault && !faults.some((f) => f.node === fault.node && f.kind === "crashed"))
            onFault(fault);
        }
      },
    });
    await journalFile.end();
  }

  const history = interpreter?.history ?? [];
  let analysis: Analysis | null = null;
  if (!aborted) {
    analysis = analyze(options, history, netStats);
    await writeResults(dir, analysis);
    if (options.report)
      await writeReport(dir).catch((error: Error) =>
        log.warn(`cannot write the run's report: ${error.message}`),
      );
  }
  linkLatest(options.storeDir, options.workload, dir);
  const cpu = process.cpuUsage(cpuAtStart);
  log.info(
    `Harness CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}) over ${((performance.now() - wallAtStart) / 1000).toFixed(1)} s`,
  );
  const crashed = faults.some((fault) => fault.kind === "crashed");
  const exitCode =
    aborted || crashed || !analysis ? 255 : { true: 0, false: 1, unknown: 2 }[analysis.valid];
  await log.close();
  return { dir, analysis, faults, exitCode, teardown };
}

async function expectReply(
  client: Client,
  node: string,
  body: { type: string; [field: string]: unknown },
  timeoutMs: number,
  expected: string,
) {
  let reply: Awaited<ReturnType<Client["rpc"]>>;
  try {
    reply = await client.rpc(node, body, timeoutMs);
  } catch (error) {
    if (error instanceof RpcTimeout)
      throw new TestAborted(`${node} did not respond to ${body.type} within ${timeoutMs} ms`);
    throw error;
  }
  if (reply.type !== expected)
    throw new TestAborted(
      `${node} answered ${body.type} with ${JSON.stringify(reply)}, expected ${expected}`,
    );
  return reply;
}

function indent(lines: string[]): string {
  return lines.length === 0 ? "    (none)" : lines.map((line) => `    ${line}`).join("\n");
}

/**
 * An op line for jepsen.log, written while the test runs. Values are JSON, not EDN as in
 * history.txt: printing EDN for every growing read on the hot path delays the network's timers.
 */
function logLine(op: Op): string {
  const error = op.error === undefined ? "" : `\t${stringifyExactJson(op.error)}`;
  const process = typeof op.process === "number" ? op.process : `:${op.process}`;
  return `${process}\t:${op.type}\t:${op.f}\t${stringifyExactJson(op.value ?? null)}${error}`;
}
