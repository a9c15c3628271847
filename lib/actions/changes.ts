"use server";

import { revalidatePath } from "next/cache";
import { returnValidationErrors } from "next-safe-action";
import { actionClient, type TransactionRunner } from "@/lib/actions/action-client";
import {
  assessChangeSchema,
  cancelChangeSchema,
  closeChangeSchema,
  createChangeRequestSchema,
  decideChangeSchema,
  startChangeSchema,
  updateChangeRequestSchema,
  validateChangeSchema,
} from "@/lib/actions/change-schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, authorize, type Permission, withCustomerIdScope, withCustomerScope } from "@/lib/authz/policy";
import { approvedChangeMail, type ChangeRecipient } from "@/lib/changes/approval-mail";
import { RESOURCE_COLLECTORS, resourceKey, resourcesFromEvidence } from "@/lib/changes/components";
import { changeRecipientsWhere } from "@/lib/changes/recipients";
import { formatInZone } from "@/lib/changes/time-zone";
import {
  APPROVAL_ROLE_LABELS,
  type ApprovalRole,
  type ApprovalVerdict,
  approvalRoleFor,
  assertMove,
  CHANGE_MOVES,
  CHANGE_STATUS_LABELS,
  type ChangeMove,
  type ChangeStatus,
  editConsequence,
  hasRollbackPlan,
  ROLLBACK_PLAN_REQUIRED,
  requiredApprovalRoles,
  statusAfterVerdicts,
} from "@/lib/changes/workflow";
import { recordsClock } from "@/lib/clock";
import { parseCustomerSettings } from "@/lib/customers/settings";
import { db, type Transaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { appBaseUrl, sendMail } from "@/lib/mail/mailer";

// Change management (SOP 000 §11, issue 15): consultants request, assess and run changes; the customer's
// technical manager approves (with the customer's reviewer where the environment is managed
// collaboratively, and governance when the assessment asks for it); an approval mails the summary and
// execution plan. Every mutation loads the change through the actor's scope, locks its row (SELECT … FOR
// UPDATE) and re-reads it inside the transaction, checks the version the person saw, and writes its audit
// row there: two approvers deciding at once are applied one after the other and neither is lost.

const CHANGE_NOT_FOUND = "Change request not found";

const CHANGE_STATE = {
  id: true,
  customerId: true,
  number: true,
  title: true,
  status: true,
  version: true,
  requestedById: true,
  rollbackPlan: true,
  rollbackInvoked: true,
  windowStart: true,
  windowEnd: true,
  windowTimeZone: true,
  governanceApprovalRequired: true,
  customer: { select: { id: true, name: true, settings: true } },
  approvals: { select: { role: true, verdict: true, approverId: true, createdAt: true } },
} satisfies Prisma.ChangeRequestSelect;
type ChangeState = Prisma.ChangeRequestGetPayload<{ select: typeof CHANGE_STATE }>;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** The change named by an input, in the actor's scope, locked for this transaction. */
async function lockChange(
  tx: Transaction,
  actor: Actor,
  changeId: string,
  permission: Permission,
): Promise<ChangeState> {
  const visible = await tx.changeRequest.findFirst({
    where: withCustomerScope(actor, { id: changeId, customer: { archivedAt: null } }),
    select: { id: true, customerId: true },
  });
  if (!visible) throw notFound(CHANGE_NOT_FOUND);
  authorize(actor, permission, { customerId: visible.customerId });
  await tx.$queryRaw`SELECT "id" FROM "ChangeRequest" WHERE "id" = ${visible.id} FOR UPDATE`;
  return tx.changeRequest.findUniqueOrThrow({ where: { id: visible.id }, select: CHANGE_STATE });
}

/** The person decided on what they saw: an edit or a move since then makes them look again. */
function assertVersion(change: ChangeState, version: number): void {
  if (change.version !== version) {
    throw new AppError(
      "CONFLICT",
      `This change was updated since you opened it (it is now ${CHANGE_STATUS_LABELS[change.status as ChangeStatus]}). Reload the page, read it again, then decide. Nothing was saved.`,
    );
  }
}

function assertChangeMove(change: ChangeState, move: ChangeMove, version: number): void {
  assertMove(change.status as ChangeStatus, move);
  assertVersion(change, version);
}

function revalidateChange(customerId: string, changeId?: string): void {
  revalidatePath(`/customers/${customerId}/changes`);
  if (changeId) revalidatePath(`/customers/${customerId}/changes/${changeId}`);
}

/** The steps that move a change to the one status CHANGE_MOVES gives them (edit and decide have their own shape). */
type JourneyStep = "assess" | "start" | "validate" | "close" | "cancel";
const STEP_AUDIT_ACTIONS: Record<JourneyStep, string> = {
  assess: "change_request.assessed",
  start: "change_request.started",
  validate: "change_request.validated",
  close: "change_request.closed",
  cancel: "change_request.cancelled",
};

/**
 * One step of the journey, the same way every time: lock the change in the actor's scope, check the move
 * and the version the person saw, run the step's own checks, write its fields with the new status and a
 * new version, audit-log it in the same transaction, then refresh the change's pages.
 */
async function takeJourneyStep(
  ctx: { actor: Actor; transaction: TransactionRunner },
  input: { changeId: string; version: number },
  step: JourneyStep,
  how: {
    check?: (change: ChangeState, at: Date) => void;
    fields: (at: Date) => Omit<Prisma.ChangeRequestUpdateInput, "status" | "version">;
    auditMetadata: (change: ChangeState) => Record<string, unknown>;
  },
): Promise<ChangeState> {
  const { permission, to } = CHANGE_MOVES[step];
  if (to === "by-approvals") throw new Error(`${step} is not a journey step`);
  const change = await ctx.transaction(async (tx, audit) => {
    const change = await lockChange(tx, ctx.actor, input.changeId, permission);
    assertChangeMove(change, step, input.version);
    const at = recordsClock().now();
    how.check?.(change, at);
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { ...how.fields(at), status: to, version: { increment: 1 } },
    });
    await audit({
      action: STEP_AUDIT_ACTIONS[step],
      targetType: "ChangeRequest",
      targetId: change.id,
      customerId: change.customerId,
      metadata: how.auditMetadata(change),
    });
    return change;
  });
  revalidateChange(change.customerId, change.id);
  return change;
}

