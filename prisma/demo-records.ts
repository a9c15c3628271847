import { DAY_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/generated/client";

// The consultancy's own records in the demo — what consultants would have recorded before Rampart's
// first sync: attestations of the controls no API can show, and alert reviews (GOV-5). They are
// records, not results: every control result still comes from the real sync and evaluation.
// Dates are relative to the day the demo starts, so validity and cadences stay meaningful.

interface AttestationSpec {
  controlId: string;
  attestedDaysAgo: number;
  /** Negative: already expired that many days ago. */
  validForDays: number;
  note: string;
  link?: string;
  documentRef?: string;
}

interface CustomerRecords {
  attestations: AttestationSpec[];
  /** Days ago of each alert review recorded for the customer. */
  alertReviewsDaysAgo: number[];
}

const STANDARD = (attestedDaysAgo: number): AttestationSpec[] => [
  {
    controlId: "ROOT-6",
    attestedDaysAgo,
    validForDays: 365,
    note: "Root password and MFA recovery codes checked in the vault folder of the assigned consultant.",
    documentRef: "VAULT-ROOT-2026",
  },
  {
    controlId: "IAM-13",
    attestedDaysAgo,
    validForDays: 180,
    note: "Each partner administrator has a named IAM user; no shared logins found in the user list.",
  },
  {
    controlId: "CHG-1",
    attestedDaysAgo,
    validForDays: 180,
    note: "ICR log reviewed: every production change of the quarter has approval, rollback plan and validation.",
    link: "https://wiki.consultancy.example/icr-log",
  },
  {
    controlId: "DET-7",
    attestedDaysAgo,
    validForDays: 365,
    note: "Incident contacts, escalation path and runbooks reviewed with the customer.",
    documentRef: "IR-RUNBOOK v3",
  },
];

export const DEMO_RECORDS: Record<string, CustomerRecords> = {
  // Well run: everything attested, the alert review done three weeks ago.
  "bluefin-logistics": {
    attestations: [
      ...STANDARD(34),
      {
        controlId: "IAM-14",
        attestedDaysAgo: 34,
        validForDays: 365,
        note: "Regional STS endpoints in use; global endpoint tokens valid in all regions.",
      },
      {
        controlId: "CHG-2",
        attestedDaysAgo: 34,
        validForDays: 180,
        note: "Changes go through the staging account before production (pipeline gates checked).",
      },
      {
        controlId: "PATCH-1",
        attestedDaysAgo: 34,
        validForDays: 180,
        note: "Sunday 02:00 UTC maintenance window; patch notes kept in the change log.",
      },
      {
        controlId: "BAK-4",
        attestedDaysAgo: 61,
        validForDays: 122,
        note: "Restore test of the orders database into staging; data verified by the customer.",
        documentRef: "RESTORE-TEST-2026-09",
      },
    ],
    alertReviewsDaysAgo: [112, 21],
  },
  // Regulated, strong paperwork — but the restore-test attestation ran out (8 months old).
  "meridian-health-partners": {
    attestations: [
      ...STANDARD(40),
      {
        controlId: "PATCH-1",
        attestedDaysAgo: 40,
        validForDays: 180,
        note: "Monthly patch window, second Tuesday; documented in the customer's ITSM.",
      },
      {
        controlId: "BAK-4",
        attestedDaysAgo: 243,
        validForDays: 183,
        note: "Restore test of the EHR database snapshot performed with the customer's DBA.",
        documentRef: "RESTORE-TEST-2026-03",
      },
    ],
    alertReviewsDaysAgo: [47],
  },
  // Half onboarded: the basics attested in the onboarding meeting.
  "quasar-games": {
    attestations: STANDARD(9).filter((attestation) => attestation.controlId !== "CHG-1"),
    alertReviewsDaysAgo: [],
  },
  // Neglected: nothing recorded yet.
  "pinecone-retail": { attestations: [], alertReviewsDaysAgo: [] },
};

/** Inserts the demo records for the seeded customers (by slug), recorded by the given consultant. */
export async function seedDemoRecords(
  client: PrismaClient,
  customerIdsBySlug: ReadonlyMap<string, string>,
  consultantId: string,
  now = new Date(),
): Promise<void> {
  for (const [slug, records] of Object.entries(DEMO_RECORDS)) {
    const customerId = customerIdsBySlug.get(slug);
    if (!customerId) continue;
    if (records.attestations.length > 0) {
      await client.attestation.createMany({
        data: records.attestations.map((spec) => {
          const attestedAt = new Date(now.getTime() - spec.attestedDaysAgo * DAY_MS);
          return {
            customerId,
            awsAccountId: null,
            controlId: spec.controlId,
            note: spec.note,
            link: spec.link ?? null,
            documentRef: spec.documentRef ?? null,
            attestedById: consultantId,
            attestedAt,
            validUntil: new Date(attestedAt.getTime() + spec.validForDays * DAY_MS),
          };
        }),
      });
    }
    if (records.alertReviewsDaysAgo.length > 0) {
      await client.alertReview.createMany({
        data: records.alertReviewsDaysAgo.map((daysAgo) => ({
          customerId,
          reviewedById: consultantId,
          reviewedAt: new Date(now.getTime() - daysAgo * DAY_MS),
          note: "Reviewed the quarter's alerts and CloudTrail findings with the customer; no open action.",
        })),
      });
    }
  }
}
