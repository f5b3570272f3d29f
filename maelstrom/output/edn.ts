/**
 * Reimplements `jepsen.store`'s EDN printing (docs/MAELSTROM.md#outputs).
 * A small EDN printer for results.edn and history.edn, plus the JSON view of
 * the same values for results.json.
 *
 * Values are plain JS data with a few markers for what JSON cannot say:
 * - `kw("unknown")` prints `:unknown`; `sym("clojure.lang.ExceptionInfo")` prints bare.
 * - `tagged("jepsen.history.Op", {...})` prints `#jepsen.history.Op{:index 3, ...}`.
 * - `float(x)` is a Java float (single precision), printed like `Float.toString`: `1.0`, `11.961905`.
 *   Plain numbers print as longs when integral (`0`, `1`) and as Java doubles otherwise (`0.5`).
 * - `list([...])` marks an array as a Clojure seq, printed `(1 2 3)` (Jepsen's `sort`/`take`
 *   results); other arrays print as vectors `[1 2 3]`.
 * - `Set` prints `#{...}`; `Map` prints with EDN keys (`{0 0, 0.5 120}`); plain object keys print as
 *   keywords (`{"valid?": true}` → `{:valid? true}`), as Maelstrom keywordizes JSON keys.
 */
import { canonicalJson } from "../../src/lib/canonical-json.js";
import { ExactNumber } from "./exact-json.js";
import type { Op, OpError } from "./history.js";

export class Keyword {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  toString(): string {
    return `:${this.name}`;
  }
}

const keywords = new Map<string, Keyword>();

/** The interned keyword with this name, so `kw("unknown") === kw("unknown")`. */
export function kw(name: string): Keyword {
  let k = keywords.get(name);
  if (k === undefined) {
    k = new Keyword(name);
    keywords.set(name, k);
  }
  return k;
}

export const UNKNOWN: Keyword = kw("unknown");

/** A bare Clojure symbol, e.g. an exception class in the `:exceptions` checker. */
export class EdnSymbol {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

export function sym(name: string): EdnSymbol {
  return new EdnSymbol(name);
}

/** A tagged value; a map value prints in record form `#tag{...}`, anything else as `#tag value`. */
export class Tagged<T = unknown> {
  readonly tag: string;
  readonly value: T;
  constructor(tag: string, value: T) {
    this.tag = tag;
    this.value = value;
  }
}

export function tagged<T>(tag: string, value: T): Tagged<T> {
  return new Tagged(tag, value);
}

/** A Java `float`: stored rounded to single precision. */
export class EdnFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = Math.fround(value);
  }
  /** The shortest decimal that reads back as this float (what Java prints), as a JS number. */
  toNumber(): number {
    return Number.isFinite(this.value) ? Number(floatDigits(this.value)) : this.value;
  }
}

export function float(value: number): EdnFloat {
  return new EdnFloat(value);
}

/** A number, or a float's printed value. */
export function num(value: number | EdnFloat): number {
  return value instanceof EdnFloat ? value.toNumber() : value;
}

const lists = new WeakSet<readonly unknown[]>();

/** Marks (and returns) an array to be printed as a seq `(...)` instead of a vector. */
export function list<T>(items: T[]): T[] {
  lists.add(items);
  return items;
}

export function isList(value: readonly unknown[]): boolean {
  return lists.has(value);
}

// ---------------------------------------------------------------------------------------------
// Scalars

