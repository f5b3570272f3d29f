/**
 * Reimplements the teardown of `jepsen.core/run!` (docs/MAELSTROM.md#generator-and-phases).
 * The end of a run in Maelstrom's order: clients closed, the history
 * written, the nodes killed, and only then the network closed. Nodes keep running, and the
 * network keeps delivering and journaling, through all of it, so a node that gossips on a timer
 * is charged for this window in `:net`, as under Maelstrom. `TeardownWindow` measures it.
 */
import { NS_PER_MS, type Scheduler } from "./clock.js";
import { isClient, type Network } from "./net/network.js";
import type { JournalEvent } from "./output/history.js";
import type { RunLog } from "./output/log.js";

export interface TeardownReport {
  /** From the end of the last op to closing the network. */
  ms: number;
  /** The part of it spent writing the history (the rest is mostly killing the nodes). */
  historyMs: number;
  /** Server-to-server messages sent in that window (they count in `:net`). */
  serverMessages: number;
}

/** Counts the server messages sent once the window has opened. */
export class TeardownWindow {
  private openedAt: number | null = null;
  private sent = 0;

  open(timeNs: number): void {
    this.openedAt = timeNs;
  }

  add(event: JournalEvent): void {
    if (this.openedAt === null || event.type !== "send") return;
    if (!isClient(event.message.src) && !isClient(event.message.dest)) this.sent++;
  }

  report(historyNs: number, closedAt: number): TeardownReport {
    const ms = this.openedAt === null ? 0 : (closedAt - this.openedAt) / NS_PER_MS;
    return { ms, historyMs: historyNs / NS_PER_MS, serverMessages: this.sent };
  }
}

export async function tearDown(steps: {
  scheduler: Scheduler;
  network: Network;
  window: TeardownWindow;
  log: RunLog;
  closeClients(): void;
  /** Null when the run aborted: there is no history worth writing. */
  writeHistory: (() => Promise<void>) | null;
  stopNodes(): Promise<void>;
}): Promise<TeardownReport> {
  const { scheduler, network, window, log } = steps;
  window.open(scheduler.now());
  steps.closeClients();
  const writingFrom = scheduler.now();
  if (steps.writeHistory) {
    log.info("Run complete, writing");
    await scheduler.offClock(steps.writeHistory());
  }
  const historyNs = scheduler.now() - writingFrom;
  await scheduler.offClock(steps.stopNodes());
  network.close();
  const report = window.report(historyNs, scheduler.now());
  log.info(
    `Teardown window: ${report.ms.toFixed(1)} ms from the last op to closing the network (${report.historyMs.toFixed(1)} ms writing the history, then killing the nodes); ${report.serverMessages} server messages sent in it`,
  );
  return report;
}
