import "server-only";
import { type Actor, authorize, can, withCustomerIdScope, withCustomerScope } from "../authz/policy";
import { type PickableResource, RESOURCE_COLLECTORS, resourcesFromEvidence } from "../changes/components";
import { type ChangeLogFilters, windowStartBounds } from "../changes/log-filters";
import {
  type ApprovalRole,
  approvalRoleFor,
  type ChangeMove,
  type ChangeStatus,
  canMove,
  EDIT_SENDS_BACK,
  type EditConsequence,
  hasRollbackPlan,
  missingApprovals,
  moveRefusal,
  ROLLBACK_PLAN_REQUIRED,
  requiredApprovalRoles,
} from "../changes/workflow";
import { parseCustomerSettings } from "../customers/settings";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { notFound } from "../errors";

// Read models of change management (SOP 000 §11): a customer's change requests and ICR log (the page and
// its CSV/PDF exports), one change with what the viewer may do with it, and the request form's accounts
// and resources from collected evidence. Every query is AND-ed with the actor's customer scope; another
// customer's ids read as absent (404).

const CHANGE_NOT_FOUND = "Change request not found";
const LOG_LIMIT = 500;

const CHANGE_SELECT = {
  id: true,
  customerId: true,
  number: true,
  title: true,
  description: true,
  justification: true,
  preliminaryImpact: true,
  windowStart: true,
  windowEnd: true,
  windowTimeZone: true,
  responsibleRole: true,
  responsibleName: true,
  status: true,
  requestedById: true,
  requestedBy: { select: { name: true } },
  impactAvailability: true,
  impactSecurity: true,
  impactPerformance: true,
  viability: true,
  needsMaintenanceWindow: true,
  executionPlan: true,
  rollbackPlan: true,
  governanceApprovalRequired: true,
  assessedAt: true,
  startedAt: true,
  rollbackInvoked: true,
  servicesChecked: true,
  stabilityObserved: true,
  observations: true,
  outcome: true,
  finalResult: true,
  validatedAt: true,
  closedAt: true,
  version: true,
  createdAt: true,
  components: {
    select: {
      id: true,
      region: true,
      resourceKind: true,
      resourceId: true,
      awsAccount: { select: { id: true, alias: true, accountNumber: true } },
    },
    orderBy: { id: "asc" },
  },
  approvals: {
    select: { role: true, verdict: true, comment: true, createdAt: true, approver: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.ChangeRequestSelect;
type ChangeRow = Prisma.ChangeRequestGetPayload<{ select: typeof CHANGE_SELECT }>;

export interface ChangeView {
  id: string;
  customerId: string;
  number: number;
  title: string;
  description: string;
  justification: string;
  preliminaryImpact: string;
  windowStart: Date;
  windowEnd: Date;
  windowTimeZone: string;
  responsibleRole: string;
  responsibleName: string;
  status: ChangeStatus;
  requestedBy: string | null;
  impactAvailability: string | null;
  impactSecurity: string | null;
  impactPerformance: string | null;
  viability: string | null;
  needsMaintenanceWindow: boolean | null;
  executionPlan: string | null;
  rollbackPlan: string | null;
  governanceApprovalRequired: boolean;
  assessedAt: Date | null;
  startedAt: Date | null;
  rollbackInvoked: boolean | null;
  servicesChecked: string | null;
  stabilityObserved: string | null;
  observations: string | null;
  outcome: "SUCCESSFUL" | "ROLLED_BACK" | "FAILED" | null;
  finalResult: string | null;
  validatedAt: Date | null;
  closedAt: Date | null;
  version: number;
  createdAt: Date;
  components: {
    id: string;
    account: string;
    awsAccountId: string;
    region: string | null;
    resourceKind: string | null;
    resourceId: string | null;
  }[];
  approvals: { role: ApprovalRole; verdict: "APPROVED" | "REJECTED"; approver: string; comment: string; at: Date }[];
  requiredApprovals: ApprovalRole[];
  missingApprovals: ApprovalRole[];
}

function toView(row: ChangeRow, collaborative: boolean): ChangeView {
  const approvals = row.approvals.map((approval) => ({
    role: approval.role,
    verdict: approval.verdict,
    approver: approval.approver?.name ?? "a former user",
    comment: approval.comment,
    at: approval.createdAt,
  }));
  const required = requiredApprovalRoles({ collaborative, governanceApprovalRequired: row.governanceApprovalRequired });
  return {
    ...row,
    status: row.status,
    requestedBy: row.requestedBy?.name ?? null,
    components: row.components.map((component) => ({
      id: component.id,
      account: `${component.awsAccount.alias} (${component.awsAccount.accountNumber})`,
      awsAccountId: component.awsAccount.id,
      region: component.region,
      resourceKind: component.resourceKind,
      resourceId: component.resourceId,
    })),
    approvals,
    requiredApprovals: required,
    missingApprovals: missingApprovals(required, approvals),
  };
}

async function scopedCustomer(actor: Actor, customerId: string) {
  authorize(actor, "change:read");
  const customer = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId }),
    select: { id: true, name: true, settings: true, archivedAt: true },
  });
  if (!customer) throw notFound("Customer not found");
  authorize(actor, "change:read", { customerId: customer.id });
  return customer;
}

