/**
 * Treecast's own (docs/MAELSTROM.md#outputs).
 * A small EDN reader, enough to read Maelstrom's results.edn: maps, vectors, lists, sets,
 * keywords, strings, numbers (incl. ratios), nil/true/false, symbols and tagged literals
 * (#jepsen.history.Op{...} reads as its map). Keywords read as strings without the colon;
 * map keys read as strings (so `{0.5 452}` gives `{"0.5": 452}`).
 */
export type EdnValue = null | boolean | number | string | EdnValue[] | { [key: string]: EdnValue };

/** Text that is not EDN this reader knows. */
export class EdnSyntaxError extends Error {
  override name = "EdnSyntaxError";
}

export function parseEdn(text: string): EdnValue {
  let pos = 0;
  const fail = (why: string): never => {
    throw new EdnSyntaxError(`EDN: ${why} at offset ${pos}`);
  };
  const skip = () => {
    for (;;) {
      const ch = text[pos];
      if (ch === undefined) return;
      if (ch === ";") {
        while (pos < text.length && text[pos] !== "\n") pos++;
      } else if (/[\s,]/.test(ch)) {
        pos++;
      } else if (ch === "#" && text[pos + 1] === "_") {
        pos += 2;
        value();
      } else return;
    }
  };
  const token = (): string => {
    const start = pos;
    while (pos < text.length && !/[\s,()[\]{}"]/.test(text[pos]!)) pos++;
    return text.slice(start, pos);
  };
  const seq = (close: string): EdnValue[] => {
    const items: EdnValue[] = [];
    for (;;) {
      skip();
      if (text[pos] === close) {
        pos++;
        return items;
      }
      if (pos >= text.length) fail(`missing ${close}`);
      items.push(value());
    }
  };
  const keyString = (key: EdnValue): string =>
    typeof key === "string" ? key : JSON.stringify(key);
  const value = (): EdnValue => {
    skip();
    const ch = text[pos];
    if (ch === undefined) return fail("unexpected end");
    if (ch === "{") {
      pos++;
      const items = seq("}");
      const map: { [key: string]: EdnValue } = {};
      for (let i = 0; i + 1 < items.length; i += 2) map[keyString(items[i]!)] = items[i + 1]!;
      return map;
    }
    if (ch === "[" || ch === "(") {
      pos++;
      return seq(ch === "[" ? "]" : ")");
    }
    if (ch === "#" && text[pos + 1] === "{") {
      pos += 2;
      return seq("}");
    }
    if (ch === "#") {
      pos++;
      token(); // the tag; the tagged value stands for itself
      return value();
    }
    if (ch === '"') {
      let out = "";
      pos++;
      while (text[pos] !== '"') {
        if (pos >= text.length) fail("unterminated string");
        if (text[pos] === "\\") {
          const esc = text[pos + 1];
          out += esc === "n" ? "\n" : esc === "t" ? "\t" : esc === "r" ? "\r" : (esc ?? "");
          pos += 2;
        } else out += text[pos++];
      }
      pos++;
      return out;
    }
    if (ch === "\\") {
      pos++;
      return token();
    }
    const word = token();
    if (word === "") fail(`unexpected ${ch}`);
    if (word === "nil") return null;
    if (word === "true") return true;
    if (word === "false") return false;
    if (word.startsWith(":")) return word.slice(1);
    const ratio = /^(-?\d+)\/(\d+)$/.exec(word);
    if (ratio) return Number(ratio[1]) / Number(ratio[2]);
    const numeric = word.replace(/[NM]$/, "");
    if (/^[-+]?\d/.test(numeric) && Number.isFinite(Number(numeric))) return Number(numeric);
    return word; // a symbol
  };
  const result = value();
  skip();
  if (pos < text.length) fail("trailing input");
  return result;
}
