/**
 * `maelstrom compare`: classic broadcast designs and treecast's profiles side by side on Fly.io's
 * 3d/3e workload (see comparison.ts). Registered in maelstrom/main.ts; the rows, which import
 * node programs, are loaded only when the command runs, so the harness never loads them.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Command } from "../maelstrom/commands/command.js";
import { type FlagHelp, flagUsage, UsageError } from "../maelstrom/options.js";
import { terminalProgress } from "../maelstrom/output/progress.js";

/** The folder with package.json above this module (from the sources or from dist/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const FLAGS: FlagHelp[] = [
  { name: "strategies", value: "A,B,…", help: "the rows to run (default: all built-in ones)" },
  { name: "seeds", value: "1,2,3", help: "seeds, the same for every row (default 1,2,3)" },
  { name: "nemesis", help: "also run every row with --nemesis partition" },
  { name: "bin", value: "PATH", help: "one more row: any node executable (repeatable; processes)" },
  { name: "name", value: "N", help: "names the --bin before it (default: its file name)" },
  { name: "processes", help: "run the built-in rows as real processes (default: virtual time)" },
  { name: "time-limit", value: "S", help: "seconds of main phase (default 20, Fly.io's)" },
  { name: "store", value: "DIR", help: "the output goes to DIR/compare/<time>/ (default store)" },
];

const OPTIONS = {
  strategies: { type: "string" },
  seeds: { type: "string", default: "1,2,3" },
  nemesis: { type: "boolean", default: false },
  bin: { type: "string", multiple: true, default: [] as string[] },
  name: { type: "string", multiple: true, default: [] as string[] },
  processes: { type: "boolean", default: false },
  "time-limit": { type: "string", default: "20" },
  store: { type: "string", default: "store" },
} as const;

export const compareCommand: Command = {
  name: "compare",
  summary: "broadcast designs and treecast's profiles on the 3d/3e workload: table + Pareto chart",
  usage: () =>
    `Usage: maelstrom compare [options]\n\nWrites table.md, table.json, pareto.svg and every run's folder to store/compare/<time>/.\n\n${flagUsage(FLAGS)}`,
  async run(argv) {
    let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];
    // Each --name names the --bin before it.
    const bins: Array<{ path: string; name?: string }> = [];
    try {
      const parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, tokens: true });
      values = parsed.values;
      for (const token of parsed.tokens) {
        if (token.kind !== "option" || token.value === undefined) continue;
        if (token.name === "bin") bins.push({ path: token.value });
        else if (token.name === "name") {
          const last = bins.at(-1);
          if (last === undefined || last.name !== undefined)
            throw new UsageError(`--name ${token.value} must follow the --bin it names`);
          last.name = token.value;
        }
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError((error as Error).message);
    }
    if (!/^\d+(,\d+)*$/.test(values.seeds))
      throw new UsageError(`--seeds must be integers separated by commas, got ${values.seeds}`);
    const seeds = [...new Set(values.seeds.split(",").map(Number))];
    if (!/^\d+$/.test(values["time-limit"]) || Number(values["time-limit"]) < 1)
      throw new UsageError(
        `--time-limit must be a whole number of seconds ≥ 1, got ${values["time-limit"]}`,
      );

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
      timeLimitS: Number(values["time-limit"]),
      storeDir: values.store,
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
