// Every Error subclass names itself, so logs and reports say which error it was, not "Error".
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { tsFiles } from "./support/source-files.js";

const ROOT = join(import.meta.dirname, "..");

describe("error classes", () => {
  it("each set their own name", () => {
    const files = ["src", "crdt", "topology", "maelstrom", "bench"].flatMap((top) => [
      ...tsFiles(join(ROOT, top)),
    ]);
    const sources = new Map(files.map((file) => [file, readFileSync(file, "utf8")]));
    // Classes that extend Error, or extend a class found to extend Error, to any depth.
    const errorClasses = new Set(["Error"]);
    const found: Array<{ name: string; file: string; body: string }> = [];
    for (let grew = true; grew; ) {
      grew = false;
      for (const [file, source] of sources) {
        for (const match of source.matchAll(/class (\w+) extends (\w+) \{([\s\S]*?)\n\}/g)) {
          const [, name, base, body] = match as unknown as [string, string, string, string];
          if (errorClasses.has(base) && !errorClasses.has(name)) {
            errorClasses.add(name);
            found.push({ name, file: relative(ROOT, file), body });
            grew = true;
          }
        }
      }
    }
    expect(found.length).toBeGreaterThan(5);
    const unnamed = found
      .filter(({ body }) => !/\bname = ["`]/.test(body))
      .map(({ name, file }) => `${file}: ${name}`);
    expect(unnamed).toEqual([]);
  });
});
