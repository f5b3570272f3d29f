/**
 * Reimplements `maelstrom.checker/availability-checker` (docs/MAELSTROM.md#checkers).
 * Maelstrom's availability checker: `ok-fraction` = #ok / #invoke as a Java
 * float, or the integer 1 when nothing was invoked. Counted over client ops: Maelstrom counts the
 * whole history, but its nemesis ops are all `:info`, so this is the same number.
 * `--availability`: absent → always valid; `total` → ok-fraction must be 1; a number a →
 * ok-fraction ≥ a.
 */
import { type EdnFloat, float } from "../output/edn.js";
import { isClientOp, type Op } from "../output/history.js";

export type AvailabilityGoal = "total" | number | undefined;

export interface AvailabilityResult {
  "valid?": boolean;
  "ok-fraction": EdnFloat | number;
}

export function checkAvailability(
  history: readonly Op[],
  availability?: AvailabilityGoal,
): AvailabilityResult {
  const clientOps = history.filter(isClientOp);
  const oks = clientOps.filter((op) => op.type === "ok").length;
  const invokes = clientOps.filter((op) => op.type === "invoke").length;
  const fraction = invokes === 0 ? 1 : float(oks / invokes);
  // Compare the single-precision value, as Clojure compares the Float.
  const value = typeof fraction === "number" ? fraction : fraction.value;
  let valid: boolean;
  if (availability === undefined) valid = true;
  else if (availability === "total") valid = value === 1;
  else if (typeof availability === "number") valid = availability <= value;
  else throw new Error(`Don't know how to handle :availability ${JSON.stringify(availability)}`);
  return { "valid?": valid, "ok-fraction": fraction };
}
