import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/db/generated/client";
import { syncControlCatalogue } from "@/lib/evaluation/evaluate-account";
import { createAwsAccount, createCustomer, createEnrolledUser, createUser } from "@/prisma/factories";

// Test support shared by the Vitest and Playwright isolation suites. Two fresh tenants per run: A (where the attackers belong) and B (the victim), each with an account,
// an alert and an access review whose texts are unique markers to search response bodies for.

export const ATTACKER_PASSWORD = "isolation suite passphrase 7";

export interface Tenant {
  customerId: string;
  name: string;
  externalId: string;
  accountId: string;
  accountNumber: string;
  alertId: string;
  alertTitle: string;
  reviewId: string;
  /** A finished evidence pack of this tenant (issue 14). */
  packId: string;
  /** A detected configuration change of this tenant (issue 15) and its unique summary. */
  detectedChangeId: string;
  detectedChangeSummary: string;
  /** An assessed change request of this tenant (issue 15). */
  changeId: string;
  changeTitle: string;
  /** An attestation of this tenant with one attached evidence file (issue 14 §4). */
  attestationId: string;
  attachmentId: string;
  /** A mail the demo's catcher kept about this tenant (issue 19 §4): administrators only. */
  mailId: string;
  /** A customer user of this tenant (no password) and an open invitation to it. */
  userId: string;
  invitationId: string;
}

export interface IsolationWorld {
  own: Tenant;
  victim: Tenant;
  /** `mfaSecret`: staff attackers are enrolled in two-step sign-in, as the installation requires (ADR 015). */
  attackers: { label: string; email: string; userId: string; sessionVersion: number; mfaSecret?: string }[];
  targets: {
    /** changeId: A's own assessed change request (version 2), for edits that name B's resources. */
    own: { customerId: string; accountId: string; changeId: string };
    victim: {
      customerId: string;
      accountId: string;
      alertId: string;
      reviewId: string;
      packId: string;
      changeId: string;
      attestationId: string;
      attachmentId: string;
      mailId: string;
    };
  };
}

