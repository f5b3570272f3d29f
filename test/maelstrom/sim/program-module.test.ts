// Loading the node of a --sim run from its --bin: our executables, a user's TypeScript module,
// and refusals that point to process mode.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProgram, NotInProcessError } from "../../../maelstrom/hosts/program-module.js";

const ROOT = join(import.meta.dirname, "../../..");
const at = (path: string) => join(ROOT, path);

describe("loadProgram", () => {
  it("takes the Program our executables export, through the bin/ links", async () => {
    for (const bin of ["bin/echo", "bin/unique-ids", "bin/broadcast"])
      expect(typeof (await loadProgram(at(bin), {}, []))).toBe("function");
  });

  it("hands the node environment to createProgram, whose errors are usage errors", async () => {
    await expect(loadProgram(at("bin/broadcast"), { TREECAST_FANOUT: "zero" }, [])).rejects.toThrow(
      /TREECAST_FANOUT/,
    );
  });

  it("runs a user's TypeScript module that exports a program", async () => {
    const program = await loadProgram(at("test/support/fixtures/forgetful-broadcast.ts"), {}, []);
    expect(typeof program).toBe("function");
  });

  it("refuses what cannot run in-process, suggesting process mode", async () => {
    for (const bin of [
      "/bin/sh",
      at("test/support/fixtures/lonely-broadcast.mjs"),
      at("nope.js"),
    ]) {
      const refusal = loadProgram(bin, {}, []);
      await expect(refusal).rejects.toBeInstanceOf(NotInProcessError);
      await expect(refusal).rejects.toThrow(/process mode/);
    }
  });
});