/** A component as the request names it; the key compares a saved component with an edited one. */
interface RequestComponent {
  awsAccountId: string;
  region: string | null;
  resourceKind: string | null;
  resourceId: string | null;
}
const componentKey = (component: RequestComponent) =>
  [component.awsAccountId, component.region ?? "", component.resourceKind ?? "", component.resourceId ?? ""].join("|");

/**
 * Every component is of this customer: an active account of its own, a region Rampart monitors there, a
 * resource in its collected evidence. `kept` are components already saved on the change: an edit keeps
 * them even if the resource has since left the evidence. `refuse` reports at the components field.
 */
async function checkComponents(
  tx: Transaction,
  customerId: string,
  components: readonly RequestComponent[],
  refuse: (message: string) => never,
  kept: ReadonlySet<string> = new Set(),
): Promise<void> {
  const accountIds = [...new Set(components.map((component) => component.awsAccountId))];
  const accounts = await tx.awsAccount.findMany({
    where: { id: { in: accountIds }, customerId, archivedAt: null },
    select: { id: true, alias: true, accountNumber: true, regions: true },
  });
  // Another customer's account (or an unknown id) is refused without saying whose it is.
  if (accounts.length !== accountIds.length)
    throw notFound(
      "Account not found: one of the chosen accounts is not an account of this customer. Nothing was saved.",
    );
  const accountById = new Map(accounts.map((account) => [account.id, account]));
  const evidence = await tx.evidence.findMany({
    where: {
      customerId,
      awsAccountId: { in: accountIds },
      isCurrent: true,
      collector: { in: [...RESOURCE_COLLECTORS] },
    },
    select: { awsAccountId: true, collector: true, region: true, data: true },
  });
  const known = new Map<string, Set<string>>();
  for (const accountId of accountIds) {
    known.set(
      accountId,
      new Set(
        resourcesFromEvidence(evidence.filter((row) => row.awsAccountId === accountId)).map((resource) =>
          resourceKey(resource),
        ),
      ),
    );
  }
  for (const component of components) {
    if (kept.has(componentKey(component))) continue;
    const account = accountById.get(component.awsAccountId)!;
    const label = `${account.alias} (${account.accountNumber})`;
    if (component.region && component.region !== "global" && !account.regions.includes(component.region))
      refuse(`${component.region} is not a region Rampart monitors in ${label}: pick one of its regions.`);
    if (component.resourceKind && component.resourceId) {
      const key = resourceKey({
        kind: component.resourceKind,
        region: component.region ?? "",
        id: component.resourceId,
      });
      if (!known.get(account.id)?.has(key))
        refuse(
          `${component.resourceId} is not in the collected evidence of ${label}. Pick resources of this customer from the list (sync the account first if it is new).`,
        );
    }
  }
}

