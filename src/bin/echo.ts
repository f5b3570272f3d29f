#!/usr/bin/env node
/** bin/echo (challenge 1). Exports its Program for in-process runs (`maelstrom test --sim`). */
import { echo } from "../programs/echo.js";
import { runIfMain } from "../runtime/stdio.js";

export const program = echo;
runIfMain(import.meta.url, () => program);
