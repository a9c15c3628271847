import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";

describe("per-file test database", () => {
  it("is migrated, empty, and private to this file", async () => {
    const [{ current_database }] = await db().$queryRaw<
      { current_database: string }[]
    >`SELECT current_database()::text`;
    expect(current_database).toMatch(/^rampart_test_/);
    expect(await db().customer.count()).toBe(0);
    await db().customer.create({ data: { name: "Probe", slug: "probe", externalId: "probe-external-id" } });
    expect(await db().customer.count()).toBe(1);
  });
});