// ---------- Request ----------

export const createChangeRequestAction = actionClient
  .metadata({ actionName: "createChangeRequest", permission: "change:draft" })
  .inputSchema(createChangeRequestSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const created = await transaction(async (tx, audit) => {
      const customer = await tx.customer.findFirst({
        where: withCustomerIdScope(actor, { id: parsedInput.customerId, archivedAt: null }),
        select: { id: true },
      });
      if (!customer) throw notFound("Customer not found");
      authorize(actor, "change:draft", { customerId: customer.id });

      await checkComponents(tx, customer.id, parsedInput.components, (message) =>
        returnValidationErrors(createChangeRequestSchema, { components: { _errors: [message] } }),
      );

      // Numbers are per customer: the customer row's lock makes two requests at once take 1 and 2.
      await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" = ${customer.id} FOR UPDATE`;
      const last = await tx.changeRequest.aggregate({ where: { customerId: customer.id }, _max: { number: true } });
      const number = (last._max.number ?? 0) + 1;
      const change = await tx.changeRequest.create({
        data: {
          customerId: customer.id,
          number,
          title: parsedInput.title,
          description: parsedInput.description,
          justification: parsedInput.justification,
          preliminaryImpact: parsedInput.preliminaryImpact,
          windowStart: parsedInput.windowStartAt,
          windowEnd: parsedInput.windowEndAt,
          windowTimeZone: parsedInput.windowTimeZone,
          responsibleRole: parsedInput.responsibleRole,
          responsibleName: parsedInput.responsibleName,
          requestedById: actor.userId,
          components: {
            create: parsedInput.components.map((component) => ({
              awsAccountId: component.awsAccountId,
              region: component.region,
              resourceKind: component.resourceKind,
              resourceId: component.resourceId,
            })),
          },
        },
        select: { id: true, number: true },
      });
      await audit({
        action: "change_request.created",
        targetType: "ChangeRequest",
        targetId: change.id,
        customerId: customer.id,
        metadata: { number, title: parsedInput.title, components: parsedInput.components.length },
      });
      return { ...change, customerId: customer.id };
    });
    revalidateChange(created.customerId);
    return { changeId: created.id, number: created.number, customerId: created.customerId };
  });

// ---------- Editing the request ----------

/** The request's own fields an edit may change, in the order the audit row lists them. */
const EDITABLE_FIELDS = [
  "title",
  "description",
  "justification",
  "preliminaryImpact",
  "window",
  "responsibleRole",
  "responsibleName",
] as const;

