/**
 * Reimplements `jepsen.web` (docs/MAELSTROM.md#serve).
 * `maelstrom serve`'s HTTP server: the run list at `/` (and `/runs.json` for its refresh), and
 * the store's files through serve-static, which decodes and normalises paths and refuses `..`.
 * One more guard here: a path whose real location (symlinks resolved) is outside the store is
 * refused, since serve-static follows symlinks.
 */
import { access, realpath } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join, resolve, sep } from "node:path";
import serveStatic from "serve-static";
import { writeReport } from "../report/report.js";
import { listPage } from "./list-page.js";
import { listStore } from "./store-index.js";

export interface ServeOptions {
  store: string;
  /** @default "127.0.0.1" */
  host?: string;
  /** 0 picks a free port. @default 8080 */
  port?: number;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Whether the request's path, symlinks resolved, stays inside the store (root is a realpath). */
export async function staysInside(root: string, urlPath: string): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (decoded.includes("\0")) return false;
  const candidate = resolve(root, `.${decoded.startsWith("/") ? "" : "/"}${decoded}`);
  const inside = (path: string) => path === root || path.startsWith(root + sep);
  if (!inside(candidate)) return false;
  try {
    return inside(await realpath(candidate));
  } catch {
    return true; // Missing: serve-static answers 404.
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * A finished run whose report was not written (`--no-report`, a comparison's rows) gets it when
 * its folder or index.html is first asked for, so every run has its pictures without every run
 * paying for them. One writing per folder at a time.
 */
const writing = new Map<string, Promise<unknown>>();
async function reportOnDemand(root: string, urlPath: string): Promise<void> {
  const folder = /^(.*\/)(index\.html)?$/.exec(decodeURIComponent(urlPath))?.[1];
  if (folder === undefined) return;
  const dir = resolve(root, `.${folder}`);
  if (!(await exists(join(dir, "results.json"))) || (await exists(join(dir, "index.html")))) return;
  const pending = writing.get(dir) ?? writeReport(dir).finally(() => writing.delete(dir));
  writing.set(dir, pending);
  await pending;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = await realpath(options.store);
  const files = serveStatic(root, {
    index: ["index.html"],
    dotfiles: "deny",
    fallthrough: false,
    redirect: true,
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "GET" && req.method !== "HEAD")
      return send(res, 405, "text/plain", "method not allowed\n");
    if (path === "/" || path === "/index.html")
      return send(res, 200, "text/html; charset=utf-8", listPage(options.store));
    if (path === "/runs.json")
      return send(res, 200, "application/json", JSON.stringify(await listStore(root)));
    // The raw target, not the URL parser's normalised path: "/a/../../x" must be refused, not
    // quietly turned into "/x".
    const raw = (req.url ?? "/").split("?")[0]!;
    if (!(await staysInside(root, raw))) return send(res, 403, "text/plain", "forbidden\n");
    await reportOnDemand(root, raw);
    files(req, res, (error?: { status?: number; statusCode?: number }) => {
      const status = error?.status ?? error?.statusCode ?? 404;
      send(res, status, "text/plain", status === 404 ? "not found\n" : "refused\n");
    });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, "text/plain", `${error.message}\n`);
      else res.destroy();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 8080, host, () => {
      server.off("error", fail);
      ready();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