const KEYWORD_NAME = /^[A-Za-z*+!_?<>=$&%.-][A-Za-z0-9*+!_?<>=$&%.#'/:-]*$/;

/** Whether `name` reads back as a keyword after a colon (so `{"a b": 1}` keeps a string key). */
export function isKeywordName(name: string): boolean {
  return (
    KEYWORD_NAME.test(name) && !/^[+.-]\d/.test(name) && !name.endsWith(":") && !name.includes("::")
  );
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
  "\f": "\\f",
  "\b": "\\b",
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/g;

export function ednString(s: string): string {
  return `"${s.replace(
    NEEDS_ESCAPE,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  )}"`;
}

/** Java's `Double.toString`/`Float.toString` layout for the significant digits of a number. */
function javaLayout(negative: boolean, digits: string, exp: number): string {
  const sign = negative ? "-" : "";
  if (exp >= -3 && exp < 7) {
    if (exp >= 0) {
      const int = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      return `${sign}${int}.${digits.slice(exp + 1) || "0"}`;
    }
    return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}E${exp}`;
}

function splitExponential(s: string): { negative: boolean; digits: string; exp: number } {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) throw new Error(`unexpected exponential form ${s}`);
  const digits = `${m[2]}${m[3] ?? ""}`.replace(/(?<=.)0+$/, "");
  return { negative: m[1] === "-", digits, exp: Number(m[4]) };
}

function specialNumber(x: number): string | null {
  if (Number.isNaN(x)) return "##NaN";
  if (x === Number.POSITIVE_INFINITY) return "##Inf";
  if (x === Number.NEGATIVE_INFINITY) return "##-Inf";
  return null;
}

/** Shortest exponential digits that read back as the same single-precision float. */
function floatDigits(f: number): string {
  for (let p = 1; p < 9; p++) {
    const s = f.toExponential(p - 1);
    if (Math.fround(Number(s)) === f) return s;
  }
  return f.toExponential(8);
}

export function formatDouble(x: number): string {
  const special = specialNumber(x);
  if (special !== null) return special;
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const { negative, digits, exp } = splitExponential(x.toExponential());
  return javaLayout(negative, digits, exp);
}

export function formatFloat(f: EdnFloat): string {
  const x = f.value;
  const special = specialNumber(x);
  if (special !== null) return special;
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const { negative, digits, exp } = splitExponential(floatDigits(x));
  return javaLayout(negative, digits, exp);
}

/** Integral numbers print as longs, others as doubles. */
export function formatNumber(x: number): string {
  // Safe integers print the same either way; String is the fast one (histories hold millions).
  if (Number.isSafeInteger(x)) return String(x);
  if (Number.isInteger(x)) return BigInt(x).toString();
  return formatDouble(x);
}

// ---------------------------------------------------------------------------------------------
// Documents: a value turned into nested collections of already-printed atoms.

type Doc =
  | string
  | { kind: "coll"; open: string; close: string; items: Doc[]; map: boolean }
  | { kind: "pair"; key: Doc; value: Doc };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapDoc(open: string, entries: Iterable<[Doc, unknown]>): Doc {
  const items: Doc[] = [];
  for (const [key, value] of entries) items.push({ kind: "pair", key, value: toDoc(value) });
  return { kind: "coll", open, close: "}", items, map: true };
}

function objectEntries(o: Record<string, unknown>): Array<[Doc, unknown]> {
  const out: Array<[Doc, unknown]> = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out.push([isKeywordName(k) ? `:${k}` : ednString(k), v]);
  }
  return out;
}

function toDoc(value: unknown): Doc {
  if (value === null || value === undefined) return "nil";
  switch (typeof value) {
    case "boolean":
      return String(value);
    case "number":
      return formatNumber(value);
    case "bigint":
      return value.toString();
    case "string":
      return ednString(value);
    case "object":
      break;
    default:
      return ednString(String(value));
  }
  if (value instanceof Keyword) return `:${value.name}`;
  if (value instanceof EdnSymbol) return value.name;
  if (value instanceof ExactNumber) return value.text;
  if (value instanceof EdnFloat) return formatFloat(value);
  if (value instanceof Tagged) {
    const inner = value.value;
    if (inner instanceof Map) {
      return mapDoc(
        `#${value.tag}{`,
        [...inner].map(([k, v]): [Doc, unknown] => [toDoc(k), v]),
      );
    }
    if (isPlainObject(inner)) return mapDoc(`#${value.tag}{`, objectEntries(inner));
    return { kind: "pair", key: `#${value.tag}`, value: toDoc(inner) };
  }
  if (Array.isArray(value)) {
    const items = value.map(toDoc);
    return isList(value)
      ? { kind: "coll", open: "(", close: ")", items, map: false }
      : { kind: "coll", open: "[", close: "]", items, map: false };
  }
  if (value instanceof Set) {
    return { kind: "coll", open: "#{", close: "}", items: [...value].map(toDoc), map: false };
  }
  if (value instanceof Map) {
    return mapDoc(
      "{",
      [...value].map(([k, v]): [Doc, unknown] => [toDoc(k), v]),
    );
  }
  if (isPlainObject(value)) return mapDoc("{", objectEntries(value));
  return ednString(String(value));
}

function flat(doc: Doc): string {
  if (typeof doc === "string") return doc;
  if (doc.kind === "pair") return `${flat(doc.key)} ${flat(doc.value)}`;
  return `${doc.open}${doc.items.map(flat).join(doc.map ? ", " : " ")}${doc.close}`;
}

/** Length of the last line of a (possibly multi-line) string. */
function lastLineLength(s: string): number {
  return s.length - s.lastIndexOf("\n") - 1;
}

/**
 * Lays a document out starting at column `col`, with `trail` characters still to follow on its
 * last line. Maps put one entry per line once they don't fit (like `clojure.pprint`); sequences
 * fill each line with as many items as fit.
 */
