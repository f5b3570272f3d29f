/**
 * Treecast's own (docs/MAELSTROM.md#serve).
 * What a store holds, for `serve`'s run list: every run folder (store/<workload>/<start-time>/)
 * with its verdict and headline figures, and every comparison (store/compare/<start-time>/),
 * newest first. The latest/current symlinks are skipped; results.json is re-read only when it
 * changes, so the list can be polled.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Figure, headlineFigures } from "../output/summary.js";

export interface StoreEntry {
  kind: "run" | "comparison";
  /** The workload, or "compare". */
  group: string;
  name: string;
  /** URL path of the folder, from the store's root, ending in "/". */
  href: string;
  /** ISO time the run started (from the folder's name, else its mtime). */
  started: string;
  /** "running" until results.json is written. */
  valid: boolean | "unknown" | "running";
  figures: Figure[];
  /** Files present (or, for a run's report, written when asked for), among those linked to. */
  files: string[];
}

const LINKED_FILES = [
  "index.html",
  "messages.html",
  "results.edn",
  "results.json",
  "history.txt",
  "jepsen.log",
  "table.md",
  "table.json",
  "pareto.svg",
];

/** 20230105T101010.123+0000 (Jepsen's basic ISO time) → 2023-01-05T10:10:10.123+00:00. */
export function parseStoreTime(name: string): string | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})([+-]\d\d)(\d\d)/.exec(name);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}${m[8]}:${m[9]}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const cache = new Map<string, { mtimeMs: number; valid: StoreEntry["valid"]; figures: Figure[] }>();

async function verdict(dir: string): Promise<Pick<StoreEntry, "valid" | "figures">> {
  const path = join(dir, "results.json");
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return { valid: "running", figures: [] };
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return { valid: hit.valid, figures: hit.figures };
  let entry: { mtimeMs: number; valid: StoreEntry["valid"]; figures: Figure[] };
  try {
    const json = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
    const valid = json["valid?"];
    entry = {
      mtimeMs,
      valid: valid === true || valid === false ? valid : "unknown",
      figures: headlineFigures(json),
    };
  } catch {
    // Being written right now: try again on the next poll.
    return { valid: "running", figures: [] };
  }
  cache.set(path, entry);
  return { valid: entry.valid, figures: entry.figures };
}

async function entry(store: string, group: string, name: string): Promise<StoreEntry> {
  const dir = join(store, group, name);
  const [names, info] = await Promise.all([readdir(dir), stat(dir)]);
  const kind = group === "compare" ? "comparison" : "run";
  return {
    kind,
    group,
    name,
    href: `/${encodeURIComponent(group)}/${encodeURIComponent(name)}/`,
    started: parseStoreTime(name) ?? info.mtime.toISOString(),
    ...(kind === "run" ? await verdict(dir) : { valid: "unknown" as const, figures: [] }),
    // A finished run's report is written on demand (server.ts) if it was skipped.
    files: LINKED_FILES.filter(
      (file) =>
        names.includes(file) ||
        (file === "index.html" && kind === "run" && names.includes("results.json")),
    ),
  };
}

export async function listStore(store: string): Promise<StoreEntry[]> {
  const groups = await readdir(store, { withFileTypes: true }).catch(() => []);
  const entries: Array<Promise<StoreEntry | undefined>> = [];
  for (const group of groups) {
    if (!group.isDirectory()) continue; // latest, current: symlinks
    const runs = await readdir(join(store, group.name), { withFileTypes: true }).catch(() => []);
    for (const run of runs)
      if (run.isDirectory())
        entries.push(entry(store, group.name, run.name).catch(() => undefined));
  }
  const found = (await Promise.all(entries)).filter((e): e is StoreEntry => e !== undefined);
  return found.sort((a, b) => (a.started < b.started ? 1 : a.started > b.started ? -1 : 0));
}
