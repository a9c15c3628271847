import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AS_OF, consoleUserRow, iamUser, rootRow, withRows } from "../controls/rules/testing/iam-evidence";
import { accessReviewCsv, type ExportableReview } from "./export-csv";
import { accessReviewPdf } from "./export-pdf";
import { buildUserSnapshots } from "./snapshot";

const snapshots = buildUserSnapshots(
  withRows([rootRow(), consoleUserRow("alice", 3, { mfaActive: false })], {
    authorization: { users: [iamUser("alice", { groups: ["admins"] })] },
  }),
  { accountNumber: "111122223333", asOf: AS_OF },
);

const review: ExportableReview = {
  period: "2026-Q4",
  status: "SIGNED_OFF",
  customer: { name: "Acme Widgets" },
  accounts: [{ alias: "acme-prod", accountNumber: "111122223333" }],
  snapshotAt: AS_OF,
  dueAt: new Date("2025-07-21T23:59:59.999Z"),
  createdAt: AS_OF,
  createdBy: "Carlos Consultant",
  reviewers: [{ name: "Carlos Consultant" }, { name: "Rita Reviewer" }],
  signedOffBy: "Maya Manager",
  signedOffAt: new Date("2025-07-10T10:00:00.000Z"),
  endedAt: null,
  endedReason: null,
  items: snapshots.map((snapshot) => ({
    account: "acme-prod (111122223333)",
    userName: snapshot.userName,
    userArn: snapshot.userArn,
    snapshot,
    riskFlags: snapshot.isRoot ? ["ADMIN_EQUIVALENT"] : ["NO_MFA_CONSOLE"],
    decision: snapshot.isRoot ? "KEEP" : "REVOKE",
    modification: null,
    justification: snapshot.isRoot ? "Vault only" : "Left in June",
    decidedBy: "Rita Reviewer",
    decidedAt: new Date("2025-07-05T09:30:00.000Z"),
    verificationStatus: snapshot.isRoot ? null : "verified",
    verifiedAt: snapshot.isRoot ? null : new Date("2025-07-12T06:00:00.000Z"),
  })),
};

/** The text drawn on the PDF's pages (pdfkit writes deflated content streams with hex-encoded strings). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((match) => {
    try {
      return inflateSync(Buffer.from(match[1]!, "latin1")).toString("latin1");
    } catch {
      return "";
    }
  });
  // Each TJ array is one run of text; the numbers between its hex strings are kerning.
  const hex = (value: string) => Buffer.from(value, "hex").toString("latin1");
  return [...streams.join("\n").matchAll(/\[(.*?)\] TJ/g)]
    .map((match) => [...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => hex(part[1]!)).join(""))
    .join("\n");
}

describe("accessReviewPdf", () => {
  it("renders the campaign, its sign-off and every user with decision and verification", async () => {
    const pdf = await accessReviewPdf(review, new Date("2025-07-15T00:00:00.000Z"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const expected of [
      "Acme Widgets",
      "2026-Q4",
      "Maya Manager",
      "alice",
      "Root user",
      "REVOKE",
      "Left in June",
      "No MFA",
      "verified",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});

describe("accessReviewCsv", () => {
  it("has one row per user after the header, the campaign repeated on each", () => {
    const lines = accessReviewCsv(review)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith("customer,period,campaign status")).toBe(true);
    expect(lines[2]).toContain("Acme Widgets,2026-Q4,SIGNED_OFF");
    expect(lines[2]).toContain("alice");
    expect(lines[2]).toContain("REVOKE");
  });
});
