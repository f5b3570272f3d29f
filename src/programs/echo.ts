/** Challenge 1: answer every `echo` with `echo_ok` carrying the same value. */
import type { Program } from "../runtime/node.js";
import { requireField } from "../runtime/protocol.js";

export const echo: Program = (node) => {
  node.on("echo", ({ body }) => ({ type: "echo_ok", echo: requireField(body, "echo") }));
};
