#!/usr/bin/env node
import "../runtime/console-to-stderr.js";
import { uniqueIds } from "../programs/unique-ids.js";
import { runOverStdio } from "../runtime/stdio.js";

runOverStdio(uniqueIds);
