/**
 * Reimplements how `maelstrom.process` reads node JSON (docs/MAELSTROM.md#wire-protocol).
 * JSON from nodes, read exactly. Maelstrom (Clojure) keeps every number a node prints exactly
 * as written: 64-bit ids stay distinct, and 5.0 is not 5. JavaScript's
 * JSON.parse would round integers beyond 2^53 and merge 5.0 into 5, so a number whose text
 * does not survive that round trip is kept as an ExactNumber holding its text. Lines with no
 * such number (nearly all) take the native fast path.
 */
import { parse } from "lossless-json";
import { CANONICAL_TEXT } from "../../src/lib/canonical-json.js";

/** Brackets the text of an ExactNumber inside native JSON output, to be unquoted afterwards. */
const MARK = "\u0000exact:";
const MARKED = /"\\u0000exact:([^"\\]+)\\u0000exact:"/g;
/**
 * A cheap pre-check: text that may hold a long integer, an exponent or a trailing-zero
 * fraction. Exponents and fractions must end where a number ends (not inside base64 text).
 */
const SUSPECT = /\d{16}|\d[eE][+-]?\d+[,}\]\s]|\.\d*0[,}\]\s]/;

export class ExactNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  /** Lets JSON.stringify carry the exact text (see stringifyExactJson). */
  toJSON(): string {
    return `${MARK}${this.text}${MARK}`;
  }
  /** The number as written is its identity in canonicalJson. */
  [CANONICAL_TEXT](): string {
    return this.text;
  }
}

function parseNumber(text: string): number | ExactNumber {
  const value = Number(text);
  return String(value) === text ? value : new ExactNumber(text);
}

/** JSON.parse, except that numbers a double cannot carry exactly become ExactNumbers. */
export function parseExactJson(text: string): unknown {
  return SUSPECT.test(text) ? parse(text, null, parseNumber) : JSON.parse(text);
}

/** JSON.stringify that writes ExactNumbers as the numbers they were. */
export function stringifyExactJson(value: unknown, space?: number): string {
  return encodeExactJson(value, space).json;
}

/** stringifyExactJson's text, and whether the value held ExactNumbers (see decodeExactJson). */
export function encodeExactJson(value: unknown, space?: number): { json: string; exact: boolean } {
  const json = JSON.stringify(value, null, space);
  return json.includes("\\u0000exact:")
    ? { json: json.replace(MARKED, "$1"), exact: true }
    : { json, exact: false };
}

/**
 * A fresh copy of the value `encodeExactJson` encoded as `json`. Without ExactNumbers, plain
 * JSON.parse gives every number back exactly (a double survives its shortest text).
 */
export function decodeExactJson(json: string, exact: boolean): unknown {
  return exact ? parseExactJson(json) : JSON.parse(json);
}