async function createTenant(client: PrismaClient, label: string, creatorId: string): Promise<Tenant> {
  const marker = `${label}-${randomBytes(4).toString("hex")}`;
  const customer = await createCustomer(client, { name: `Tenant ${marker} Holdings` });
  const account = await createAwsAccount(client, customer.id, { alias: `acct-${marker}` });
  const now = new Date();
  const alert = await client.alert.create({
    data: {
      customerId: customer.id,
      awsAccountId: account.id,
      source: "CONTROL",
      dedupKey: `isolation-${marker}`,
      rule: "ROOT-1",
      severity: "HIGH",
      title: `Alert only for ${marker}`,
      firstSeenAt: now,
      lastSeenAt: now,
      dueAt: new Date(now.getTime() + 86_400_000),
    },
    select: { id: true, title: true },
  });
  const review = await client.accessReview.create({
    data: {
      customerId: customer.id,
      period: `2026-Q${marker}`,
      dueAt: new Date(now.getTime() + 14 * 86_400_000),
      snapshotAt: now,
      accountIds: [account.id],
      createdById: creatorId,
    },
    select: { id: true },
  });
  const pack = await client.evidencePack.create({
    data: {
      customerId: customer.id,
      asOf: now,
      periodStart: new Date(now.getTime() - 90 * 86_400_000),
      periodEnd: now,
      status: "SUCCEEDED",
      progress: 100,
      zip: Buffer.from(`zip of ${customer.name}`),
      sizeBytes: 32,
      contentDigest: `digest-${marker}`,
      requestedById: creatorId,
      finishedAt: now,
    },
    select: { id: true },
  });
  const detectedChange = await client.detectedChange.create({
    data: {
      customerId: customer.id,
      awsAccountId: account.id,
      region: "us-east-1",
      kind: "security-group-rule",
      resourceKind: "security-group",
      resourceId: `sg-${marker}`,
      action: "MODIFIED",
      before: { rules: [] },
      after: { rules: ["ingress tcp 3389 from 0.0.0.0/0"] },
      controlId: "NET-1",
      summary: `Detected change only for ${marker}`,
      firstSeenAt: now,
      dedupKey: `isolation-${marker}`,
    },
    select: { id: true, summary: true },
  });
  const change = await client.changeRequest.create({
    data: {
      customerId: customer.id,
      number: 1,
      title: `Change only for ${marker}`,
      description: "Isolation suite change.",
      justification: "Isolation suite.",
      preliminaryImpact: "None.",
      windowStart: new Date(now.getTime() - 3_600_000),
      windowEnd: new Date(now.getTime() + 3_600_000),
      windowTimeZone: "UTC",
      responsibleRole: "Consultant",
      responsibleName: "Isolation",
      status: "ASSESSED",
      rollbackPlan: "Undo it.",
      executionPlan: "Do it.",
      assessedAt: now,
      version: 2,
      components: { create: [{ awsAccountId: account.id }] },
    },
    select: { id: true, title: true },
  });
  const attestation = await client.attestation.create({
    data: {
      customerId: customer.id,
      controlId: "BAK-4",
      note: `Restore test of ${marker}`,
      attestedById: creatorId,
      validUntil: new Date(now.getTime() + 90 * 86_400_000),
    },
    select: { id: true },
  });
  const pdf = Buffer.from(`%PDF-1.7\n% evidence of ${customer.name}\n%%EOF\n`);
  const attachment = await client.attestationAttachment.create({
    data: {
      attestationId: attestation.id,
      customerId: customer.id,
      fileName: `restore-test-${marker}.pdf`,
      contentType: "application/pdf",
      sizeBytes: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      content: pdf,
    },
    select: { id: true },
  });
  const mail = await client.caughtMail.create({
    data: {
      mailFrom: "rampart@rampart.example",
      to: [`owner-${marker}@rampart-test.example`],
      subject: `New alert for ${customer.name}`,
      text: `${customer.name}: ${alert.title}`,
      html: null,
      sizeBytes: 100,
    },
    select: { id: true },
  });
  const user = await createUser(client, {
    role: "CUSTOMER_VIEWER",
    customerId: customer.id,
    name: `User of ${marker}`,
  });
  const invitation = await client.invitation.create({
    data: {
      email: `invitee-${marker}@rampart-test.example`,
      role: "CUSTOMER_VIEWER",
      customerId: customer.id,
      tokenHash: randomBytes(32).toString("hex"),
      expiresAt: new Date(now.getTime() + 3_600_000),
      invitedById: creatorId,
    },
    select: { id: true },
  });
  return {
    userId: user.id,
    invitationId: invitation.id,
    customerId: customer.id,
    name: customer.name,
    externalId: customer.externalId,
    accountId: account.id,
    accountNumber: account.accountNumber,
    alertId: alert.id,
    alertTitle: alert.title,
    reviewId: review.id,
    packId: pack.id,
    detectedChangeId: detectedChange.id,
    detectedChangeSummary: detectedChange.summary,
    changeId: change.id,
    changeTitle: change.title,
    attestationId: attestation.id,
    attachmentId: attachment.id,
    mailId: mail.id,
  };
}

