/**
 * `treecast/runtime`: write a Maelstrom node as a `Program`, a function that installs handlers
 * on a `MaelstromNode`, and run it as a process with `runOverStdio` or in memory, on virtual
 * time, with `startInProcess` and a `VirtualClock`.
 *
 * ```ts
 * import { runOverStdio } from "treecast/runtime";
 * runOverStdio((node) => node.on("echo", ({ body }) => ({ type: "echo_ok", echo: body.echo })));
 * ```
 *
 * @packageDocumentation
 */
export type { Random } from "../lib/random.js";
export { seededRandom } from "../lib/random.js";
export type { Env, Timer } from "./env.js";
export { ErrorCode, errorName, isDefinite, MaelstromError, RpcTimeoutError } from "./errors.js";
export type { Clock, InProcessOptions } from "./in-process.js";
export { inProcessEnv, startInProcess } from "./in-process.js";
export type { Handler, Program, ReplyBody, Request, RpcOptions } from "./node.js";
export { MaelstromNode } from "./node.js";
export type { Body, FieldKind, Message, ParseResult } from "./protocol.js";
export { formatMessage, parseMessage, requireField } from "./protocol.js";
export { runIfMain, runOverStdio, stdioEnv } from "./stdio.js";
export { VirtualClock } from "./virtual-clock.js";
