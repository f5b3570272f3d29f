/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * `sweep --shrink`: from a failing test, a smaller one that still fails with the same seed:
 * fewer nodes, a shorter time limit, fewer nemesis events. Greedy: try each smaller variant in
 * turn, keep the first that still fails, start again from it; stop when none does or the run
 * budget is spent.
 */
import type { TestOptions } from "../options.js";

/** The smaller variants of `test` to try, most shrinking first. */
export function smallerVariants(test: TestOptions): TestOptions[] {
  const variants: TestOptions[] = [];
  const n = test.nodes.length;
  if (n > 2) {
    const count = Math.max(2, Math.ceil(n / 2));
    const concurrency = Math.max(1, Math.round((test.concurrency * count) / n));
    variants.push({ ...test, nodes: test.nodes.slice(0, count), concurrency });
  }
  if (test.timeLimitS > 1) variants.push({ ...test, timeLimitS: Math.ceil(test.timeLimitS / 2) });
  if (test.nemesis.length > 0 && test.nemesisIntervalS * 2 < test.timeLimitS)
    variants.push({ ...test, nemesisIntervalS: test.nemesisIntervalS * 2 });
  if (test.rate > 1) variants.push({ ...test, rate: Math.ceil(test.rate / 2) });
  return variants;
}

export async function shrink(
  failing: TestOptions,
  fails: (test: TestOptions) => Promise<boolean>,
  budget = 24,
): Promise<{ test: TestOptions; runs: number }> {
  let current = failing;
  let runs = 0;
  for (let shrunk = true; shrunk && runs < budget; ) {
    shrunk = false;
    for (const variant of smallerVariants(current)) {
      if (runs >= budget) break;
      runs++;
      if (await fails(variant)) {
        current = variant;
        shrunk = true;
        break;
      }
    }
  }
  return { test: current, runs };
}
