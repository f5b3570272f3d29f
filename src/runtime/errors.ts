/**
 * Maelstrom's error table and the typed errors built on it.
 * Codes 0–999 are reserved for Maelstrom; any code outside the table is `unknown` and indefinite.
 */
export const ErrorCode = {
  timeout: 0,
  nodeNotFound: 1,
  notSupported: 10,
  temporarilyUnavailable: 11,
  malformedRequest: 12,
  crash: 13,
  abort: 14,
  keyDoesNotExist: 20,
  keyAlreadyExists: 21,
  preconditionFailed: 22,
  txnConflict: 30,
} as const;

interface ErrorDefinition {
  readonly name: string;
  readonly definite: boolean;
}

const DEFINITIONS: ReadonlyMap<number, ErrorDefinition> = new Map([
  [0, { name: "timeout", definite: false }],
  [1, { name: "node-not-found", definite: true }],
  [10, { name: "not-supported", definite: true }],
  [11, { name: "temporarily-unavailable", definite: true }],
  [12, { name: "malformed-request", definite: true }],
  [13, { name: "crash", definite: false }],
  [14, { name: "abort", definite: true }],
  [20, { name: "key-does-not-exist", definite: true }],
  [21, { name: "key-already-exists", definite: true }],
  [22, { name: "precondition-failed", definite: true }],
  [30, { name: "txn-conflict", definite: true }],
]);

/** Maelstrom's keyword name for a code, e.g. 11 → "temporarily-unavailable"; "unknown" otherwise. */
export function errorName(code: number): string {
  return DEFINITIONS.get(code)?.name ?? "unknown";
}

/** Definite errors mean the operation certainly did not happen; unknown codes are indefinite. */
export function isDefinite(code: number): boolean {
  return DEFINITIONS.get(code)?.definite ?? false;
}

/**
 * Marks a MaelstromError from any copy of this module: a bundled executable (dist/bin) carries
 * its own copy, and its Program may run on another copy's node (in-process runs), where
 * `instanceof` would not recognise its errors.
 */
const MAELSTROM_ERROR = Symbol.for("treecast.MaelstromError");

/** An error that travels as a Maelstrom `error` body. Handlers throw it to choose the code. */
export class MaelstromError extends Error {
  /** True for a MaelstromError from any copy of this module (`instanceof` knows only one). */
  static is(value: unknown): value is MaelstromError {
    return typeof value === "object" && value !== null && MAELSTROM_ERROR in value;
  }

  readonly [MAELSTROM_ERROR] = true;
  readonly code: number;
  readonly definite: boolean;

  constructor(code: number, text?: string) {
    super(text ?? errorName(code));
    this.name = `MaelstromError(${errorName(code)})`;
    this.code = code;
    this.definite = isDefinite(code);
  }

  /** The error reply body for the request with `msg_id` = `inReplyTo`. */
  toBody(inReplyTo: number): { type: "error"; in_reply_to: number; code: number; text: string } {
    return { type: "error", in_reply_to: inReplyTo, code: this.code, text: this.message };
  }
}

/** An RPC that got no reply in time (code 0, indefinite: the request may still take effect). */
export class RpcTimeoutError extends MaelstromError {
  override name = "RpcTimeoutError";

  constructor(dest: string, type: string, timeoutMs: number) {
    super(ErrorCode.timeout, `no reply from ${dest} to ${type} within ${timeoutMs} ms`);
  }
}