export interface ChangeLog {
  customer: { id: string; name: string; collaborative: boolean; archived: boolean };
  accounts: { id: string; label: string }[];
  changes: ChangeView[];
  /** More changes match than the page shows (the newest LOG_LIMIT are listed). */
  truncated: boolean;
}

/** A customer's change requests, newest window first, filtered; the ICR log and its exports. */
export async function listChanges(actor: Actor, customerId: string, filters: ChangeLogFilters): Promise<ChangeLog> {
  const customer = await scopedCustomer(actor, customerId);
  const collaborative = parseCustomerSettings(customer.settings).changeManagement.collaborative;
  const bounds = windowStartBounds(filters);
  const [accounts, rows] = await Promise.all([
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { customerId: customer.id }),
      select: { id: true, alias: true, accountNumber: true },
      orderBy: { alias: "asc" },
    }),
    db().changeRequest.findMany({
      where: withCustomerScope(actor, {
        customerId: customer.id,
        ...(filters.status ? { status: filters.status } : {}),
        ...(bounds.gte || bounds.lt ? { windowStart: bounds } : {}),
        ...(filters.accountId ? { components: { some: { awsAccountId: filters.accountId } } } : {}),
      }),
      select: CHANGE_SELECT,
      orderBy: [{ windowStart: "desc" }, { number: "desc" }],
      take: LOG_LIMIT + 1,
    }),
  ]);
  return {
    customer: { id: customer.id, name: customer.name, collaborative, archived: customer.archivedAt !== null },
    accounts: accounts.map((account) => ({ id: account.id, label: `${account.alias} (${account.accountNumber})` })),
    changes: rows.slice(0, LOG_LIMIT).map((row) => toView(row, collaborative)),
    truncated: rows.length > LOG_LIMIT,
  };
}

export interface ChangePermissions {
  /** Moves the viewer may make now, from the change's status and their permissions. */
  moves: ChangeMove[];
  /** For an approver: the role they would decide as, or why they cannot decide. */
  decision: { role: ApprovalRole } | { refusal: string } | null;
  /** Why the approver may reject but not approve (no rollback plan yet). */
  approveBlockedBecause: string | null;
}

export interface ChangeDetail {
  customer: { id: string; name: string; collaborative: boolean };
  change: ChangeView;
  permissions: ChangePermissions;
  /** Technical managers assigned to the customer (who approves). */
  technicalManagers: string[];
}

