import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { checkDatabaseReachable, clusterDirFor, EmbeddedDatabaseError, startEmbeddedPostgres } from "./embedded";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// Start-up failures must be one clear line and must never delete anything.
describe("where the embedded cluster lives", () => {
  it("is inside the data folder, unless root's postgres user could not reach it", () => {
    const open = mkdtempSync(path.join(tmpdir(), "rampart-open-"));
    chmodSync(open, 0o755);
    expect(clusterDirFor(open)).toBe(path.join(open, "postgres"));
    const closed = mkdtempSync(path.join(tmpdir(), "rampart-closed-"));
    chmodSync(closed, 0o700);
    const expected =
      process.getuid?.() === 0 ? /^\/var\/lib\/rampart\/[0-9a-f]{12}\/postgres$/ : new RegExp(`^${closed}/postgres$`);
    expect(clusterDirFor(path.join(closed, "data"))).toMatch(expected);
  });
});

describe("database start-up errors", () => {
  it("names host and cause for a wrong password", async () => {
    // Its own server, so that password authentication is on whatever DATABASE_URL the suite runs with.
    const dataDir = mkdtempSync(path.join(tmpdir(), "rampart-auth-"));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dataDir, port, database: "x" });
    try {
      const url = new URL(server.url);
      url.password = "definitely-wrong";
      await expect(checkDatabaseReachable(url.toString())).rejects.toThrow(
        `Cannot reach PostgreSQL at 127.0.0.1:${port}: password authentication failed`,
      );
    } finally {
      await server.stop();
    }
  });

  it("names host and cause for a server that is not there", async () => {
    await expect(checkDatabaseReachable("postgresql://u:p@127.0.0.1:1/x")).rejects.toThrow(
      "Cannot reach PostgreSQL at 127.0.0.1:1: connection refused (is PostgreSQL running there?)",
    );
  });

  it("refuses a data folder that is not a PostgreSQL cluster, deleting nothing", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "rampart-corrupt-"));
    chmodSync(dataDir, 0o755);
    mkdirSync(path.join(dataDir, "postgres"));
    writeFileSync(path.join(dataDir, "postgres", "precious.txt"), "keep me");
    await expect(startEmbeddedPostgres({ dataDir, port: 54398, database: "x" })).rejects.toThrow(
      /is not a PostgreSQL cluster.*Nothing was deleted/,
    );
    expect(readdirSync(path.join(dataDir, "postgres"))).toEqual(["precious.txt"]);
  });

  it("refuses a data folder in use by a running server", async () => {
    const adminUrl = new URL(inject("testDatabaseAdminUrl"));
    const testDataDir = path.resolve(process.env.RAMPART_TEST_DATA_DIR ?? ".rampart/test");
    if (!existsSync(path.join(testDataDir, "postgres", "postmaster.pid"))) return; // external DATABASE_URL: no embedded server to lock
    await expect(
      startEmbeddedPostgres({ dataDir: testDataDir, port: Number(adminUrl.port) + 1, database: "x" }),
    ).rejects.toThrow(/is in use by another PostgreSQL process \(pid \d+\)/);
  });

  it("names the port when it is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const dataDir = mkdtempSync(path.join(tmpdir(), "rampart-port-"));
      chmodSync(dataDir, 0o755);
      const attempt = startEmbeddedPostgres({ dataDir, port, database: "x" });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(attempt).rejects.toThrow(`Port ${port} for the embedded PostgreSQL is already in use`);
    } finally {
      blocker.close();
    }
  });
});
