/**
 * `maelstrom compare`: classic broadcast designs and treecast's profiles side by side on Fly.io's
 * 3d/3e workload (see comparison.ts). Registered in maelstrom/main.ts; the rows, which import
 * node programs, are loaded only when the command runs, so the harness never loads them.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "../maelstrom/commands/command.js";
import {
  type Flag,
  flagUsage,
  integerFlag,
  readFlags,
  switchFlag,
  textFlag,
  UsageError,
} from "../maelstrom/options.js";
import { terminalProgress } from "../maelstrom/output/progress.js";

/** The folder with package.json above this module (from the sources or from dist/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** What the command line asks for; `FLAGS` fills it in, `--name` naming the `--bin` before it. */
interface CompareInput {
  strategies?: string;
  seeds: number[];
  nemesis: boolean;
  bins: Array<{ path: string; name?: string }>;
  processes: boolean;
  timeLimitS: number;
  store: string;
  report: boolean;
}

const DEFAULTS = (): CompareInput => ({
  seeds: [1, 2, 3],
  nemesis: false,
  bins: [],
  processes: false,
  timeLimitS: 20,
  store: "store",
  report: false,
});

const FLAGS: readonly Flag<CompareInput>[] = [
  textFlag("strategies", "strategies", "A,B,…", "the rows to run (default: all built-in ones)"),
  {
    name: "seeds",
    value: "1,2,3",
    help: "seeds, the same for every row (default 1,2,3)",
    apply: (input, text) => {
      if (!/^\d+(,\d+)*$/.test(text))
        throw new UsageError(`--seeds must be integers separated by commas, got ${text}`);
      input.seeds = [...new Set(text.split(",").map(Number))];
    },
  },
  switchFlag("nemesis", "nemesis", "also run every row with --nemesis partition"),
  {
    name: "bin",
    value: "PATH",
    multiple: true,
    help: "one more row: any node executable (repeatable; processes)",
    apply: (input, text) => {
      (input.bins as CompareInput["bins"]).push({ path: text });
    },
  },
  {
    name: "name",
    value: "N",
    multiple: true,
    help: "names the --bin before it (default: its file name)",
    apply: (input, text) => {
      const last = (input.bins as CompareInput["bins"]).at(-1);
      if (last === undefined || last.name !== undefined)
        throw new UsageError(`--name ${text} must follow the --bin it names`);
      last.name = text;
    },
  },
  switchFlag(
    "processes",
    "processes",
    "run the built-in rows as real processes (default: virtual time)",
  ),
  integerFlag("time-limit", "timeLimitS", "seconds of main phase (default 20, Fly.io's)", "S", 1),
  textFlag("store", "store", "DIR", "the output goes to DIR/compare/<time>/ (default store)"),
  switchFlag(
    "report",
    "report",
    "every run writes its report too (index.html, messages.html, charts)",
  ),
];

/** The command line → what to compare; bad input is a UsageError. */
function parseCompareInput(argv: readonly string[]): CompareInput {
  const input = DEFAULTS();
  // In command-line order, so each --name meets the --bin before it.
  for (const { flag, text } of readFlags(FLAGS, argv, { positionals: false }).found)
    flag.apply(input as unknown as Record<string, unknown>, text);
  return input;
}

export const compareCommand: Command = {
  name: "compare",
  summary: "broadcast designs and treecast's profiles on the 3d/3e workload: table + Pareto chart",
  usage: () =>
    `Usage: maelstrom compare [options]\n\nWrites table.md, table.json, pareto.svg and every run's folder to store/compare/<time>/.\n\n${flagUsage(FLAGS)}`,
  async run(argv) {
    const values = parseCompareInput(argv);
    const { seeds, bins } = values;

    // Loaded only when `compare` runs: the rows bring in every node program.
    const [rows, comparison] = await Promise.all([
      import("./strategies.js"),
      import("./comparison.js"),
    ]);
    const { STRATEGIES, binStrategy } = rows;
    const { runComparison } = comparison;
    const report = (line: string) => process.stderr.write(`${line}\n`);
    type Entry = Parameters<typeof runComparison>[0]["entries"][number];
    const entries: Entry[] = [];
    const wanted = values.strategies?.split(",").filter((name) => name !== "");
    for (const name of wanted ?? STRATEGIES.map((s) => s.name)) {
      const strategy = STRATEGIES.find((s) => s.name === name);
      if (strategy) entries.push({ strategy });
      else {
        const unrunnable = `unknown strategy (known: ${STRATEGIES.map((s) => s.name).join(", ")})`;
        report(`row ${name}: ${unrunnable}; the other rows still run`);
        entries.push({ name, unrunnable });
      }
    }
    for (const bin of bins)
      entries.push({ strategy: binStrategy(bin.name ?? basename(bin.path), resolve(bin.path)) });
    const names = entries.map((e) => ("strategy" in e ? e.strategy.name : e.name));
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) throw new UsageError(`two rows are named ${twice} (use --name)`);

    const { dir, table } = await runComparison({
      entries,
      seeds,
      nemesis: values.nemesis,
      processes: values.processes,
      timeLimitS: values.timeLimitS,
      storeDir: values.store,
      runReports: values.report,
      projectRoot: projectRoot(),
      command: ["bin/maelstrom compare", ...argv].join(" "),
      progress: terminalProgress(),
      report,
    });
    const { tableMarkdown } = await import("./table.js");
    process.stdout.write(`${tableMarkdown(table, dir)}\n${dir}\n`);
    return table.rows.some((row) => row.failure) ? 1 : 0;
  },
};