export const updateChangeRequestAction = actionClient
  .metadata({ actionName: "updateChangeRequest", permission: "change:draft" })
  .inputSchema(updateChangeRequestSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const edited = await transaction(async (tx, audit) => {
      const change = await lockChange(tx, actor, parsedInput.changeId, "change:draft");
      const sendsBack = editConsequence(change.status as ChangeStatus);
      assertVersion(change, parsedInput.version);
      const saved = await tx.changeRequest.findUniqueOrThrow({
        where: { id: change.id },
        select: {
          description: true,
          justification: true,
          preliminaryImpact: true,
          responsibleRole: true,
          responsibleName: true,
          components: { select: { awsAccountId: true, region: true, resourceKind: true, resourceId: true } },
        },
      });
      const savedKeys = new Set(saved.components.map(componentKey));
      await checkComponents(
        tx,
        change.customerId,
        parsedInput.components,
        (message) => returnValidationErrors(updateChangeRequestSchema, { components: { _errors: [message] } }),
        savedKeys,
      );

      const windowText = (start: Date, end: Date, zone: string) =>
        `${formatInZone(start, zone)} – ${formatInZone(end, zone)}`;
      const before: Record<(typeof EDITABLE_FIELDS)[number], string> = {
        title: change.title,
        description: saved.description,
        justification: saved.justification,
        preliminaryImpact: saved.preliminaryImpact,
        window: windowText(change.windowStart, change.windowEnd, change.windowTimeZone),
        responsibleRole: saved.responsibleRole,
        responsibleName: saved.responsibleName,
      };
      const after: typeof before = {
        title: parsedInput.title,
        description: parsedInput.description,
        justification: parsedInput.justification,
        preliminaryImpact: parsedInput.preliminaryImpact,
        window: windowText(parsedInput.windowStartAt, parsedInput.windowEndAt, parsedInput.windowTimeZone),
        responsibleRole: parsedInput.responsibleRole,
        responsibleName: parsedInput.responsibleName,
      };
      const fields = Object.fromEntries(
        EDITABLE_FIELDS.filter((field) => before[field] !== after[field]).map((field) => [
          field,
          { from: before[field], to: after[field] },
        ]),
      );
      const nextKeys = new Set(parsedInput.components.map(componentKey));
      const added = [...nextKeys].filter((key) => !savedKeys.has(key));
      const removed = [...savedKeys].filter((key) => !nextKeys.has(key));
      const windowMoved =
        change.windowStart.getTime() !== parsedInput.windowStartAt.getTime() ||
        change.windowEnd.getTime() !== parsedInput.windowEndAt.getTime() ||
        change.windowTimeZone !== parsedInput.windowTimeZone;
      if (Object.keys(fields).length === 0 && added.length === 0 && removed.length === 0 && !windowMoved)
        throw new AppError("CONFLICT", "Nothing was changed, so nothing was saved: the request is as it was.");

      const withdrawnApprovals = sendsBack.approvals ? change.approvals : [];
      if (withdrawnApprovals.length > 0) await tx.changeApproval.deleteMany({ where: { changeRequestId: change.id } });
      if (added.length > 0 || removed.length > 0) {
        await tx.changeComponent.deleteMany({ where: { changeRequestId: change.id } });
        await tx.changeComponent.createMany({
          data: parsedInput.components.map((component) => ({
            changeRequestId: change.id,
            awsAccountId: component.awsAccountId,
            region: component.region,
            resourceKind: component.resourceKind,
            resourceId: component.resourceId,
          })),
        });
      }
      await tx.changeRequest.update({
        where: { id: change.id },
        data: {
          status: CHANGE_MOVES.edit.to as ChangeStatus,
          title: parsedInput.title,
          description: parsedInput.description,
          justification: parsedInput.justification,
          preliminaryImpact: parsedInput.preliminaryImpact,
          windowStart: parsedInput.windowStartAt,
          windowEnd: parsedInput.windowEndAt,
          windowTimeZone: parsedInput.windowTimeZone,
          responsibleRole: parsedInput.responsibleRole,
          responsibleName: parsedInput.responsibleName,
          ...(sendsBack.assessment ? { assessedAt: null } : {}),
          version: { increment: 1 },
        },
      });
      await audit({
        action: "change_request.edited",
        targetType: "ChangeRequest",
        targetId: change.id,
        customerId: change.customerId,
        metadata: {
          status: { from: change.status, to: CHANGE_MOVES.edit.to },
          changed: fields,
          components: { added, removed },
          assessmentWithdrawn: sendsBack.assessment && change.status !== "DRAFT",
          approvalsWithdrawn: withdrawnApprovals.map((approval) => ({
            role: approval.role,
            verdict: approval.verdict,
            approverId: approval.approverId,
            at: approval.createdAt.toISOString(),
          })),
        },
      });
      return { change, sentBack: change.status !== CHANGE_MOVES.edit.to, withdrawn: withdrawnApprovals.length };
    });
    revalidateChange(edited.change.customerId, edited.change.id);
    return {
      changeId: edited.change.id,
      status: CHANGE_MOVES.edit.to,
      sentBack: edited.sentBack,
      approvalsWithdrawn: edited.withdrawn,
    };
  });

