/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * The node of an in-process run (`maelstrom test --sim`), from its `--bin`: a JavaScript or
 * TypeScript module that exports a treecast Program. Ours (bin/echo, bin/broadcast, … are
 * links to the bundles dist/bin/*.js) and a user's own module load the same way, by dynamic
 * import, so the harness never imports a node program statically.
 *
 * A module offers its node as one of:
 *   export function createProgram(env, args): Program   (settings from the node environment)
 *   export const program: Program
 * Anything else cannot run in-process and is refused with a pointer to process mode.
 */
import { readFileSync, realpathSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Program } from "../../src/runtime/node.js";
import { UsageError } from "../options.js";

/** What a module exports for in-process runs. */
export interface ProgramModule {
  createProgram?: (env: Readonly<Record<string, string | undefined>>, args: string[]) => Program;
  program?: Program;
}

const JS = new Set([".js", ".mjs"]);
const TS = new Set([".ts", ".mts"]);
/** A module that names one of the exports, in source or in an ESM bundle's export list. */
const EXPORTS_PROGRAM = /\bexport\b[^;]*?\b(?:createProgram|program)\b/;

/** Why `bin` cannot run in-process, for the error message. */
export class NotInProcessError extends UsageError {
  override name = "NotInProcessError";
}

function refuse(bin: string, why: string): never {
  throw new NotInProcessError(
    `--sim runs the node in-process, but ${bin} ${why}. --sim needs a .js or .ts module that ` +
      "exports `program` (a treecast Program) or `createProgram(env, args)`; run this --bin in " +
      "process mode instead (the same command without --sim).",
  );
}

/**
 * Loads the Program of `bin` for a node environment and argv. The module's source is checked
 * for the export before it is imported, so a plain stdio script is refused rather than started
 * inside the harness.
 */
export async function loadProgram(
  bin: string,
  env: Readonly<Record<string, string | undefined>>,
  args: readonly string[],
): Promise<Program> {
  let path: string;
  try {
    path = realpathSync(resolve(bin));
  } catch {
    refuse(bin, "does not exist");
  }
  const ext = extname(path);
  if (!JS.has(ext) && !TS.has(ext))
    refuse(bin, `is not a JavaScript or TypeScript module (${path})`);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    refuse(bin, `cannot be read (${(error as Error).message})`);
  }
  if (!EXPORTS_PROGRAM.test(source)) refuse(bin, "exports neither `program` nor `createProgram`");

  const url = pathToFileURL(path).href;
  const loaded = (TS.has(ext) ? await importTypeScript(url) : await import(url)) as ProgramModule;
  if (typeof loaded.createProgram === "function") {
    try {
      return loaded.createProgram(env, [...args]);
    } catch (error) {
      throw new UsageError(`${bin}: ${(error as Error).message}`);
    }
  }
  if (typeof loaded.program === "function") return loaded.program;
  return refuse(bin, "exports neither a `program` function nor a `createProgram` function");
}

async function importTypeScript(url: string): Promise<unknown> {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(url, import.meta.url);
}
