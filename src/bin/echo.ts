#!/usr/bin/env node
import "../runtime/console-to-stderr.js";
import { echo } from "../programs/echo.js";
import { runOverStdio } from "../runtime/stdio.js";

runOverStdio(echo);
