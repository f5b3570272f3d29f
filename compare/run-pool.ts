/**
 * Runs in-process rows on worker threads, one run per worker at a time, so the comparison uses
 * every core; a run that outlives its bound (a program stuck in a loop) is stopped with its
 * worker, which is replaced. From the TypeScript sources (tests), workers load them through tsx.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { RunResult } from "./run-row.js";
import type { WorkerSpec } from "./run-worker.js";

const FROM_SOURCES = import.meta.url.endsWith(".ts");

export class RunPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private readonly all = new Set<Worker>();
  readonly size: number;

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size);
  }

  async run(spec: WorkerSpec, boundMs: number): Promise<RunResult> {
    const worker = await this.acquire();
    return new Promise<RunResult>((resolve) => {
      const finish = (result: RunResult, healthy: boolean) => {
        clearTimeout(timer);
        worker.removeAllListeners("message");
        worker.removeAllListeners("error");
        if (healthy) this.release(worker);
        else {
          this.all.delete(worker);
          void worker.terminate();
          this.release(this.spawn());
        }
        resolve(result);
      };
      const timer = setTimeout(
        () =>
          finish(
            { seed: spec.seed, ok: false, cause: `hung: stopped after ${boundMs / 1000} s` },
            false,
          ),
        boundMs,
      );
      worker.once("message", (result: RunResult) => finish(result, true));
      worker.once("error", (error) =>
        finish({ seed: spec.seed, ok: false, cause: `crashed: ${error.message}` }, false),
      );
      worker.postMessage(spec);
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((worker) => worker.terminate()));
    this.all.clear();
  }

  private spawn(): Worker {
    const entry = new URL(`./run-worker.${FROM_SOURCES ? "ts" : "js"}`, import.meta.url);
    // From the sources (tests, run from the project root), the worker first registers tsx's
    // loader, then imports its entry.
    const worker = FROM_SOURCES
      ? new Worker(
          `import("tsx/esm/api")
            .then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
          { eval: true },
        )
      : new Worker(entry);
    worker.unref();
    this.all.add(worker);
    return worker;
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    if (this.all.size < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }
}
