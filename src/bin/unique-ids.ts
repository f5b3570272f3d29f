#!/usr/bin/env node
/** bin/unique-ids (challenge 2). Exports its Program for in-process runs (`maelstrom test --sim`). */
import { uniqueIds } from "../programs/unique-ids.js";
import { runIfMain } from "../runtime/stdio.js";

export const program = uniqueIds;
runIfMain(import.meta.url, () => program);
