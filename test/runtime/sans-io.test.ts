// Node logic must reach the outside world only through its Env (see src/runtime/env.ts), so the
// same code runs over stdio and under virtual time. Only the stdio adapter and the executables
// may touch the real thing.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { tsFiles } from "../support/source-files.js";

const ROOT = join(import.meta.dirname, "../..");
const NODE_CODE = ["src", "crdt", "topology"];
const ALLOWED = new Set(["src/runtime/stdio.ts"]);
const FORBIDDEN = [
  /\bprocess\.std(out|err|in)\b/,
  /\bDate\.now\b/,
  /\bnew Date\(/,
  /\bperformance\.now\b/,
  /\bMath\.random\b/,
  /\bset(Timeout|Interval|Immediate)\(/,
  /\bconsole\.(log|info|debug|warn|error)\(/,
];

describe("sans-IO node code", () => {
  it("uses no ambient clock, timer, randomness or stdio outside the adapters", () => {
    const offences: string[] = [];
    for (const dir of NODE_CODE) {
      for (const file of tsFiles(join(ROOT, dir))) {
        const name = relative(ROOT, file);
        if (ALLOWED.has(name) || name.startsWith("src/bin/")) continue;
        readFileSync(file, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (/^\s*(\/\/|\/?\*)/.test(line)) return; // comments may name what code may not use
            for (const pattern of FORBIDDEN)
              if (pattern.test(line)) offences.push(`${name}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(offences).toEqual([]);
  });
});
