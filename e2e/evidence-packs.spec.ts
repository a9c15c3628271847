import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { createUser } from "../prisma/factories";
import { expect, test } from "./fixtures/test";
import { signedInRequest } from "./isolation-tenants";

// Issue 14's journey: a consultant generates Bluefin's evidence pack for last quarter from the scorecard
// (a worker job with progress), a Bluefin viewer downloads it, `npm run evidence:verify` passes on it and
// names the file on a copy changed by one byte.

const VIEWER_PASSWORD = "evidence pack viewer passphrase 9";

function verify(file: string) {
  const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/evidence-verify.ts", file], {
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("a consultant generates Bluefin's pack, a Bluefin viewer downloads it and it verifies", async ({
  loginAs,
  db,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const bluefin = await db.customer.findUniqueOrThrow({ where: { slug: "bluefin-logistics" }, select: { id: true } });
  const page = await loginAs("consultant");
  await page.goto(`/customers/${bluefin.id}`);
  const form = page.getByRole("form", { name: "Generate an evidence pack" });
  // A period that ends before it starts is refused at the field, and nothing is queued.
  await form.getByLabel("Period from").fill("2026-09-01");
  await form.getByLabel("Period to (inclusive)").fill("2026-08-01");
  await form.getByRole("button", { name: "Evidence pack" }).click();
  await expect(form.getByText("The period must end after it starts")).toBeVisible();

  await form.getByLabel("Period from").fill("");
  await form.getByLabel("Period to (inclusive)").fill("");
  await form.getByRole("button", { name: "Evidence pack" }).click();
  const packs = page.getByRole("list", { name: "Evidence packs" });
  const download = packs.getByRole("link", { name: /^Download Evidence pack/ }).first();
  await expect(download).toBeVisible({ timeout: 120_000 });
  const href = await download.getAttribute("href");
  expect(href).toMatch(/\/evidence-packs\/[^/]+\/download$/);

  const viewer = await createUser(db, { role: "CUSTOMER_VIEWER", customerId: bluefin.id, password: VIEWER_PASSWORD });
  const request = await signedInRequest(baseURL!, viewer.email, VIEWER_PASSWORD);
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  const zip = await response.body();

  const dir = mkdtempSync(path.join(os.tmpdir(), "rampart-pack-"));
  const file = path.join(dir, "pack.zip");
  writeFileSync(file, zip);
  const passed = verify(file);
  expect(passed.output).toContain("OK: signature valid");
  expect(passed.status).toBe(0);

  // One byte of report.pdf changed, the zip rebuilt around it: verify names the file.
  const entries = unzipSync(new Uint8Array(zip));
  const pdf = entries["report.pdf"]!;
  pdf[Math.floor(pdf.length / 2)] = pdf[Math.floor(pdf.length / 2)]! ^ 0x01;
  const tampered = zipSync(entries);
  const tamperedFile = path.join(dir, "tampered.zip");
  writeFileSync(tamperedFile, tampered);
  const failed = verify(tamperedFile);
  expect(failed.status).toBe(1);
  expect(failed.output).toContain("report.pdf: changed");

  const audit = await db.auditLog.findMany({
    where: { customerId: bluefin.id, action: { in: ["evidence_pack.requested", "evidence_pack.downloaded"] } },
    select: { action: true, actorEmail: true },
  });
  expect(audit).toEqual(
    expect.arrayContaining([expect.objectContaining({ action: "evidence_pack.downloaded", actorEmail: viewer.email })]),
  );
  await request.dispose();
});
