import http from "node:http";
import type { Page } from "@playwright/test";
import { createCustomer } from "../prisma/factories";
import { expect, test } from "./fixtures/test";

// Issue 14 §4: files as evidence. A consultant attaches a PDF to Bluefin's restore-test attestation (BAK-4),
// sees it listed and downloads it as stored; an executable named .pdf is refused at the file field.

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% restore test witness\n%%EOF\n");
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00]);

/** How far this page's own content (main) overflows sideways; the shared header is issue 19 §9's. */
async function scrollsSideways(page: Page): Promise<number> {
  return page.locator("main").evaluate((main) => main.scrollWidth - main.clientWidth);
}

for (const size of [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test(`a PDF attached to Bluefin's BAK-4 attestation is listed and downloads (${size.name})`, async ({
    loginAs,
    db,
  }) => {
    const bluefin = await db.customer.findFirstOrThrow({ where: { slug: "bluefin-logistics" }, select: { id: true } });
    const page = await loginAs("consultant");
    await page.setViewportSize(size.viewport);
    await page.goto(`/customers/${bluefin.id}/controls/BAK-4`);
    await expect(page.getByRole("heading", { level: 1, name: /BAK-4/ })).toBeVisible();

    const form = page.getByRole("form", { name: "Attach a file to this BAK-4 attestation" }).first();
    const field = form.getByLabel("Attach a file to this BAK-4 attestation");

    // A wrong type is refused at the field, before anything is sent.
    await field.setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: EXE });
    await form.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(form.getByRole("alert")).toHaveText(
      "invoice.pdf is not a PDF, PNG, JPEG or CSV file. Attach a PDF, PNG, JPEG or CSV file.",
    );
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("link", { name: "invoice.pdf" })).toHaveCount(0);

    const fileName = `restore-witness-${size.name}.pdf`;
    await field.setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: PDF });
    await form.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(form.getByRole("status")).toHaveText(`${fileName} attached.`);
    const link = page.getByRole("link", { name: fileName });
    await expect(link).toBeVisible();
    expect(await scrollsSideways(page)).toBeLessThanOrEqual(0);

    const download = await page.request.get((await link.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain(`attachment; filename="${fileName}"`);
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  });
}

test("the upload route refuses a mistyped, oversized or foreign file with the words for the field", async ({
  loginAs,
  baseURL,
  db,
}) => {
  const attestation = await db.attestation.findFirstOrThrow({
    where: { controlId: "BAK-4", customer: { slug: "bluefin-logistics" } },
    select: { id: true, customerId: true },
  });
  const page = await loginAs("consultant");
  const before = await db.attestationAttachment.count({ where: { attestationId: attestation.id } });
  // The route as a browser form would call it, without the page's own check in front of it.
  const upload = (customerId: string, name: string, buffer: Buffer) =>
    page.request.post(`/api/customers/${customerId}/attestations/${attestation.id}/attachments`, {
      headers: { Origin: new URL(baseURL!).origin },
      multipart: { file: { name, mimeType: "application/pdf", buffer } },
    });

  const mistyped = await upload(attestation.customerId, "invoice.pdf", EXE);
  expect(mistyped.status()).toBe(400);
  expect(((await mistyped.json()) as { error: { fieldErrors: { file: string } } }).error.fieldErrors.file).toBe(
    "invoice.pdf is not a PDF, PNG, JPEG or CSV file. Attach a PDF, PNG, JPEG or CSV file.",
  );
  // Over the limit the front guard answers 413 from the headers alone and closes the connection, so the
  // probe declares the size and waits for the answer instead of pushing 10 MB into a closed socket.
  const cookies = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const probe = http.request(
      new URL(`/api/customers/${attestation.customerId}/attestations/${attestation.id}/attachments`, baseURL),
      {
        method: "POST",
        headers: {
          Origin: new URL(baseURL!).origin,
          Cookie: cookies,
          "Content-Type": "multipart/form-data; boundary=----rampart",
          "Content-Length": String(10 * 1024 * 1024 + 128 * 1024),
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode);
      },
    );
    probe.on("error", reject);
    probe.write("------rampart\r\n");
  });
  expect(status).toBe(413);
  // Bluefin's attestation under another customer's URL is absent.
  const other = await db.customer.findFirstOrThrow({ where: { slug: "meridian-health-partners" } });
  expect((await upload(other.id, "evidence.pdf", PDF)).status()).toBe(404);
  expect(await db.attestationAttachment.count({ where: { attestationId: attestation.id } })).toBe(before);
});

test("exactly 10 MB passes the request guard and is stored whole", async ({ loginAs, baseURL, db }) => {
  // A customer of its own, removed afterwards: a 10 MB file would otherwise travel in the demo's packs.
  const customer = await createCustomer(db, { name: `Ten Megabytes ${Date.now()}` });
  try {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@rampart.example" }, select: { id: true } });
    const attestation = await db.attestation.create({
      data: {
        customerId: customer.id,
        controlId: "BAK-4",
        note: "Restore test with a large export attached.",
        attestedById: admin.id,
        validUntil: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const page = await loginAs("admin");
    const exact = Buffer.alloc(10 * 1024 * 1024, 0x20);
    PDF.copy(exact);
    const response = await page.request.post(
      `/api/customers/${customer.id}/attestations/${attestation.id}/attachments`,
      {
        headers: { Origin: new URL(baseURL!).origin },
        multipart: { file: { name: "large-export.pdf", mimeType: "application/pdf", buffer: exact } },
      },
    );
    expect(response.status(), await response.text()).toBe(200);
    const stored = await db.attestationAttachment.findFirstOrThrow({
      where: { attestationId: attestation.id },
      select: { sizeBytes: true, contentType: true },
    });
    expect(stored).toEqual({ sizeBytes: 10 * 1024 * 1024, contentType: "application/pdf" });
  } finally {
    await db.customer.delete({ where: { id: customer.id } });
  }
});