// ---------- Assessment ----------

export const assessChangeAction = actionClient
  .metadata({ actionName: "assessChange", permission: "change:draft" })
  .inputSchema(assessChangeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const change = await takeJourneyStep(ctx, parsedInput, "assess", {
      check: (change) => {
        if (change.approvals.length > 0)
          throw new AppError(
            "CONFLICT",
            "An approver has already decided on this assessment, so it can no longer change. Cancel the change and request it again to change the assessment.",
          );
      },
      fields: (at) => ({
        impactAvailability: parsedInput.impactAvailability,
        impactSecurity: parsedInput.impactSecurity,
        impactPerformance: parsedInput.impactPerformance,
        viability: parsedInput.viability,
        needsMaintenanceWindow: parsedInput.needsMaintenanceWindow,
        executionPlan: parsedInput.executionPlan,
        rollbackPlan: parsedInput.rollbackPlan,
        governanceApprovalRequired: parsedInput.governanceApprovalRequired,
        assessedAt: at,
      }),
      auditMetadata: (change) => ({
        from: change.status,
        rollbackPlan: parsedInput.rollbackPlan !== null,
        governanceApprovalRequired: parsedInput.governanceApprovalRequired,
      }),
    });
    return { changeId: change.id, rollbackPlan: parsedInput.rollbackPlan !== null };
  });

// ---------- Approval ----------

async function approverFacts(tx: Transaction, actor: Actor, customerId: string) {
  const assignment =
    actor.role === "MANAGER"
      ? await tx.customerAssignment.findUnique({
          where: { userId_customerId: { userId: actor.userId, customerId } },
          select: { userId: true },
        })
      : null;
  return {
    role: actor.role,
    userId: actor.userId,
    customerId: actor.customerId,
    isTechnicalManager: assignment !== null,
  };
}

