/**
 * The comparison's table: per row (strategy × configuration), the runs over the seeds reduced
 * to means with min–max, the Fly.io verdicts, the published figures the row should reproduce,
 * and which treecast rows Pareto-dominate each baseline. Rendered as table.md and table.json.
 */
import { relative } from "node:path";
import type { RunFigures, RunResult } from "./run-row.js";
import type { Published, Strategy } from "./strategies.js";

export interface Spread {
  mean: number;
  min: number;
  max: number;
}

export type FigureName = Exclude<keyof RunFigures, "valid" | "pass3d" | "pass3e">;
const FIGURES: readonly FigureName[] = [
  "msgsPerOp",
  "bytesPerOp",
  "medianMs",
  "p95Ms",
  "maxMs",
  "lost",
  "stale",
];

export interface Row {
  strategy: string;
  family: Strategy["family"];
  design: string;
  /** "3d/3e" or "3d/3e + partitions". */
  configuration: string;
  partitions: boolean;
  partitionTolerant: boolean;
  runs: RunResult[];
  /** Why the row failed (its first failed run), if it did. */
  failure?: string;
  /** Over the runs that produced figures; absent if none did. */
  figures?: Record<FigureName, Spread>;
  /** Every run valid, and every run passing 3d / 3e. */
  valid?: boolean | "unknown";
  pass3d?: boolean;
  pass3e?: boolean;
  published: Array<Published & { deviation: Record<string, number> }>;
}

export function summarize(
  strategy: Strategy,
  configuration: string,
  partitions: boolean,
  runs: RunResult[],
): Row {
  const failed = runs.find((run) => !run.ok);
  const done = runs.flatMap((run) => (run.ok ? [run.figures] : []));
  const row: Row = {
    strategy: strategy.name,
    family: strategy.family,
    design: strategy.design,
    configuration,
    partitions,
    partitionTolerant: strategy.partitionTolerant,
    runs,
    published: [],
  };
  if (failed && !failed.ok) row.failure = `seed ${failed.seed}: ${failed.cause}`;
  if (done.length === 0) return row;
  const figures = Object.fromEntries(
    FIGURES.map((name) => {
      const values = done.map((f) => f[name]);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return [name, { mean, min: Math.min(...values), max: Math.max(...values) }];
    }),
  ) as Record<FigureName, Spread>;
  row.figures = figures;
  row.valid = done.every((f) => f.valid === true)
    ? true
    : done.some((f) => f.valid === false)
      ? false
      : "unknown";
  row.pass3d = !failed && done.every((f) => f.pass3d);
  row.pass3e = !failed && done.every((f) => f.pass3e);
  if (!partitions) {
    row.published = strategy.published.map((published) => {
      const deviation: Record<string, number> = {
        msgsPerOp: figures.msgsPerOp.mean / published.msgsPerOp - 1,
      };
      if (published.medianMs) deviation.medianMs = figures.medianMs.mean / published.medianMs - 1;
      if (published.maxMs) deviation.maxMs = figures.maxMs.mean / published.maxMs - 1;
      return { ...published, deviation };
    });
  }
  return row;
}

/** `a` is no worse than `b` on every axis and strictly fewer msgs/op (means). */
export function dominates(a: Row, b: Row): boolean {
  if (!a.figures || !b.figures || a.valid !== true) return false;
  return (
    a.figures.msgsPerOp.mean < b.figures.msgsPerOp.mean &&
    a.figures.medianMs.mean <= b.figures.medianMs.mean &&
    a.figures.maxMs.mean <= b.figures.maxMs.mean
  );
}

export interface Dominance {
  baseline: string;
  configuration: string;
  /** The treecast rows of the same configuration that dominate it. */
  dominatedBy: string[];
}

export function dominance(rows: readonly Row[]): Dominance[] {
  return rows
    .filter((row) => row.family === "baseline" && row.figures)
    .map((baseline) => ({
      baseline: baseline.strategy,
      configuration: baseline.configuration,
      dominatedBy: rows
        .filter(
          (row) =>
            row.family === "treecast" &&
            row.configuration === baseline.configuration &&
            dominates(row, baseline),
        )
        .map((row) => row.strategy),
    }));
}

