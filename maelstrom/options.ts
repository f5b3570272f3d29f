/**
 * Reimplements the options of `maelstrom.core` and `jepsen.cli` (docs/MAELSTROM.md#cli).
 * The options of one test run (Maelstrom's `maelstrom.core` CLI options), in one table: each
 * flag's name, help text and parser. From it come `parseTestOptions` (the command line), the
 * usage text, and, through `testOptions`, the typed options that code passes to
 * `runTest`/`simulate`. Defaults and validation live in `testOptions` alone.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_FAULT_SETTINGS,
  FAULT_INTENSITY_HELP,
  FAULT_KINDS,
  type FaultKind,
  type FaultSettings,
} from "./net/faults.js";
import { LATENCY_DISTS, type LatencyDist } from "./net/latency.js";
import { PARTITION_KINDS, type PartitionKind } from "./net/nemesis.js";
import { isClient } from "./net/network.js";
import { TOPOLOGY_NAMES, type TopologyName } from "./net/topologies.js";
import { WORKLOAD_NAMES, type WorkloadName } from "./workloads/index.js";

/** The nemesis faults `--nemesis` takes (a comma-separated list). */
export const NEMESIS_KINDS = ["partition", ...FAULT_KINDS] as const;
export type NemesisKind = (typeof NEMESIS_KINDS)[number];

/** A whole test's options, every field set. Build one with `testOptions`. */
export interface TestOptions {
  /** The workload (`-w`). Maelstrom's default, lin-kv, is not implemented, so there is none. */
  workload: WorkloadName;
  /** The node executable (`--bin`); not needed for in-process runs. @default "" */
  bin: string;
  /** Arguments for the node executable (the command line's positional arguments). @default [] */
  args: string[];
  /** Node ids, in order. @default ["n1", "n2", "n3", "n4", "n5"] (or n0…n(k-1) with `nodeCount`) */
  nodes: string[];
  /** Seconds of main phase (`--time-limit`). @default 60 */
  timeLimitS: number;
  /** Requests per second, over all clients (`--rate`). @default 5 */
  rate: number;
  /** Client threads (`--concurrency`; `"2n"` means twice the node count). @default nodes.length */
  concurrency: number;
  /** Mean one-way latency between nodes, in ms (`--latency`); clients have none. @default 0 */
  latencyMs: number;
  /** How latencies are drawn (`--latency-dist`). @default "constant" */
  latencyDist: LatencyDist;
  /** Nemesis faults to inject (`--nemesis`). @default [] */
  nemesis: NemesisKind[];
  /** Seconds between nemesis operations (`--nemesis-interval`). @default 10 */
  nemesisIntervalS: number;
  /** The grudges a partition picks from (`--partition-kinds`). @default all four */
  partitionKinds: PartitionKind[];
  /** Interval and intensity of each fault kind (`--loss-interval`, `--loss-intensity`, …). */
  faults: Record<FaultKind, FaultSettings>;
  /** The topology sent to broadcast nodes (`--topology`). @default "grid" */
  topology: TopologyName;
  /** Availability goal for the availability checker (`--availability`). @default undefined */
  availability: "total" | number | undefined;
  /** Copy node stderr into jepsen.log and the console (`--log-stderr`). @default false */
  logStderr: boolean;
  /** One seed for every random choice of the harness (`--seed`). @default a random seed */
  seed: number;
  /** Where run folders go (`--store`). @default "store" */
  storeDir: string;
  /** Niceness of node processes (`--node-niceness`; 0 as Maelstrom). @default 0 */
  nodeNiceness: number;
  /**
   * Run node processes under Linux's SCHED_IDLE policy (`--node-idle`), so the harness, which
   * has one thread where Maelstrom has one per node, preempts them the moment a timer is due.
   * @default false
   */
  nodeIdle: boolean;
  /** Extra environment for node processes (no flag; the challenge runner sets it). @default {} */
  nodeEnv: Record<string, string>;
  /** Write the run's report (diagram, charts, index.html) after the outputs (`--no-report`). @default true */
  report: boolean;
  /** Run in virtual time with the `--bin` module's Program in-process (`--sim`). @default false */
  sim: boolean;
  /** With `sim`: run twice and fail if the runs differ (`--check-determinism`). @default false */
  checkDeterminism: boolean;
}

