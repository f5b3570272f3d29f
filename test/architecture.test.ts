// The import rules of docs/ARCHITECTURE.md, enforced: every relative import of every source file
// is resolved to the folder it lands in and checked against the table below.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tsFiles } from "./support/source-files.js";

const ROOT = join(import.meta.dirname, "..");

/** Area → the areas it may import from (itself always allowed). Keep in step with ARCHITECTURE.md. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  "src/lib": [],
  "src/runtime": ["src/lib"],
  crdt: ["src/lib"],
  topology: ["src/lib"],
  "src/programs": ["src/runtime", "src/lib", "topology", "crdt"],
  "src/bin": ["src/programs", "src/runtime"],
  maelstrom: ["src/runtime", "src/lib"],
  // The CLI entry registers `compare`, whose rows load node programs only when it runs.
  "maelstrom/main.ts": ["maelstrom", "compare"],
  // The comparison runs node programs in-process on the harness: an application above both.
  compare: ["maelstrom", "src/programs", "src/runtime", "src/lib", "crdt", "topology"],
  // Benchmarks measure our own programs, replicas and harness, so they may reach all of them.
  bench: ["compare", "maelstrom", "src/programs", "src/runtime", "src/lib", "crdt", "topology"],
};

/** Packages each area may use (node: built-ins are checked by the sans-IO test, not here). */
const MAY_USE_PACKAGES: Record<string, readonly string[]> = {
  "src/lib": [],
  "src/runtime": [],
  crdt: ["yjs"],
  topology: [],
  "src/programs": ["lru-cache"],
  "src/bin": [],
};

const AREAS = Object.keys(MAY_IMPORT).sort((a, b) => b.length - a.length); // longest prefix first

function areaOf(path: string): string | undefined {
  const name = relative(ROOT, path);
  return AREAS.find((area) => name === area || name.startsWith(`${area}/`));
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(
    /(?:^|\n)\s*(?:import|export)[^"';]*?from\s+["']([^"']+)["']/g,
  ))
    specifiers.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g))
    specifiers.push(match[1]!);
  return specifiers;
}

describe("import rules", () => {
  it("finds imports of every form", () => {
    const source = `import a from "./a.js";\nimport type { B } from "../b.js";\nexport { c } from "./c.js";\nimport {\n  d,\n} from "d";\nconst e = await import("./e.js");`;
    expect(importsOf(source)).toEqual(["./a.js", "../b.js", "./c.js", "d", "./e.js"]);
  });

  it("holds for every source file", () => {
    const offences: string[] = [];
    for (const top of ["src", "crdt", "topology", "maelstrom", "compare", "bench"]) {
      for (const file of tsFiles(join(ROOT, top))) {
        const from = areaOf(file);
        if (!from) {
          offences.push(`${relative(ROOT, file)}: in no area of the import rules`);
          continue;
        }
        for (const specifier of importsOf(readFileSync(file, "utf8"))) {
          if (specifier.startsWith("node:")) continue;
          if (!specifier.startsWith(".")) {
            const pkg = specifier.startsWith("@")
              ? specifier.split("/").slice(0, 2).join("/")
              : specifier.split("/")[0]!;
            const allowed = MAY_USE_PACKAGES[from];
            if (allowed && !allowed.includes(pkg))
              offences.push(`${relative(ROOT, file)}: ${from} may not use the package ${pkg}`);
            continue;
          }
          const to = areaOf(resolve(dirname(file), specifier));
          if (to === from) continue;
          if (!to || !MAY_IMPORT[from]!.includes(to))
            offences.push(`${relative(ROOT, file)}: ${from} may not import ${specifier}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});

/** GitHub's anchor for a Markdown heading. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\s-]/g, "")
    .replace(/\s+/g, "-");

describe("harness module headers", () => {
  it("name the upstream namespace each reimplements, or say it is treecast's own", () => {
    const anchors = new Set(
      [...readFileSync(join(ROOT, "docs/MAELSTROM.md"), "utf8").matchAll(/^## (.+)$/gm)].map(
        (match) => slug(match[1]!),
      ),
    );
    const offences: string[] = [];
    for (const file of tsFiles(join(ROOT, "maelstrom"))) {
      const source = readFileSync(file, "utf8").replace(/^#!.*\n/, "");
      const header =
        /^\/\*\*\n \* (?:Reimplements .+|Treecast's own) \(docs\/MAELSTROM\.md#([\w-]+)\)\.\n/.exec(
          source,
        );
      if (!header)
        offences.push(
          `${relative(ROOT, file)}: first line must be " * Reimplements \`ns\` (docs/MAELSTROM.md#part)." or " * Treecast's own (docs/MAELSTROM.md#part)."`,
        );
      else if (!anchors.has(header[1]!))
        offences.push(`${relative(ROOT, file)}: docs/MAELSTROM.md has no section #${header[1]}`);
    }
    expect(offences).toEqual([]);
  });
});

describe("a clone stands alone", () => {
  // Built from pieces so that this file does not match itself.
  const OUTSIDE = [
    ["..", "shared"].join("/"),
    ["maelstrom", "spec"].join("-"),
    ["design", "notes"].join("-"),
  ];
  const SKIP = new Set([".git", "node_modules", "dist", "store", "package-lock.json"]);

  function* textFiles(dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* textFiles(path);
      else if (entry.isFile() && /\.(ts|mjs|js|json|md|sh|yml|yaml|txt)$|^run$/.test(entry.name))
        yield path;
    }
  }

  it("refers to nothing outside the repository", () => {
    const offences: string[] = [];
    for (const file of textFiles(ROOT)) {
      const text = readFileSync(file, "utf8");
      for (const name of OUTSIDE)
        if (text.includes(name)) offences.push(`${relative(ROOT, file)} mentions ${name}`);
    }
    expect(offences).toEqual([]);
  });
});