export interface Table {
  command: string;
  workload: string;
  seeds: number[];
  mode: "virtual time" | "processes";
  rows: Row[];
  dominance: Dominance[];
}

const number = (value: number, digits: number) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : "—";

function spread({ mean, min, max }: Spread, digits: number): string {
  return min === max
    ? number(mean, digits)
    : `${number(mean, digits)} (${number(min, digits)}–${number(max, digits)})`;
}

const verdict = (ok: boolean | "unknown" | undefined) =>
  ok === undefined ? "—" : ok === true ? "✓" : ok === false ? "✗" : "?";

const DEVIATION_LABEL: Record<string, string> = {
  msgsPerOp: "msgs",
  medianMs: "median",
  maxMs: "max",
};

const percent = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} %`;

/** table.md: the rows, the published figures, the dominance; run folders relative to `base`. */
export function tableMarkdown(table: Table, base: string): string {
  const lines = [
    `# Broadcast designs on Fly.io's 3d/3e workload`,
    "",
    `${table.workload}; seeds ${table.seeds.join(", ")}, ${table.mode}. Means over the seeds, min–max in brackets.`,
    "",
    `\`${table.command}\``,
    "",
    "| strategy | configuration | servers msgs/op | bytes/op | stable latency median / p95 / max (ms) | lost | stale | valid? | 3d | 3e | runs |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of table.rows) {
    const f = row.figures;
    const links = row.runs
      .map((run) => (run.dir ? `[${run.seed}](${relative(base, run.dir)})` : `${run.seed}`))
      .join(" ");
    const cells = f
      ? [
          spread(f.msgsPerOp, 2),
          spread(f.bytesPerOp, 0),
          `${spread(f.medianMs, 0)} / ${spread(f.p95Ms, 0)} / ${spread(f.maxMs, 0)}`,
          spread(f.lost, 0),
          spread(f.stale, 0),
          verdict(row.valid),
        ]
      : ["—", "—", "—", "—", "—", "—"];
    const name = row.failure
      ? `${row.strategy} **failed: ${row.failure.replaceAll("|", "\\|")}**`
      : row.strategy;
    lines.push(
      `| ${[name, row.configuration, ...cells, verdict(row.pass3d), verdict(row.pass3e), links].join(" | ")} |`,
    );
  }
  const published = table.rows.flatMap((row) => row.published.map((p) => ({ row, p })));
  if (published.length > 0) {
    lines.push(
      "",
      "## Against the published figures (goal: within ±15 %)",
      "",
      "| strategy | published msgs/op, median / max (ms) | source | ours | deviation |",
      "|---|---|---|---|---|",
    );
    for (const { row, p } of published) {
      const f = row.figures!;
      const theirs = `${p.msgsPerOp}${p.medianMs ? `, ${p.medianMs} / ${p.maxMs}` : ""}`;
      const ours = `${number(f.msgsPerOp.mean, 2)}${p.medianMs ? `, ${number(f.medianMs.mean, 0)} / ${number(f.maxMs.mean, 0)}` : ""}`;
      const deviation = Object.entries(p.deviation)
        .map(([k, d]) => `${DEVIATION_LABEL[k]} ${percent(d)}${Math.abs(d) > 0.15 ? " ✗" : ""}`)
        .join(", ");
      lines.push(`| ${row.strategy} | ${theirs} | ${p.source} | ${ours} | ${deviation} |`);
    }
  }
  if (table.dominance.length > 0) {
    lines.push(
      "",
      "## Pareto dominance (fewer msgs/op, no higher median and max latency)",
      "",
      "| baseline | configuration | dominated by |",
      "|---|---|---|",
    );
    for (const d of table.dominance)
      lines.push(
        `| ${d.baseline} | ${d.configuration} | ${d.dominatedBy.join(", ") || "**none**"} |`,
      );
  }
  return `${lines.join("\n")}\n`;
}
