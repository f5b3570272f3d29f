// `serve` over real HTTP on localhost: the run list, and refusals of everything outside the
// store (.., encoded .., absolute paths, symlinks out of it), while symlinks inside it work.
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../../maelstrom/report/report.js";
import { type RunningServer, startServer } from "../../../maelstrom/serve/server.js";
import { writeRecordedRun } from "../../support/recorded-run.js";

const SECRET = "secret outside the store";
const base = mkdtempSync(join(tmpdir(), "treecast-serve-"));
const store = join(base, "store");
let server: RunningServer;

/** A GET with the path sent exactly as written (no client-side normalisation). */
function get(path: string): Promise<{ status: number; body: string }> {
  const { port } = server.server.address() as AddressInfo;
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

beforeAll(async () => {
  writeFileSync(join(base, "secret.txt"), SECRET);
  const older = join(store, "broadcast", "20260101T000000.000+0000");
  const newer = join(store, "broadcast", "20260102T000000.000+0000");
  for (const dir of [older, newer]) {
    mkdirSync(dir, { recursive: true });
    await writeRecordedRun(dir);
  }
  await writeReport(older);
  mkdirSync(join(store, "compare", "20260103T000000.000+0000"), { recursive: true });
  writeFileSync(join(store, "compare", "20260103T000000.000+0000", "table.md"), "| a |\n");
  symlinkSync(newer, join(store, "latest"));
  symlinkSync(base, join(store, "out-dir"));
  symlinkSync(join(base, "secret.txt"), join(store, "out-file"));
  server = await startServer({ store, port: 0 });
});

afterAll(() => server?.close());

describe("maelstrom serve", () => {
  it("binds 127.0.0.1 unless told otherwise", () => {
    expect((server.server.address() as AddressInfo).address).toBe("127.0.0.1");
  });

  it("lists runs and comparisons newest first, with verdicts and figures", async () => {
    const { status, body } = await get("/runs.json");
    expect(status).toBe(200);
    const entries = JSON.parse(body);
    expect(entries.map((e: { kind: string; name: string }) => `${e.kind} ${e.name}`)).toEqual([
      "comparison 20260103T000000.000+0000",
      "run 20260102T000000.000+0000",
      "run 20260101T000000.000+0000",
    ]);
    expect(entries[1].valid).toBe(true);
    expect(entries[1].figures.length).toBeGreaterThan(3);
    expect((await get("/")).body).toContain("runs.json");
  });

  it("serves files of the store, through symlinks that stay inside it", async () => {
    const file = await get("/broadcast/20260101T000000.000%2B0000/results.json");
    expect(file.status).toBe(200);
    expect(JSON.parse(file.body)["valid?"]).toBe(true);
    expect((await get("/latest/test.json")).status).toBe(200);
    expect((await get("/broadcast/20260101T000000.000%2B0000/")).body).toContain("Checkers");
  });

  it("writes a finished run's skipped report when its folder is first asked for", async () => {
    const newer = join(store, "broadcast", "20260102T000000.000+0000");
    expect(existsSync(join(newer, "index.html"))).toBe(false);
    const page = await get("/broadcast/20260102T000000.000%2B0000/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Checkers");
    expect(existsSync(join(newer, "messages.svg"))).toBe(true);
  });

  it.each([
    "/../secret.txt",
    "/broadcast/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/broadcast/%2E%2E/%2E%2E/secret.txt",
    "//etc/passwd",
    "/%2Fetc%2Fpasswd",
    `/${encodeURIComponent(join(base, "secret.txt"))}`,
    "/out-dir/secret.txt",
    "/out-file",
    "/%00",
  ])("refuses %s", async (path) => {
    const { status, body } = await get(path);
    expect([400, 403, 404]).toContain(status);
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain("root:");
  });
});