/** What `testOptions` takes: the workload, and any fields to change from their defaults. */
export type TestOptionsInput = Partial<Omit<TestOptions, "concurrency" | "workload" | "faults">> & {
  /** Fault settings to change; the rest keep DEFAULT_FAULT_SETTINGS. */
  faults?: Partial<Record<FaultKind, Partial<FaultSettings>>>;
  workload: WorkloadName;
  /** `k` nodes named n0…n(k-1), as `--node-count`; ignored when `nodes` is given. */
  nodeCount?: number;
  /** A number of client threads, or `"<k>n"` for k per node. */
  concurrency?: number | `${number}n`;
};

/** Bad options: Maelstrom exits 254. */
export class UsageError extends Error {
  override name = "UsageError";
}

function integer(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(
      `${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`}, got ${value}`,
    );
  return value;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T))
    throw new UsageError(`${name} must be one of ${allowed.join(", ")}, got ${value}`);
  return value as T;
}

/** Fills in defaults and validates: the one place either happens. */
export function testOptions(input: TestOptionsInput): TestOptions {
  const workload = oneOf("--workload", input.workload, WORKLOAD_NAMES);
  const nodes =
    input.nodes ??
    (input.nodeCount !== undefined
      ? Array.from({ length: integer("--node-count", input.nodeCount, 1) }, (_, i) => `n${i}`)
      : ["n1", "n2", "n3", "n4", "n5"]);
  if (nodes.length === 0) throw new UsageError("no nodes");
  for (const node of nodes) {
    // Maelstrom would treat such a node as a client (no latency, no partitions): refuse it.
    if (isClient(node))
      throw new UsageError(`node name ${node} starts with c, which Maelstrom reserves for clients`);
    if (!/^[\w.-]+$/.test(node))
      throw new UsageError(`node name ${node} must be letters, digits, _ . -`);
  }
  if (new Set(nodes).size !== nodes.length) throw new UsageError("node names must differ");

  const concurrencyInput = input.concurrency ?? "1n";
  const concurrency =
    typeof concurrencyInput === "number"
      ? concurrencyInput
      : Number(concurrencyInput.slice(0, -1)) * nodes.length;
  integer("--concurrency", concurrency, 1);

  const latencyDist = oneOf("--latency-dist", input.latencyDist ?? "constant", LATENCY_DISTS);
  const latencyMs = integer("--latency", input.latencyMs ?? 0, 0);
  if (latencyDist !== "constant" && latencyMs === 0)
    throw new UsageError(`--latency-dist ${latencyDist} needs --latency > 0`);

  const availability = input.availability;
  if (typeof availability === "number" && !(availability >= 0 && availability <= 1))
    throw new UsageError(`--availability must be total or a number in [0, 1], got ${availability}`);
  const rate = input.rate ?? 5;
  if (!(rate >= 0 && Number.isFinite(rate)))
    throw new UsageError(`--rate must be a number ≥ 0, got ${rate}`);
  const nemesisIntervalS = input.nemesisIntervalS ?? 10;
  if (!(nemesisIntervalS > 0 && Number.isFinite(nemesisIntervalS)))
    throw new UsageError(`--nemesis-interval must be a positive number, got ${nemesisIntervalS}`);

  if (input.partitionKinds?.length === 0) throw new UsageError("--partition-kinds names no kind");
  const faults = Object.fromEntries(
    FAULT_KINDS.map((kind) => {
      const settings = { ...DEFAULT_FAULT_SETTINGS, ...input.faults?.[kind] };
      if (!(settings.intervalS > 0 && Number.isFinite(settings.intervalS)))
        throw new UsageError(
          `--${kind}-interval must be a positive number, got ${settings.intervalS}`,
        );
      if (!(settings.intensity > 0 && settings.intensity <= 1))
        throw new UsageError(`--${kind}-intensity must be in (0, 1], got ${settings.intensity}`);
      return [kind, settings];
    }),
  ) as Record<FaultKind, FaultSettings>;
  if (input.checkDeterminism && !input.sim)
    throw new UsageError("--check-determinism needs --sim (process runs are not deterministic)");

  return {
    workload,
    bin: input.bin ?? "",
    args: [...(input.args ?? [])],
    nodes: [...nodes],
    timeLimitS: integer("--time-limit", input.timeLimitS ?? 60, 1),
    rate,
    concurrency,
    latencyMs,
    latencyDist,
    nemesis: [...new Set((input.nemesis ?? []).map((k) => oneOf("--nemesis", k, NEMESIS_KINDS)))],
    nemesisIntervalS,
    partitionKinds: [
      ...new Set(
        (input.partitionKinds ?? PARTITION_KINDS).map((kind) =>
          oneOf("--partition-kinds", kind, PARTITION_KINDS),
        ),
      ),
    ],
    faults,
    topology: oneOf("--topology", input.topology ?? "grid", TOPOLOGY_NAMES),
    availability,
    logStderr: input.logStderr ?? false,
    seed: integer("--seed", input.seed ?? Math.floor(Math.random() * 2 ** 31), 0),
    storeDir: input.storeDir ?? "store",
    nodeNiceness: integer("--node-niceness", input.nodeNiceness ?? 0, 0, 19),
    nodeIdle: input.nodeIdle ?? false,
    nodeEnv: { ...(input.nodeEnv ?? {}) },
    report: input.report ?? true,
    sim: input.sim ?? false,
    checkDeterminism: input.checkDeterminism ?? false,
  };
}

// ---- the command line -------------------------------------------------------------------

type Input = Record<string, unknown>;

/** What the usage text shows of a flag. */
export interface FlagHelp {
  name: string;
  short?: string;
  /** Placeholder in the usage text; absent for a boolean switch. */
  value?: string;
  help: string;
}

/**
 * One flag of a command's table: its usage line, and how its text goes into the command's
 * input (`O` names the fields; `maelstrom test`'s are TestOptions). Every command parses its
 * table with `readFlags` and prints it with `flagUsage`.
 */
export interface Flag<O = TestOptions> extends FlagHelp {
  multiple?: boolean;
  /** Puts the flag's text into the input ("" for a switch). */
  apply(input: Input, text: string): void;
  /** The flag's text that gives these options (true: the switch is on); for `testCommandLine`. */
  show?(options: O): string | boolean | undefined;
}

function parseInteger(name: string, text: string, min?: number): number {
  if (!/^-?\d+$/.test(text) || (min !== undefined && Number(text) < min))
    throw new UsageError(
      `--${name} must be an integer${min === undefined ? "" : ` ≥ ${min}`}, got ${text}`,
    );
  return Number(text);
}

function parseNumber(name: string, text: string): number {
  // Clojure's read-string accepts fractions like 1/2 for --nemesis-interval.
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text);
  if (text.trim() === "" || Number.isNaN(value))
    throw new UsageError(`--${name} must be a number, got ${text}`);
  return value;
}

/** A flag whose text is an integer (at least `min`, if given). */
export const integerFlag = <O = TestOptions>(
  name: string,
  field: keyof O & string,
  help: string,
  value = "N",
  min?: number,
): Flag<O> => ({
  name,
  value,
  help,
  apply: (input, text) => {
    input[field] = parseInteger(name, text, min);
  },
  show: (options) => String(options[field]),
});

/** A flag whose text is the option's value as it is (checked by whoever reads the input). */
export const textFlag = <O = TestOptions>(
  name: string,
  field: keyof O & string,
  value: string,
  help: string,
): Flag<O> => ({
  name,
  value,
  help,
  apply: (input, text) => {
    input[field] = text;
  },
  show: (options) => options[field] as string | undefined,
});

/** A switch: present, it sets its field to true. */
export const switchFlag = <O = TestOptions>(
  name: string,
  field: keyof O & string,
  help: string,
): Flag<O> => ({
  name,
  help,
  apply: (input) => {
    input[field] = true;
  },
  show: (options) => options[field] === true,
});

/** k nodes named n0…n(k-1), which `--node-count k` gives. */
const nodeCountOf = (nodes: readonly string[]) =>
  nodes.every((node, i) => node === `n${i}`) ? nodes.length : undefined;

function setFault(input: Input, kind: FaultKind, field: keyof FaultSettings, value: number): void {
  input.faults ??= {};
  const faults = input.faults as Record<string, Record<string, number>>;
  faults[kind] = { ...faults[kind], [field]: value };
}

/** Every `maelstrom test` flag, in usage order. */
export const TEST_FLAGS: readonly Flag[] = [
  {
    ...textFlag(
      "workload",
      "workload",
      WORKLOAD_NAMES.join("|"),
      "the workload to run (required: Maelstrom's default, lin-kv, is not implemented)",
    ),
    short: "w",
  },
  {
    name: "bin",
    value: "PATH",
    help: "the node executable",
    apply: (input, text) => {
      input.bin = text;
    },
    show: (options) => options.bin || undefined,
  },
  {
    name: "node-count",
    value: "N",
    help: "run N nodes named n0…n(N-1) (default: n1…n5)",
    apply: (input, text) => {
      input.nodeCount = parseInteger("node-count", text);
    },
    show: (options) => {
      const count = nodeCountOf(options.nodes);
      return count === undefined ? undefined : String(count);
    },
  },
  {
    name: "nodes",
    value: "A,B,…",
    help: "node ids, comma-separated",
    apply: (input, text) => {
      input.nodes = text.split(",").filter((name) => name !== "");
    },
    show: (options) => (nodeCountOf(options.nodes) ? undefined : options.nodes.join(",")),
  },
  {
    name: "node",
    short: "n",
    value: "ID",
    multiple: true,
    help: "one node id (repeatable)",
    apply: (input, text) => {
      input.nodes = [...((input.nodes as string[] | undefined) ?? []), text];
    },
  },
  integerFlag("time-limit", "timeLimitS", "seconds of main phase (default 60)", "S"),
  {
    name: "rate",
    value: "R",
    help: "requests per second over all clients (default 5)",
    apply: (input, text) => {
      input.rate = parseNumber("rate", text);
    },
    show: (options) => String(options.rate),
  },
  {
    name: "concurrency",
    value: "C|Kn",
    help: "client threads; Kn means K per node (default 1n)",
    apply: (input, text) => {
      const match = /^(\d+)(n?)$/.exec(text);
      if (!match) throw new UsageError(`--concurrency must look like 5 or 2n, got ${text}`);
      input.concurrency = match[2] ? (text as `${number}n`) : Number(match[1]);
    },
    show: (options) => String(options.concurrency),
  },
  integerFlag("latency", "latencyMs", "mean one-way latency between nodes (default 0)", "MS"),
  textFlag(
    "latency-dist",
    "latencyDist",
    LATENCY_DISTS.join("|"),
    "how latencies are drawn (default constant)",
  ),
  {
    name: "nemesis",
    value: NEMESIS_KINDS.join(","),
    help: "faults to inject, comma-separated (default none)",
    apply: (input, text) => {
      input.nemesis = text.split(",").filter((kind) => kind !== "");
    },
    show: (options) => options.nemesis.join(",") || undefined,
  },
  {
    name: "nemesis-interval",
    value: "S",
    help: "seconds between nemesis operations (default 10)",
    apply: (input, text) => {
      input.nemesisIntervalS = parseNumber("nemesis-interval", text);
    },
    show: (options) => String(options.nemesisIntervalS),
  },
  ...FAULT_KINDS.flatMap((kind): Flag[] => [
    {
      name: `${kind}-interval`,
      value: "S",
      help: `mean seconds between ${kind} windows and of each (default ${DEFAULT_FAULT_SETTINGS.intervalS})`,
      apply: (input, text) =>
        setFault(input, kind, "intervalS", parseNumber(`${kind}-interval`, text)),
      show: (options) => String(options.faults[kind].intervalS),
    },
    {
      name: `${kind}-intensity`,
      value: "X",
      help: `${FAULT_INTENSITY_HELP[kind]} (default ${DEFAULT_FAULT_SETTINGS.intensity})`,
      apply: (input, text) =>
        setFault(input, kind, "intensity", parseNumber(`${kind}-intensity`, text)),
      show: (options) => String(options.faults[kind].intensity),
    },
  ]),
  {
    name: "partition-kinds",
    value: PARTITION_KINDS.join(","),
    help: "the grudges partitions pick from, comma-separated (default all)",
    apply: (input, text) => {
      input.partitionKinds = text.split(",").filter((kind) => kind !== "");
    },
    show: (options) => options.partitionKinds.join(","),
  },
  textFlag(
    "topology",
    "topology",
    TOPOLOGY_NAMES.join("|"),
    "the topology sent to broadcast nodes (default grid)",
  ),
  {
    name: "availability",
    value: "total|A",
    help: "availability goal: total, or a fraction of ops that must succeed",
    apply: (input, text) => {
      input.availability = text === "total" ? "total" : parseNumber("availability", text);
    },
    show: (options) =>
      options.availability === undefined ? undefined : String(options.availability),
  },
  switchFlag("log-stderr", "logStderr", "copy node stderr into jepsen.log and the console"),
  integerFlag("seed", "seed", "seed for every random choice of the harness (default: random)"),
  textFlag("store", "storeDir", "DIR", "where run folders go (default store)"),
  integerFlag(
    "node-niceness",
    "nodeNiceness",
    "run node processes at this CPU niceness, 0–19 (default 0, as Maelstrom)",
  ),
  switchFlag(
    "node-idle",
    "nodeIdle",
    "run node processes under Linux's SCHED_IDLE (chrt): deliveries on time on a busy 2-core box",
  ),
  {
    name: "no-report",
    help: "skip the run's report (messages.svg/.html, charts, timeline, index.html)",
    apply: (input) => {
      input.report = false;
    },
    show: (options) => !options.report,
  },
  switchFlag(
    "sim",
    "sim",
    "virtual time, the --bin module's Program in-process: deterministic for a seed",
  ),
  switchFlag(
    "check-determinism",
    "checkDeterminism",
    "with --sim: run twice and fail, naming the first differing history line, if they differ",
  ),
];

/** Flags `testCommandLine` always prints, even at their defaults. */
const ALWAYS_SHOWN = new Set(["workload", "bin", "seed"]);

/**
 * The `maelstrom test` arguments that reproduce these options: every flag whose value differs
 * from the default, plus the workload, binary and seed. (nodeEnv has no flag.)
 */
export function testCommandLine(options: TestOptions): string[] {
  const defaults = testOptions({ workload: options.workload, seed: options.seed });
  const argv: string[] = [];
  for (const flag of TEST_FLAGS) {
    const text = flag.show?.(options);
    if (text === undefined || text === false) continue;
    if (!ALWAYS_SHOWN.has(flag.name) && text === flag.show?.(defaults)) continue;
    argv.push(`--${flag.name}`);
    if (typeof text === "string") argv.push(text);
  }
  // After `--`, node arguments such as --profile are not taken for harness flags.
  return options.args.length > 0 ? [...argv, "--", ...options.args] : argv;
}

/** The usage lines of a flag table, for `--help` and usage errors. */
export function flagUsage(flags: readonly FlagHelp[]): string {
  const rows = flags.map((flag) => [
    `${flag.short ? `-${flag.short}, ` : "    "}--${flag.name}${flag.value ? ` ${flag.value}` : ""}`,
    flag.help,
  ]);
  const width = Math.max(...rows.map(([left]) => left!.length));
  return rows.map(([left, help]) => `  ${left!.padEnd(width)}  ${help}`).join("\n");
}

/**
 * The flags of a table found in `argv`, in command-line order, each with its text ("" for a
 * switch), and the positional arguments; anything not in the table is a UsageError.
 */
export function readFlags<F extends FlagHelp & { multiple?: boolean }>(
  flags: readonly F[],
  argv: readonly string[],
  options: { positionals: boolean },
): { found: Array<{ flag: F; text: string }>; positionals: string[] } {
  const byName = new Map(flags.map((flag) => [flag.name, flag]));
  const spec = Object.fromEntries(
    flags.map((flag) => [
      flag.name,
      {
        type: flag.value ? "string" : "boolean",
        ...(flag.short ? { short: flag.short } : {}),
        ...(flag.multiple ? { multiple: true } : {}),
      } as const,
    ]),
  );
  type Token = { kind: string; name?: string; value?: string | undefined };
  let parsed: { positionals: string[]; tokens: Token[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: spec,
      allowPositionals: options.positionals,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const found = parsed.tokens.flatMap((token) =>
    token.kind === "option" ? [{ flag: byName.get(token.name!)!, text: token.value ?? "" }] : [],
  );
  return { found, positionals: parsed.positionals };
}

/** `maelstrom test`'s arguments → options. Positional arguments become the node's argv. */
export function parseTestOptions(argv: readonly string[]): TestOptions {
  return testOptions(parseTestInput(argv));
}

/**
 * `maelstrom test`'s arguments → the input for `testOptions`, before defaults (so a sweep can
 * change the node count and keep `--concurrency 2n` meaning two per node).
 */
export function parseTestInput(argv: readonly string[]): TestOptionsInput {
  const { found, positionals } = readFlags(TEST_FLAGS, argv, { positionals: true });
  const input: Input = { args: positionals };
  // --node-count wins over --nodes, which wins over -n: apply them in reverse precedence (a
  // stable sort: the other flags first, each kind in command-line order).
  const order = ["node", "nodes", "node-count"];
  found.sort((a, b) => order.indexOf(a.flag.name) - order.indexOf(b.flag.name));
  for (const { flag, text } of found) flag.apply(input, text);
  if (input.nodeCount !== undefined) delete input.nodes;
  if (input.workload === undefined) input.workload = "lin-kv"; // Maelstrom's default: refused below
  if (!input.bin) throw new UsageError("Expected a --bin PATH_TO_BINARY to test");
  return input as TestOptionsInput;
}

/** `testCommandLine` as one shell line, `bin/maelstrom test …`, with the node environment first. */
export function reproCommand(options: TestOptions): string {
  const env = Object.entries(options.nodeEnv).map(([key, value]) => `${key}=${shellQuote(value)}`);
  return [...env, "bin/maelstrom", "test", ...testCommandLine(options).map(shellQuote)].join(" ");
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
