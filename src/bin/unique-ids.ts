#!/usr/bin/env node
import { uniqueIds } from "../programs/unique-ids.js";
import { runOverStdio } from "../runtime/stdio.js";

runOverStdio(uniqueIds);
