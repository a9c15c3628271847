import "server-only";
import { type Actor, withCustomerScope } from "../authz/policy";
import { CONTROL_CATALOGUE, type ControlDefinition } from "../controls/catalogue";
import type { PublicEndpointKind } from "../controls/rules/network";
import { readCustomerSettings } from "../customers/settings";
import { DAY_MS } from "../dates";
import { db } from "../db/client";
import { notFound } from "../errors";
import { readControlSettings } from "../evaluation/control-settings";
import { listCurrentPublicEndpoints } from "../evaluation/public-endpoints";
import { getCustomer } from "./customers";

// Read models of the consultant records that feed control results: attestations with their status,
// suppressions, the NET-7 endpoint inventory per account, and the GOV-5 alert reviews. Every query is
// AND-ed with the actor's customer scope; the customer itself is resolved first (404 when out of scope).

const ATTESTATION_LIMIT = 500;
const ALERT_REVIEW_LIMIT = 10;

export interface AccountRef {
  awsAccountId: string;
  alias: string;
  accountNumber: string;
}

export interface AttestationView {
  id: string;
  controlId: string;
  controlTitle: string;
  /** null = every account of the customer. */
  account: AccountRef | null;
  note: string;
  link: string | null;
  documentRef: string | null;
  attestedBy: string;
  attestedAt: Date;
  validUntil: Date;
  /** EXPIRED attestations make the control FAIL as "attestation expired" unless a newer one is valid. */
  status: "VALID" | "EXPIRED";
  /** Expired, but a valid attestation of the same control now covers the same scope. */
  renewed: boolean;
  /** Files attached as evidence (issue 14 §4); the bytes come from the download route only. */
  attachments: AttachmentRef[];
}

