/** Test helper: every TypeScript file below a folder, for tests that read the sources. */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}