function layout(doc: Doc, col: number, trail: number, width: number): string {
  const oneLine = flat(doc);
  if (typeof doc === "string" || col + oneLine.length + trail <= width) return oneLine;
  if (doc.kind === "pair") {
    const key = layout(doc.key, col, 0, width);
    return `${key} ${layout(doc.value, col + lastLineLength(key) + 1, trail, width)}`;
  }
  const inner = col + doc.open.length;
  const pad = " ".repeat(inner);
  const last = doc.items.length - 1;
  const itemTrail = (i: number) => (i === last ? doc.close.length + trail : 1);
  if (doc.map) {
    const lines = doc.items.map((item, i) => layout(item, inner, itemTrail(i), width));
    return `${doc.open}${lines.join(`,\n${pad}`)}${doc.close}`;
  }
  let out = doc.open;
  let column = inner;
  doc.items.forEach((item, i) => {
    const text = flat(item);
    const tr = i === last ? doc.close.length + trail : 0;
    if (i > 0 && column + 1 + text.length + tr <= width) {
      out += ` ${text}`;
      column += 1 + text.length;
      return;
    }
    if (i > 0) out += `\n${pad}`;
    const placed = layout(item, inner, tr, width);
    out += placed;
    column = placed.includes("\n") ? lastLineLength(placed) : inner + placed.length;
  });
  return out + doc.close;
}

/** One-line EDN, e.g. for history.edn lines. */
export function toEdn(value: unknown): string {
  return flat(toDoc(value));
}

/** Pretty-printed EDN (results.edn), breaking lines at `width` columns where possible. */
export function printEdn(value: unknown, options: { width?: number } = {}): string {
  return layout(toDoc(value), 0, 0, options.width ?? 80);
}

// ---------------------------------------------------------------------------------------------
// JSON view

function jsonKey(key: unknown): string {
  if (typeof key === "string") return key;
  if (typeof key === "number") return String(key);
  if (key instanceof Keyword || key instanceof EdnSymbol) return key.name;
  if (key instanceof EdnFloat) return String(key.toNumber());
  return canonicalJson(toJsonValue(key));
}

/**
 * The same structure as plain JSON: keywords and symbols become their names, tagged values their
 * inner value, sets and seqs arrays, maps objects with stringified keys (`0.5` → `"0.5"`).
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "object") return value;
  if (value instanceof Keyword || value instanceof EdnSymbol) return value.name;
  if (value instanceof ExactNumber) return value; // stringifyExactJson writes it exactly
  if (value instanceof EdnFloat) {
    const n = value.toNumber();
    return Number.isFinite(n) ? n : null;
  }
  if (value instanceof Tagged) return toJsonValue(value.value);
  if (Array.isArray(value) || value instanceof Set) return [...value].map(toJsonValue);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) setKey(out, jsonKey(k), toJsonValue(v));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) setKey(out, k, toJsonValue(v));
  }
  return out;
}

/** `out[key] = value`, safe for a `"__proto__"` key. */
function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// Ops

/** `"net-timeout"` → `:net-timeout`; `["crash", "text"]` → `[:crash "text"]`; prose stays a string. */
export function errorToEdn(error: OpError): unknown {
  const name = (s: string) => (isKeywordName(s) ? kw(s) : s);
  return typeof error === "string" ? name(error) : [name(error[0]), error[1]];
}

export interface OpEdn {
  index: number;
  time: number;
  type: Keyword;
  process: number | Keyword;
  f: Keyword;
  value: unknown;
  error?: unknown;
  "final?"?: boolean;
  exception?: unknown;
}

/**
 * An op as Jepsen prints its `Op` record: `#jepsen.history.Op{:index 3, :time 123, :type :ok,
 * :process 0, :f :read, :value [0 1]}`, plus `:error`, `:final?`, `:exception` when present. An
 * exception prints in `Throwable->map` shape: `{:via [{:type <class>, :message ...}], :cause ...}`.
 */
/**
 * Nemesis values are keywords and node sets in Jepsen: `:majority`, `:network-healed`,
 * `[:isolated {"n1" #{"n2" "n3"}}]`. The history keeps them as JSON strings and arrays.
 */
export function nemesisValueToEdn(value: unknown): unknown {
  if (typeof value === "string") return kw(value);
  if (Array.isArray(value) && value[0] === "isolated" && isPlainObject(value[1])) {
    const grudge = Object.entries(value[1]).map(([node, dropped]) => [
      node,
      new Set(dropped as string[]),
    ]);
    return [kw("isolated"), new Map(grudge as Array<[string, Set<string>]>)];
  }
  return value ?? null;
}

export function opToEdn(op: Op): Tagged<OpEdn> {
  const m: OpEdn = {
    index: op.index,
    time: op.time,
    type: kw(op.type),
    process: typeof op.process === "number" ? op.process : kw(op.process),
    f: kw(op.f),
    value: op.process === "nemesis" ? nemesisValueToEdn(op.value) : (op.value ?? null),
  };
  if (op.error !== undefined) m.error = errorToEdn(op.error);
  if (op.final !== undefined) m["final?"] = op.final;
  if (op.exception !== undefined) {
    const { class: cls, message } = op.exception;
    m.exception = { via: [{ type: sym(cls), message }], cause: message };
  }
  return tagged("jepsen.history.Op", m);
}