export const decideChangeAction = actionClient
  .metadata({ actionName: "decideChange", permission: "change:approve" })
  .inputSchema(decideChangeSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const decided = await transaction(async (tx, audit) => {
      const change = await lockChange(tx, actor, parsedInput.changeId, "change:approve");
      const collaborative = parseCustomerSettings(change.customer.settings).changeManagement.collaborative;
      const held = approvalRoleFor(await approverFacts(tx, actor, change.customerId), {
        customerId: change.customerId,
        requestedById: change.requestedById,
        collaborative,
        governanceApprovalRequired: change.governanceApprovalRequired,
      });
      const alreadyDecided = (role: ApprovalRole) =>
        new AppError(
          "CONFLICT",
          `The ${APPROVAL_ROLE_LABELS[role].toLowerCase()} decision on this change is already recorded. Nothing was saved.`,
        );
      // Before the state check: when two holders of one role decide at once, the one who waited on the
      // lock learns that the role has decided, whatever that decision did to the change's status.
      if (!("refusal" in held) && change.approvals.some((approval) => approval.role === held.role))
        throw alreadyDecided(held.role);
      assertChangeMove(change, "decide", parsedInput.version);
      if ("refusal" in held) throw new AppError("FORBIDDEN", held.refusal);
      if (parsedInput.verdict === "APPROVED" && !hasRollbackPlan(change))
        throw new AppError("CONFLICT", ROLLBACK_PLAN_REQUIRED);
      const at = recordsClock().now();
      try {
        await tx.changeApproval.create({
          data: {
            changeRequestId: change.id,
            role: held.role,
            verdict: parsedInput.verdict,
            approverId: actor.userId,
            comment: parsedInput.comment,
            createdAt: at,
          },
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyDecided(held.role);
        throw error;
      }
      const verdicts = [
        ...change.approvals.map((approval) => ({
          role: approval.role as ApprovalRole,
          verdict: approval.verdict as ApprovalVerdict,
        })),
        { role: held.role, verdict: parsedInput.verdict },
      ];
      const required = requiredApprovalRoles({
        collaborative,
        governanceApprovalRequired: change.governanceApprovalRequired,
      });
      const status = statusAfterVerdicts(required, verdicts);
      if (status !== change.status) {
        await tx.changeRequest.update({
          where: { id: change.id },
          data: { status, version: { increment: 1 } },
        });
      }
      await audit({
        action: parsedInput.verdict === "APPROVED" ? "change_request.approved" : "change_request.rejected",
        targetType: "ChangeRequest",
        targetId: change.id,
        customerId: change.customerId,
        metadata: { role: held.role, comment: parsedInput.comment, status },
      });
      return { change, status, role: held.role };
    });
    revalidateChange(decided.change.customerId, decided.change.id);
    const mailed = decided.status === "APPROVED" ? await communicateApproval(actor, decided.change.id) : null;
    return { changeId: decided.change.id, status: decided.status, role: decided.role, mailed };
  });

/**
 * SOP 000 §11 "Communication of the Change": after the approval has committed, mail the summary and
 * execution plan to the customer's consultants and technical managers and, when collaborative, its
 * reviewers. A mail server that refuses does not undo the approval; the audit row says who was mailed.
 */
async function communicateApproval(actor: Actor, changeId: string): Promise<{ recipients: number; delivered: number }> {
  const change = await db().changeRequest.findUniqueOrThrow({
    where: { id: changeId },
    select: {
      id: true,
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
      impactAvailability: true,
      impactSecurity: true,
      impactPerformance: true,
      needsMaintenanceWindow: true,
      executionPlan: true,
      rollbackPlan: true,
      requestedById: true,
      customer: { select: { id: true, name: true, settings: true } },
      components: {
        select: {
          region: true,
          resourceKind: true,
          resourceId: true,
          awsAccount: { select: { alias: true, accountNumber: true } },
        },
        orderBy: { id: "asc" },
      },
      approvals: {
        select: { role: true, comment: true, createdAt: true, approver: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const recipients: ChangeRecipient[] = await db().user.findMany({
    where: changeRecipientsWhere({
      customerId: change.customer.id,
      collaborative: parseCustomerSettings(change.customer.settings).changeManagement.collaborative,
      requestedById: change.requestedById,
    }),
    select: { name: true, email: true },
    orderBy: { email: "asc" },
  });
  const summary = {
    ...change,
    components: change.components.map((component) => ({
      account: `${component.awsAccount.alias} (${component.awsAccount.accountNumber})`,
      region: component.region,
      resourceKind: component.resourceKind,
      resourceId: component.resourceId,
    })),
    approvals: change.approvals.map((approval) => ({
      role: approval.role as ApprovalRole,
      approver: approval.approver?.name ?? "a former user",
      comment: approval.comment,
      at: approval.createdAt,
    })),
  };
  let delivered = 0;
  const failed: string[] = [];
  for (const recipient of recipients) {
    try {
      const result = await sendMail(approvedChangeMail(summary, recipient, appBaseUrl()));
      if (result.delivered) delivered += 1;
    } catch (error) {
      failed.push(recipient.email);
      logger.error({ err: error, customerId: change.customer.id, changeId }, "change approval mail failed");
    }
  }
  await recordAudit(db(), {
    actor,
    action: "change_request.communicated",
    targetType: "ChangeRequest",
    targetId: change.id,
    customerId: change.customer.id,
    metadata: {
      recipients: recipients.map((recipient) => recipient.email),
      delivered,
      failed,
      window: `${formatInZone(change.windowStart, change.windowTimeZone)} – ${formatInZone(change.windowEnd, change.windowTimeZone)}`,
    },
  });
  return { recipients: recipients.length, delivered };
}

// ---------- Execution, validation, closing ----------

export const startChangeAction = actionClient
  .metadata({ actionName: "startChange", permission: "change:run" })
  .inputSchema(startChangeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const window = (change: ChangeState) =>
      `${formatInZone(change.windowStart, change.windowTimeZone)} to ${formatInZone(change.windowEnd, change.windowTimeZone)}`;
    const change = await takeJourneyStep(ctx, parsedInput, "start", {
      // SOP 000 §11 "Change Execution": the change is made in the approved maintenance window.
      check: (change, now) => {
        if (now < change.windowStart)
          throw new AppError(
            "CONFLICT",
            `The approved window (${window(change)}) has not opened yet: start the change in it.`,
          );
        if (now > change.windowEnd)
          throw new AppError(
            "CONFLICT",
            `The approved window (${window(change)}) has ended. Cancel this change and request it again with a new window.`,
          );
      },
      fields: (now) => ({ startedAt: now }),
      auditMetadata: (change) => ({ window: window(change) }),
    });
    return { changeId: change.id };
  });

export const validateChangeAction = actionClient
  .metadata({ actionName: "validateChange", permission: "change:run" })
  .inputSchema(validateChangeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const change = await takeJourneyStep(ctx, parsedInput, "validate", {
      fields: (at) => ({
        rollbackInvoked: parsedInput.rollbackInvoked,
        servicesChecked: parsedInput.servicesChecked,
        stabilityObserved: parsedInput.stabilityObserved,
        observations: parsedInput.observations,
        validatedAt: at,
      }),
      auditMetadata: () => ({ rollbackInvoked: parsedInput.rollbackInvoked }),
    });
    return { changeId: change.id };
  });

export const closeChangeAction = actionClient
  .metadata({ actionName: "closeChange", permission: "change:run" })
  .inputSchema(closeChangeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const change = await takeJourneyStep(ctx, parsedInput, "close", {
      check: (change) => {
        if (change.rollbackInvoked && parsedInput.outcome === "SUCCESSFUL")
          returnValidationErrors(closeChangeSchema, {
            outcome: {
              _errors: ["The validation records that the rollback plan was invoked: choose Rolled back or Failed."],
            },
          });
        if (!change.rollbackInvoked && parsedInput.outcome === "ROLLED_BACK")
          returnValidationErrors(closeChangeSchema, {
            outcome: {
              _errors: ["The validation records that the rollback plan was not invoked: choose Successful or Failed."],
            },
          });
      },
      fields: (at) => ({ outcome: parsedInput.outcome, finalResult: parsedInput.finalResult, closedAt: at }),
      auditMetadata: () => ({ outcome: parsedInput.outcome }),
    });
    return { changeId: change.id, outcome: parsedInput.outcome };
  });

export const cancelChangeAction = actionClient
  .metadata({ actionName: "cancelChange", permission: "change:draft" })
  .inputSchema(cancelChangeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const change = await takeJourneyStep(ctx, parsedInput, "cancel", {
      fields: (at) => ({ finalResult: `Cancelled: ${parsedInput.reason}`, closedAt: at }),
      auditMetadata: (change) => ({ from: change.status, reason: parsedInput.reason }),
    });
    return { changeId: change.id };
  });
