/**
 * Reimplements `jepsen.store`'s paths and symlinks (docs/MAELSTROM.md#outputs).
 * The store layout: store/<workload>/<start-time>/ plus the symlinks
 * store/latest, store/current and store/<workload>/latest.
 */
import { mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { threadId } from "node:worker_threads";

/** Jepsen's basic ISO time, e.g. 20230105T101010.123+0000. */
export function storeTimestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}+0000`
  );
}

export function createTestDir(storeDir: string, workload: string, date = new Date()): string {
  let dir = join(storeDir, workload, storeTimestamp(date));
  // Two runs started in the same millisecond (tests) get distinct directories.
  for (let k = 1; ; k++) {
    try {
      mkdirSync(dir, { recursive: false });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        mkdirSync(join(storeDir, workload), { recursive: true });
      else if ((error as NodeJS.ErrnoException).code === "EEXIST")
        dir = join(storeDir, workload, `${storeTimestamp(date)}-${k}`);
      else throw error;
    }
  }
  mkdirSync(join(dir, "node-logs"));
  return dir;
}

/**
 * Points `link` at `target`. Atomically (a fresh link renamed over the old one), because a
 * sweep's worker threads finish runs in the same store at the same time.
 */
function relink(target: string, link: string): void {
  const fresh = `${link}.${process.pid}-${threadId}.tmp`;
  rmSync(fresh, { force: true });
  symlinkSync(relative(join(link, ".."), target), fresh);
  renameSync(fresh, link);
}

export function linkLatest(storeDir: string, workload: string, testDir: string): void {
  relink(testDir, join(storeDir, "latest"));
  relink(testDir, join(storeDir, "current"));
  relink(testDir, join(storeDir, workload, "latest"));
}