/** One change request of a customer, with what the viewer may do with it. */
export async function getChange(actor: Actor, customerId: string, changeId: string): Promise<ChangeDetail> {
  const customer = await scopedCustomer(actor, customerId);
  const row = await db().changeRequest.findFirst({
    where: withCustomerScope(actor, { id: changeId, customerId: customer.id }),
    select: CHANGE_SELECT,
  });
  if (!row) throw notFound(CHANGE_NOT_FOUND);
  const collaborative = parseCustomerSettings(customer.settings).changeManagement.collaborative;
  const change = toView(row, collaborative);
  const managers = await db().user.findMany({
    where: { role: "MANAGER", active: true, assignments: { some: { customerId: customer.id } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const writable = customer.archivedAt === null;
  const moves = (["edit", "assess", "start", "validate", "close", "cancel"] as const).filter((move) => {
    if (!writable || !canMove(change.status, move)) return false;
    if (move === "assess" && change.approvals.length > 0) return false;
    return can(actor, move === "start" || move === "validate" || move === "close" ? "change:run" : "change:draft");
  });
  let decision: ChangePermissions["decision"] = null;
  if (writable && can(actor, "change:approve") && canMove(change.status, "decide")) {
    const held = approvalRoleFor(
      {
        role: actor.role,
        userId: actor.userId,
        customerId: actor.customerId,
        isTechnicalManager: managers.some((manager) => manager.id === actor.userId),
      },
      {
        customerId: customer.id,
        requestedById: row.requestedById,
        collaborative,
        governanceApprovalRequired: change.governanceApprovalRequired,
      },
    );
    decision =
      "role" in held && change.approvals.some((approval) => approval.role === held.role)
        ? { refusal: "The decision for your role on this change is recorded." }
        : held;
  }
  const approveBlockedBecause =
    decision && "role" in decision && !hasRollbackPlan(change) ? ROLLBACK_PLAN_REQUIRED : null;
  return {
    customer: { id: customer.id, name: customer.name, collaborative },
    change,
    permissions: {
      moves: decision && "role" in decision ? [...moves, "decide"] : moves,
      decision,
      approveBlockedBecause,
    },
    technicalManagers: managers.map((manager) => manager.name),
  };
}

export interface ChangeRequestForm {
  customer: { id: string; name: string; timeZone: string; collaborative: boolean };
  accounts: {
    id: string;
    label: string;
    regions: string[];
    resources: PickableResource[];
    /** When its evidence was last collected; null = never synced (no resources to pick yet). */
    collectedAt: Date | null;
  }[];
}

/** The new-request form: the customer's active accounts with their regions and collected resources. */
export async function getChangeRequestForm(actor: Actor, customerId: string): Promise<ChangeRequestForm> {
  authorize(actor, "change:draft");
  const customer = await scopedCustomer(actor, customerId);
  if (customer.archivedAt) throw notFound("Customer not found");
  authorize(actor, "change:draft", { customerId: customer.id });
  const settings = parseCustomerSettings(customer.settings);
  const [accounts, evidence] = await Promise.all([
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { customerId: customer.id, archivedAt: null }),
      select: { id: true, alias: true, accountNumber: true, regions: true },
      orderBy: { alias: "asc" },
    }),
    db().evidence.findMany({
      where: withCustomerScope(actor, {
        customerId: customer.id,
        isCurrent: true,
        collector: { in: [...RESOURCE_COLLECTORS] },
      }),
      select: { awsAccountId: true, collector: true, region: true, data: true, collectedAt: true },
    }),
  ]);
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      timeZone: settings.timeZone,
      collaborative: settings.changeManagement.collaborative,
    },
    accounts: accounts.map((account) => {
      const rows = evidence.filter((row) => row.awsAccountId === account.id);
      const latest = rows.reduce<Date | null>(
        (max, row) => (max === null || row.collectedAt > max ? row.collectedAt : max),
        null,
      );
      return {
        id: account.id,
        label: `${account.alias} (${account.accountNumber})`,
        regions: [...account.regions].sort(),
        resources: resourcesFromEvidence(rows),
        collectedAt: latest,
      };
    }),
  };
}

export interface ChangeEditForm extends ChangeRequestForm {
  change: ChangeView;
  /** What saving an edit withdraws from this change (lib/changes/workflow.ts EDIT_SENDS_BACK); null = not editable. */
  sendsBack: EditConsequence | null;
  /** Why this change can no longer be edited (approved, running, finished…). */
  refusal: string | null;
}

/** The edit form of a saved request that may still be edited (not approved yet), with its current values. */
export async function getChangeEditForm(actor: Actor, customerId: string, changeId: string): Promise<ChangeEditForm> {
  const form = await getChangeRequestForm(actor, customerId);
  const { change } = await getChange(actor, form.customer.id, changeId);
  if (!canMove(change.status, "edit"))
    return { ...form, change, sendsBack: null, refusal: moveRefusal(change.status, "edit") };
  return { ...form, change, sendsBack: EDIT_SENDS_BACK[change.status as keyof typeof EDIT_SENDS_BACK], refusal: null };
}