export interface AttachmentRef {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface SuppressionView {
  id: string;
  controlId: string;
  controlTitle: string;
  account: AccountRef | null;
  reason: string;
  approvedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface EndpointView {
  key: string;
  kind: PublicEndpointKind;
  region: string;
  label: string;
  address: string | null;
  acknowledgement: { by: string; at: Date; note: string | null } | null;
}

export interface EndpointInventoryView extends AccountRef {
  endpoints: EndpointView[];
}

export interface AlertReviewsView {
  cadenceDays: number;
  lastReviewedAt: Date | null;
  /** When the next review is due for GOV-5 to keep passing; null when none was ever recorded (due now). */
  dueAt: Date | null;
  overdue: boolean;
  recent: { id: string; reviewedAt: Date; reviewedBy: string; note: string }[];
}

export interface CustomerRecords {
  customer: { id: string; name: string };
  accounts: AccountRef[];
  attestations: AttestationView[];
  suppressions: SuppressionView[];
  endpointInventory: EndpointInventoryView[];
  alertReviews: AlertReviewsView;
  maxSuppressionDays: number;
}

export interface ControlRecords {
  accounts: AccountRef[];
  attestations: AttestationView[];
  suppressions: SuppressionView[];
  maxSuppressionDays: number;
}

const CONTROLS_BY_ID = new Map<string, ControlDefinition>(CONTROL_CATALOGUE.map((control) => [control.id, control]));
const personName = (user: { name: string; email: string }) => user.name || user.email;
const accountRef = (account: { id: string; alias: string; accountNumber: string } | null): AccountRef | null =>
  account ? { awsAccountId: account.id, alias: account.alias, accountNumber: account.accountNumber } : null;

async function listAccounts(actor: Actor, customerId: string) {
  return db().awsAccount.findMany({
    where: withCustomerScope(actor, { customerId }),
    select: { id: true, alias: true, accountNumber: true, regions: true },
    orderBy: [{ alias: "asc" }],
  });
}

async function listAttestations(actor: Actor, customerId: string, now: Date, controlId?: string) {
  const rows = await db().attestation.findMany({
    where: withCustomerScope(actor, { customerId, ...(controlId ? { controlId } : {}) }),
    select: {
      id: true,
      controlId: true,
      note: true,
      link: true,
      documentRef: true,
      attestedAt: true,
      validUntil: true,
      awsAccount: { select: { id: true, alias: true, accountNumber: true } },
      attestedBy: { select: { name: true, email: true } },
      attachments: {
        select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
    orderBy: [{ validUntil: "desc" }, { attestedAt: "desc" }],
    take: ATTESTATION_LIMIT,
  });
  const isValid = (row: (typeof rows)[number]) => row.validUntil.getTime() > now.getTime();
  // A customer-wide attestation covers every account; an account's covers only that account.
  const validScopes = new Set(rows.filter(isValid).map((row) => `${row.controlId}@${row.awsAccount?.id ?? "*"}`));
  return rows.map((row): AttestationView => {
    const valid = isValid(row);
    return {
      id: row.id,
      controlId: row.controlId,
      controlTitle: CONTROLS_BY_ID.get(row.controlId)?.title ?? row.controlId,
      account: accountRef(row.awsAccount),
      note: row.note,
      link: row.link,
      documentRef: row.documentRef,
      attestedBy: personName(row.attestedBy),
      attestedAt: row.attestedAt,
      validUntil: row.validUntil,
      status: valid ? "VALID" : "EXPIRED",
      attachments: row.attachments,
      renewed:
        !valid &&
        (validScopes.has(`${row.controlId}@*`) ||
          (row.awsAccount !== null && validScopes.has(`${row.controlId}@${row.awsAccount.id}`))),
    };
  });
}

/** Suppressions valid now (not revoked, not expired): the ones taking results out of the score. */
async function listActiveSuppressions(actor: Actor, customerId: string, now: Date, controlId?: string) {
  const rows = await db().suppression.findMany({
    where: withCustomerScope(actor, {
      customerId,
      revokedAt: null,
      expiresAt: { gt: now },
      ...(controlId ? { controlId } : {}),
    }),
    select: {
      id: true,
      controlId: true,
      reason: true,
      createdAt: true,
      expiresAt: true,
      awsAccount: { select: { id: true, alias: true, accountNumber: true } },
      approvedBy: { select: { name: true, email: true } },
    },
    orderBy: [{ expiresAt: "asc" }],
  });
  return rows.map(
    (row): SuppressionView => ({
      id: row.id,
      controlId: row.controlId,
      controlTitle: CONTROLS_BY_ID.get(row.controlId)?.title ?? row.controlId,
      account: accountRef(row.awsAccount),
      reason: row.reason,
      approvedBy: personName(row.approvedBy),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
    }),
  );
}

async function listEndpointInventory(
  actor: Actor,
  customerId: string,
  accounts: Awaited<ReturnType<typeof listAccounts>>,
): Promise<EndpointInventoryView[]> {
  const acknowledgements = await db().endpointAcknowledgement.findMany({
    where: withCustomerScope(actor, { customerId }),
    select: { awsAccountId: true, endpointKey: true, acknowledgedById: true, acknowledgedAt: true, note: true },
  });
  // EndpointAcknowledgement has no relation to User; the acknowledgers are staff, read by id.
  const userIds = [...new Set(acknowledgements.map((row) => row.acknowledgedById))];
  const users = userIds.length
    ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
    : [];
  const nameOf = new Map(users.map((user) => [user.id, personName(user)]));
  const byKey = new Map(acknowledgements.map((row) => [`${row.awsAccountId}|${row.endpointKey}`, row]));
  return Promise.all(
    accounts.map(async (account) => {
      const endpoints = await listCurrentPublicEndpoints(db(), account);
      return {
        awsAccountId: account.id,
        alias: account.alias,
        accountNumber: account.accountNumber,
        endpoints: endpoints.map((endpoint): EndpointView => {
          const acknowledgement = byKey.get(`${account.id}|${endpoint.key}`);
          return {
            key: endpoint.key,
            kind: endpoint.kind,
            region: endpoint.region,
            label: endpoint.label,
            address: endpoint.address,
            acknowledgement: acknowledgement
              ? {
                  by: nameOf.get(acknowledgement.acknowledgedById) ?? "a former user",
                  at: acknowledgement.acknowledgedAt,
                  note: acknowledgement.note,
                }
              : null,
          };
        }),
      };
    }),
  );
}

async function getAlertReviews(
  actor: Actor,
  customer: { id: string; settings: unknown },
  now: Date,
): Promise<AlertReviewsView> {
  const rows = await db().alertReview.findMany({
    where: withCustomerScope(actor, { customerId: customer.id }),
    select: { id: true, reviewedAt: true, note: true, reviewedBy: { select: { name: true, email: true } } },
    orderBy: { reviewedAt: "desc" },
    take: ALERT_REVIEW_LIMIT,
  });
  const cadenceDays = readControlSettings(customer.settings, customer.id).params.alertReviewCadenceDays;
  const lastReviewedAt = rows[0]?.reviewedAt ?? null;
  const dueAt = lastReviewedAt ? new Date(lastReviewedAt.getTime() + cadenceDays * DAY_MS) : null;
  return {
    cadenceDays,
    lastReviewedAt,
    dueAt,
    overdue: dueAt === null || dueAt.getTime() <= now.getTime(),
    recent: rows.map((row) => ({
      id: row.id,
      reviewedAt: row.reviewedAt,
      reviewedBy: personName(row.reviewedBy),
      note: row.note,
    })),
  };
}

/** The customer's "Attestations & records" page. */
export async function getCustomerRecords(actor: Actor, customerId: string): Promise<CustomerRecords> {
  const customer = await getCustomer(actor, customerId);
  const now = new Date();
  const accounts = await listAccounts(actor, customer.id);
  const [attestations, suppressions, endpointInventory, alertReviews] = await Promise.all([
    listAttestations(actor, customer.id, now),
    listActiveSuppressions(actor, customer.id, now),
    listEndpointInventory(actor, customer.id, accounts),
    getAlertReviews(actor, customer, now),
  ]);
  return {
    customer: { id: customer.id, name: customer.name },
    accounts: accounts.map((account) => accountRef(account)!),
    attestations,
    suppressions,
    endpointInventory,
    alertReviews,
    maxSuppressionDays: readCustomerSettings(customer.settings, customer.id).maxSuppressionDays,
  };
}

/** One control's attestations (valid and expired) and active suppressions, for its drill-down page. */
export async function getControlRecords(actor: Actor, customerId: string, controlId: string): Promise<ControlRecords> {
  const customer = await getCustomer(actor, customerId);
  if (!CONTROLS_BY_ID.has(controlId)) throw notFound("Control not found");
  const now = new Date();
  const [accounts, attestations, suppressions] = await Promise.all([
    listAccounts(actor, customer.id),
    listAttestations(actor, customer.id, now, controlId),
    listActiveSuppressions(actor, customer.id, now, controlId),
  ]);
  return {
    accounts: accounts.map((account) => accountRef(account)!),
    attestations,
    suppressions,
    maxSuppressionDays: readCustomerSettings(customer.settings, customer.id).maxSuppressionDays,
  };
}