export async function createIsolationWorld(client: PrismaClient): Promise<IsolationWorld> {
  // Attestations name a control of the catalogue (a fresh test database has none yet).
  await syncControlCatalogue(client);
  const creator = await createUser(client, { role: "ADMIN" });
  const own = await createTenant(client, "own", creator.id);
  const victim = await createTenant(client, "victim", creator.id);
  const viewer = await createUser(client, {
    role: "CUSTOMER_VIEWER",
    customerId: own.customerId,
    password: ATTACKER_PASSWORD,
  });
  const reviewer = await createUser(client, {
    role: "CUSTOMER_REVIEWER",
    customerId: own.customerId,
    password: ATTACKER_PASSWORD,
  });
  const consultant = await createEnrolledUser(client, {
    role: "CONSULTANT",
    allCustomers: false,
    assignedCustomerIds: [own.customerId],
    password: ATTACKER_PASSWORD,
  });
  return {
    own,
    victim,
    attackers: [
      { label: "customer viewer of A", email: viewer.email, userId: viewer.id, sessionVersion: viewer.sessionVersion },
      {
        label: "customer reviewer of A",
        email: reviewer.email,
        userId: reviewer.id,
        sessionVersion: reviewer.sessionVersion,
      },
      {
        label: "consultant assigned to A only",
        email: consultant.email,
        userId: consultant.id,
        sessionVersion: consultant.sessionVersion,
        mfaSecret: consultant.mfaSecret,
      },
    ],
    targets: {
      own: { customerId: own.customerId, accountId: own.accountId, changeId: own.changeId },
      victim: {
        customerId: victim.customerId,
        accountId: victim.accountId,
        alertId: victim.alertId,
        reviewId: victim.reviewId,
        packId: victim.packId,
        changeId: victim.changeId,
        attestationId: victim.attestationId,
        attachmentId: victim.attachmentId,
        mailId: victim.mailId,
      },
    },
  };
}

/** Strings that must never appear in a response to an attacker, except ids the attacker itself put in the URL. */
export function foreignMarkers(victim: Tenant, requestPath: string): string[] {
  const secrets = [
    victim.name,
    victim.externalId,
    victim.accountNumber,
    victim.alertTitle,
    victim.detectedChangeSummary,
    victim.changeTitle,
  ];
  const ids = [
    victim.customerId,
    victim.accountId,
    victim.alertId,
    victim.reviewId,
    victim.packId,
    victim.changeId,
    victim.attestationId,
    victim.attachmentId,
    victim.mailId,
    victim.userId,
    victim.invitationId,
    victim.detectedChangeId,
  ].filter((id) => !decodeURIComponent(requestPath).includes(id));
  return [...secrets, ...ids];
}

/** Everything about the victim tenant an attacker could change, to compare before and after an attack. */
export async function victimFingerprint(client: PrismaClient, victim: Tenant): Promise<string> {
  const [
    customer,
    accounts,
    alerts,
    reviews,
    users,
    invitations,
    syncRuns,
    audit,
    assignments,
    packs,
    changes,
    attachments,
  ] = await Promise.all([
    client.customer.findUnique({ where: { id: victim.customerId } }),
    client.awsAccount.findMany({ where: { customerId: victim.customerId }, orderBy: { id: "asc" } }),
    client.alert.findMany({ where: { customerId: victim.customerId }, orderBy: { id: "asc" } }),
    client.accessReview.findMany({ where: { customerId: victim.customerId }, orderBy: { id: "asc" } }),
    client.user.findMany({ where: { customerId: victim.customerId }, orderBy: { id: "asc" } }),
    client.invitation.findMany({ where: { customerId: victim.customerId }, orderBy: { id: "asc" } }),
    client.syncRun.count({ where: { customerId: victim.customerId } }),
    client.auditLog.count({ where: { customerId: victim.customerId } }),
    client.customerAssignment.findMany({ where: { customerId: victim.customerId }, orderBy: { userId: "asc" } }),
    client.evidencePack.findMany({
      where: { customerId: victim.customerId },
      select: { id: true, status: true },
      orderBy: { id: "asc" },
    }),
    client.changeRequest.findMany({
      where: { customerId: victim.customerId },
      include: { approvals: true, components: true },
      orderBy: { id: "asc" },
    }),
    client.attestationAttachment.findMany({
      where: { customerId: victim.customerId },
      select: { id: true, sha256: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return JSON.stringify({
    customer,
    accounts,
    alerts,
    reviews,
    users,
    invitations,
    syncRuns,
    audit,
    assignments,
    packs,
    changes,
    attachments,
  });
}
