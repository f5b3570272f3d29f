#!/usr/bin/env node
import { echo } from "../programs/echo.js";
import { runOverStdio } from "../runtime/stdio.js";

runOverStdio(echo);
