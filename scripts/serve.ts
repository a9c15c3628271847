// The HTTP server in front of Next (used by `npm start`, `npm run dev` and the browser tests instead of
// `next start`): it sets the one client address the app believes (lib/http/client-ip.ts) and refuses
// hostile requests early with the right status (lib/http/request-guard.ts), logged once.
//
//   tsx scripts/serve.ts [--dev] [-p 3000] [-H 0.0.0.0]
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { env } from "../lib/env";
import { parseTrustedProxies, rewriteClientIp } from "../lib/http/client-ip";
import { guardRequest, safePath } from "../lib/http/request-guard";
import { logger } from "../lib/logger";

async function main() {
  const { values } = parseArgs({
    options: {
      dev: { type: "boolean", default: false },
      port: { type: "string", short: "p" },
      hostname: { type: "string", short: "H" },
    },
  });
  const port = Number(values.port ?? env().PORT);
  const hostname = values.hostname;
  const trusted = parseTrustedProxies(env().RAMPART_TRUSTED_PROXIES);
  const app = next({ dev: values.dev, port, hostname: hostname ?? "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((request, response) => {
    rewriteClientIp(request, trusted);
    const refusal = guardRequest(request.method, request.url, request.headers);
    if (refusal) {
      logger.warn(
        {
          status: refusal.status,
          reason: refusal.reason,
          method: safePath(request.method),
          path: safePath(request.url),
          ip: request.headers["x-forwarded-for"],
        },
        "request refused",
      );
      response.writeHead(refusal.status, {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        ...(refusal.status === 405 ? { allow: "GET, HEAD, POST, OPTIONS" } : {}),
        // The body may still be arriving; do not keep the connection for it.
        connection: "close",
      });
      response.end(`${refusal.reason}\n`);
      request.resume();
      return;
    }
    void handle(request, response);
  });
  server.listen(port, hostname, () => {
    logger.info({ port, hostname: hostname ?? "all interfaces", dev: values.dev }, "web server listening");
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "web server failed to start");
  process.exit(1);
});
