import { describe, expect, it } from "vitest";
import { alertDigestEmail, criticalAlertEmail } from "./alert-mail";

const base = {
  to: "ana@consultancy.example",
  recipientName: "Ana <admin>",
  baseUrl: "https://rampart.example",
};

describe("alert e-mails", () => {
  it("escape every value in the HTML part and link the alert", () => {
    const mail = criticalAlertEmail({
      ...base,
      alert: {
        id: "al_1",
        title: `Bucket "<script>alert(1)</script>" is public`,
        source: "CONTROL",
        severity: "CRITICAL",
        region: "eu-west-1",
        resource: "logs & more",
        evidenceLink: "/customers/c1/controls/TRAIL-8",
        dueAt: new Date("2026-03-01T10:00:00Z"),
        customerName: "Bluefin",
        account: null,
        assignedToRecipient: true,
      },
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&#60;script&#62;");
    expect(mail.html).toContain("Ana &#60;admin&#62;");
    expect(mail.text).toContain("Account: every account");
    expect(mail.text).toContain("It is assigned to you.");
    expect(mail.text).toContain("Due: 2026-03-01 10:00 UTC");
    expect(mail.text).toContain("Open the alert: https://rampart.example/alerts/al_1");
    expect(mail.text).toContain("Evidence: https://rampart.example/customers/c1/controls/TRAIL-8");
  });

  it("send no digest when nothing is open", () => {
    expect(
      alertDigestEmail({
        ...base,
        now: new Date(),
        counts: { open: 0, critical: 0, high: 0, breached: 0, dueSoon: 0, newToday: 0 },
        breached: [],
        dueSoon: [],
        assignedToYou: [],
      }),
    ).toBeNull();
  });
});
