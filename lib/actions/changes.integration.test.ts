import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db/client";
import { type SmtpInbox, startSmtpInbox } from "@/lib/mail/testing/smtp-inbox";
import { createAwsAccount, createCustomer, createEvidence, createUser } from "@/prisma/factories";
import { testSession } from "@/test/setup/test-session";
import { actorOf } from "@/test/support/actors";
import { HOUR_MS } from "../dates";
import type { AssessChangeInput, CreateChangeRequestInput, UpdateChangeRequestInput } from "./change-schemas";

// Change management through the real action client, policy, zod and PostgreSQL; only the session (and
// Next's cache) is stubbed. Concurrent requests each run as their own actor (AsyncLocalStorage), like two
// browsers. Mail goes to a real local SMTP server.

const {
  assessChangeAction,
  cancelChangeAction,
  closeChangeAction,
  createChangeRequestAction,
  decideChangeAction,
  startChangeAction,
  updateChangeRequestAction,
  validateChangeAction,
} = await import("./changes");
const { getChange, getChangeEditForm, listChanges } = await import("@/lib/queries/changes");
const { resetMailer } = await import("@/lib/mail/mailer");

let inbox: SmtpInbox;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  resetMailer();
});
afterAll(async () => {
  await inbox.close();
});
beforeEach(() => {
  testSession.actor = null;
});

function as<T>(actor: Actor, run: () => Promise<T>): Promise<T> {
  return testSession.request.run(actor, run);
}

const wallClock = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);

/** A customer with an account whose evidence shows a security group, its consultant, manager and reviewer. */
async function tenant(options: { collaborative?: boolean } = {}) {
  const customer = await createCustomer(db(), {
    settings: options.collaborative ? { changeManagement: { collaborative: true } } : {},
  });
  const account = await createAwsAccount(db(), customer.id, { regions: ["eu-west-1"] });
  await createEvidence(db(), {
    customerId: customer.id,
    awsAccountId: account.id,
    collector: "ec2",
    region: "eu-west-1",
    data: { securityGroups: [{ groupId: `sg-${customer.slug}`, groupName: "bastion" }], networkAcls: [] },
  });
  const consultant = await createUser(db(), { role: "CONSULTANT", assignedCustomerIds: [customer.id] });
  const manager = await createUser(db(), { role: "MANAGER", assignedCustomerIds: [customer.id] });
  const reviewer = await createUser(db(), { role: "CUSTOMER_REVIEWER", customerId: customer.id });
  return {
    customer,
    account,
    groupId: `sg-${customer.slug}`,
    consultant: await actorOf(consultant),
    manager: await actorOf(manager),
    reviewer: await actorOf(reviewer),
    emails: { consultant: consultant.email, manager: manager.email, reviewer: reviewer.email },
  };
}
type Tenant = Awaited<ReturnType<typeof tenant>>;

function requestInput(owner: Tenant, overrides: Partial<CreateChangeRequestInput> = {}): CreateChangeRequestInput {
  return {
    customerId: owner.customer.id,
    title: "Close SSH on the bastion",
    description: "Remove the 0.0.0.0/0 rule on port 22 of the bastion's security group.",
    justification: "NET-1 fails on it; access moves to Session Manager.",
    preliminaryImpact: "Nobody connects over SSH any more.",
    windowStart: wallClock(-HOUR_MS),
    windowEnd: wallClock(2 * HOUR_MS),
    windowTimeZone: "UTC",
    responsibleRole: "Cloud consultant",
    responsibleName: "Carlos Consultant",
    components: [
      {
        awsAccountId: owner.account.id,
        region: "eu-west-1",
        resourceKind: "security-group",
        resourceId: owner.groupId,
      },
    ],
    ...overrides,
  };
}

const ASSESSMENT: Omit<AssessChangeInput, "changeId" | "version"> = {
  impactAvailability: "None expected: nobody uses SSH.",
  impactSecurity: "Closes NET-1.",
  impactPerformance: "None.",
  viability: "Viable: Session Manager is already deployed.",
  needsMaintenanceWindow: "no",
  executionPlan: "1. Snapshot the rules. 2. Remove the 22/tcp rule. 3. Check Session Manager access.",
  rollbackPlan: "Re-add the 22/tcp rule from the snapshot.",
};

async function draft(owner: Tenant, overrides: Partial<CreateChangeRequestInput> = {}) {
  const result = await as(owner.consultant, () => createChangeRequestAction(requestInput(owner, overrides)));
  expect(result.serverError, JSON.stringify(result)).toBeUndefined();
  expect(result.validationErrors).toBeUndefined();
  return result.data!.changeId;
}

const read = (id: string) =>
  db().changeRequest.findUniqueOrThrow({ where: { id }, include: { approvals: true, components: true } });

async function assessed(owner: Tenant, assessment = ASSESSMENT) {
  const changeId = await draft(owner);
  const result = await as(owner.consultant, () => assessChangeAction({ changeId, version: 1, ...assessment }));
  expect(result.serverError, JSON.stringify(result)).toBeUndefined();
  return changeId;
}

describe("the change journey", () => {
  it("request → assess → approve (manager, then customer) → start → validate → close, mailed and audit-logged", async () => {
    const owner = await tenant({ collaborative: true });
    const changeId = await draft(owner);
    let change = await read(changeId);
    expect(change).toMatchObject({ number: 1, status: "DRAFT", requestedById: owner.consultant.userId, version: 1 });
    expect(change.components).toMatchObject([{ resourceKind: "security-group" as const, resourceId: owner.groupId }]);

    expect(
      (await as(owner.consultant, () => assessChangeAction({ changeId, version: 1, ...ASSESSMENT }))).data,
    ).toEqual({ changeId, rollbackPlan: true });
    const managerDecision = await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go ahead." }),
    );
    expect(managerDecision.data).toMatchObject({ status: "ASSESSED", role: "TECHNICAL_MANAGER", mailed: null });
    const before = inbox.messages.length;
    const customerDecision = await as(owner.reviewer, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Fine by us." }),
    );
    expect(customerDecision.data).toMatchObject({ status: "APPROVED", role: "CUSTOMER", mailed: { recipients: 3 } });
    const mail = await inbox.waitFor(owner.emails.reviewer, { after: before });
    expect(mail.decoded).toContain("Approved change ICR-0001");
    expect(mail.decoded).toContain("Execution plan");
    expect(mail.decoded).toContain("Remove the 22/tcp rule");
    await inbox.waitFor(owner.emails.manager, { after: before });
    await inbox.waitFor(owner.emails.consultant, { after: before });

    expect((await as(owner.consultant, () => startChangeAction({ changeId, version: 3 }))).data).toEqual({ changeId });
    const validated = await as(owner.consultant, () =>
      validateChangeAction({
        changeId,
        version: 4,
        rollbackInvoked: "no",
        servicesChecked: "Session Manager reaches the bastion.",
        stabilityObserved: "Stable for 30 minutes.",
        observations: "",
      }),
    );
    expect(validated.serverError).toBeUndefined();
    const closed = await as(owner.consultant, () =>
      closeChangeAction({ changeId, version: 5, outcome: "SUCCESSFUL", finalResult: "SSH closed; NET-1 passes." }),
    );
    expect(closed.data).toEqual({ changeId, outcome: "SUCCESSFUL" });
    change = await read(changeId);
    expect(change).toMatchObject({ status: "CLOSED", outcome: "SUCCESSFUL", rollbackInvoked: false, version: 6 });
    expect(change.approvals.map((approval) => approval.role).sort()).toEqual(["CUSTOMER", "TECHNICAL_MANAGER"]);

    const audit = await db().auditLog.findMany({
      where: { targetId: changeId },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(audit.map((row) => row.action)).toEqual([
      "change_request.created",
      "change_request.assessed",
      "change_request.approved",
      "change_request.approved",
      "change_request.communicated",
      "change_request.started",
      "change_request.validated",
      "change_request.closed",
    ]);
    const log = await listChanges(owner.reviewer, owner.customer.id, {
      status: "CLOSED",
      from: null,
      to: null,
      accountId: owner.account.id,
    });
    expect(log.changes.map((row) => row.id)).toEqual([changeId]);
  });

  it("numbers each customer's changes on its own, also when two are requested at once", async () => {
    const owner = await tenant();
    const results = await Promise.all([
      as(owner.consultant, () => createChangeRequestAction(requestInput(owner))),
      as(owner.consultant, () => createChangeRequestAction(requestInput(owner, { title: "Second change" }))),
    ]);
    expect(results.map((result) => result.data?.number).sort()).toEqual([1, 2]);
  });

  it("approves a non-collaborative change with the technical manager alone, and shows each person only their moves", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner);
    const asReviewer = await getChange(owner.reviewer, owner.customer.id, changeId);
    expect(asReviewer.permissions.moves).toEqual([]);
    expect(asReviewer.permissions.decision).toMatchObject({ refusal: expect.stringMatching(/collaboratively/) });
    const asManager = await getChange(owner.manager, owner.customer.id, changeId);
    expect(asManager.permissions).toMatchObject({ moves: ["decide"], decision: { role: "TECHNICAL_MANAGER" } });
    expect((await getChange(owner.consultant, owner.customer.id, changeId)).permissions.moves).toEqual([
      "edit",
      "assess",
      "cancel",
    ]);
    const refused = await as(owner.reviewer, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Yes" }),
    );
    expect(refused.serverError).toMatch(/not managed collaboratively/);
    const approved = await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go ahead." }),
    );
    expect(approved.data).toMatchObject({ status: "APPROVED" });
  });

  it("rejects at the first rejection, with who, when and why", async () => {
    const owner = await tenant({ collaborative: true });
    const changeId = await assessed(owner);
    const result = await as(owner.reviewer, () =>
      decideChangeAction({ changeId, version: 2, verdict: "REJECTED", comment: "Not during our sales week." }),
    );
    expect(result.data).toMatchObject({ status: "REJECTED" });
    const change = await read(changeId);
    expect(change.approvals).toMatchObject([
      {
        role: "CUSTOMER",
        verdict: "REJECTED",
        approverId: owner.reviewer.userId,
        comment: "Not during our sales week.",
      },
    ]);
    const late = await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 3, verdict: "APPROVED", comment: "Go" }),
    );
    expect(late.serverError).toMatch(/^Approvals and rejections are recorded on an assessed change only/);
  });

  it("cancels before the start, never after", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner);
    const cancelled = await as(owner.consultant, () =>
      cancelChangeAction({ changeId, version: 2, reason: "Superseded by ICR-0009." }),
    );
    expect(cancelled.data).toEqual({ changeId });
    expect(await read(changeId)).toMatchObject({
      status: "CANCELLED",
      finalResult: "Cancelled: Superseded by ICR-0009.",
    });
  });
});

describe("bad input: refused with a clear message, nothing half-saved", () => {
  async function countChanges(customerId: string) {
    return db().changeRequest.count({ where: { customerId } });
  }

  it("refuses a window that ends before it starts, at the end field", async () => {
    const owner = await tenant();
    const result = await as(owner.consultant, () =>
      createChangeRequestAction(
        requestInput(owner, { windowStart: wallClock(5 * HOUR_MS), windowEnd: wallClock(4 * HOUR_MS) }),
      ),
    );
    expect(result.validationErrors?.fieldErrors?.windowEnd?.[0]).toMatch(/^The window must end after it starts/);
    expect(await countChanges(owner.customer.id)).toBe(0);
  });

  it("refuses an approval without a rollback plan, but lets the approver reject", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner, { ...ASSESSMENT, rollbackPlan: "" });
    const view = await getChange(owner.manager, owner.customer.id, changeId);
    expect(view.permissions.approveBlockedBecause).toMatch(/no rollback plan/);
    const result = await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go ahead." }),
    );
    expect(result.serverError).toBe(
      "This change has no rollback plan yet. Add one in the assessment before it can be approved.",
    );
    expect(await read(changeId)).toMatchObject({ status: "ASSESSED", approvals: [] });
    const rejected = await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 2, verdict: "REJECTED", comment: "Come back with a rollback plan." }),
    );
    expect(rejected.data).toMatchObject({ status: "REJECTED" });
  });

  it("refuses the requester approving their own change", async () => {
    const owner = await tenant();
    const admin = await actorOf(await createUser(db(), { role: "ADMIN" }));
    const created = await as(admin, () => createChangeRequestAction(requestInput(owner)));
    const changeId = created.data!.changeId;
    await as(admin, () =>
      assessChangeAction({ changeId, version: 1, ...ASSESSMENT, governanceApprovalRequired: "yes" }),
    );
    const result = await as(admin, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Approving my own change." }),
    );
    expect(result.serverError).toBe(
      "You requested this change, so you cannot approve or reject it: another approver must.",
    );
    expect(await read(changeId)).toMatchObject({ status: "ASSESSED", approvals: [] });
    // Another administrator may give the governance approval; the change then waits for the manager.
    const governance = await actorOf(await createUser(db(), { role: "ADMIN" }));
    const approved = await as(governance, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Governance: fine." }),
    );
    expect(approved.data).toMatchObject({ role: "GOVERNANCE", status: "ASSESSED" });
  });

  it("refuses a manager who is not the customer's technical manager", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner);
    const otherManager = await actorOf(await createUser(db(), { role: "MANAGER" }));
    const result = await as(otherManager, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go" }),
    );
    expect(result.serverError).toMatch(/not assigned as its technical manager/);
  });

  it("refuses another customer's account and resources that are not in this customer's evidence", async () => {
    const owner = await tenant();
    const other = await tenant();
    const foreignAccount = await as(owner.consultant, () =>
      createChangeRequestAction(requestInput(owner, { components: [{ awsAccountId: other.account.id }] })),
    );
    expect(foreignAccount.serverError).toBe(
      "Account not found: one of the chosen accounts is not an account of this customer. Nothing was saved.",
    );
    // The other customer's security group named under this customer's own account.
    const foreignResource = await as(owner.consultant, () =>
      createChangeRequestAction(
        requestInput(owner, {
          components: [
            {
              awsAccountId: owner.account.id,
              region: "eu-west-1",
              resourceKind: "security-group" as const,
              resourceId: other.groupId,
            },
          ],
        }),
      ),
    );
    expect(foreignResource.validationErrors?.fieldErrors?.components?.[0]).toMatch(
      new RegExp(`^${other.groupId} is not in the collected evidence of`),
    );
    const badRegion = await as(owner.consultant, () =>
      createChangeRequestAction(
        requestInput(owner, { components: [{ awsAccountId: owner.account.id, region: "ap-south-1" }] }),
      ),
    );
    expect(badRegion.validationErrors?.fieldErrors?.components?.[0]).toMatch(/ap-south-1 is not a region/);
    // A customer's consultant cannot request a change for a customer it does not look after.
    const foreignCustomer = await as(owner.consultant, () => createChangeRequestAction(requestInput(other)));
    expect(foreignCustomer.serverError).toBe("Customer not found");
    expect(await countChanges(owner.customer.id)).toBe(0);
    expect(await countChanges(other.customer.id)).toBe(0);
  });

  it("refuses a move from the wrong status, a stale version and a start outside the window", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner);
    expect((await as(owner.consultant, () => startChangeAction({ changeId, version: 2 }))).serverError).toMatch(
      /^Only an approved change can be started/,
    );
    expect(
      (await as(owner.consultant, () => assessChangeAction({ changeId, version: 1, ...ASSESSMENT }))).serverError,
    ).toMatch(/updated since you opened it/);
    const later = await draft(owner, { windowStart: wallClock(24 * HOUR_MS), windowEnd: wallClock(26 * HOUR_MS) });
    await as(owner.consultant, () => assessChangeAction({ changeId: later, version: 1, ...ASSESSMENT }));
    await as(owner.manager, () =>
      decideChangeAction({ changeId: later, version: 2, verdict: "APPROVED", comment: "Go" }),
    );
    const early = await as(owner.consultant, () => startChangeAction({ changeId: later, version: 3 }));
    expect(early.serverError).toMatch(/has not opened yet/);
    expect(await read(later)).toMatchObject({ status: "APPROVED", startedAt: null });
  });

  it("refuses closing as successful a change whose rollback was invoked", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner);
    await as(owner.manager, () => decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go" }));
    await as(owner.consultant, () => startChangeAction({ changeId, version: 3 }));
    await as(owner.consultant, () =>
      validateChangeAction({
        changeId,
        version: 4,
        rollbackInvoked: "yes",
        servicesChecked: "Bastion unreachable after the change.",
        stabilityObserved: "Stable after the rollback.",
      }),
    );
    const result = await as(owner.consultant, () =>
      closeChangeAction({ changeId, version: 5, outcome: "SUCCESSFUL", finalResult: "All good, apparently." }),
    );
    expect(result.validationErrors?.fieldErrors?.outcome?.[0]).toMatch(/rollback plan was invoked/);
    const rolledBack = await as(owner.consultant, () =>
      closeChangeAction({ changeId, version: 5, outcome: "ROLLED_BACK", finalResult: "Rolled back; retry next week." }),
    );
    expect(rolledBack.data).toEqual({ changeId, outcome: "ROLLED_BACK" });
  });
});

describe("concurrent approvals", () => {
  it("keeps both when the manager and the customer approve at the same moment", async () => {
    const owner = await tenant({ collaborative: true });
    const changeId = await assessed(owner);
    const results = await Promise.all([
      as(owner.manager, () => decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Manager ok" })),
      as(owner.reviewer, () =>
        decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Customer ok" }),
      ),
    ]);
    expect(results.map((result) => result.serverError)).toEqual([undefined, undefined]);
    const change = await read(changeId);
    expect(change.status).toBe("APPROVED");
    expect(change.approvals.map((approval) => approval.comment).sort()).toEqual(["Customer ok", "Manager ok"]);
  });

  // Both orders: a rejection that lands first moves the change to Rejected, and the manager who waited on
  // the lock must still hear that the role has decided (not that the change is in the wrong state).
  it.each([
    ["the approval", "the rejection"],
    ["the rejection", "the approval"],
  ])("records one decision per role when two technical managers decide, %s landing first", async (first) => {
    const owner = await tenant({ collaborative: true });
    const second = await actorOf(await createUser(db(), { role: "MANAGER", assignedCustomerIds: [owner.customer.id] }));
    const changeId = await assessed(owner);
    const approve = () =>
      as(owner.manager, () => decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "First" }));
    const reject = () =>
      as(second, () => decideChangeAction({ changeId, version: 2, verdict: "REJECTED", comment: "Second: not now." }));
    const [winner, loser] = first === "the approval" ? [approve, reject] : [reject, approve];
    expect((await winner()).serverError).toBeUndefined();
    expect((await loser()).serverError).toBe(
      "The technical manager decision on this change is already recorded. Nothing was saved.",
    );
    expect((await read(changeId)).approvals).toHaveLength(1);
  });

  it("records one decision per role when two technical managers decide at the same moment", async () => {
    const owner = await tenant({ collaborative: true });
    const second = await actorOf(await createUser(db(), { role: "MANAGER", assignedCustomerIds: [owner.customer.id] }));
    const changeId = await assessed(owner);
    const results = await Promise.all([
      as(owner.manager, () => decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "First" })),
      as(second, () => decideChangeAction({ changeId, version: 2, verdict: "REJECTED", comment: "Second: not now." })),
    ]);
    const refused = results.filter((result) => result.serverError);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.serverError).toBe(
      "The technical manager decision on this change is already recorded. Nothing was saved.",
    );
    expect((await read(changeId)).approvals).toHaveLength(1);
  });
});

describe("editing a saved request", () => {
  function editInput(
    owner: Tenant,
    changeId: string,
    version: number,
    overrides: Partial<UpdateChangeRequestInput> = {},
  ): UpdateChangeRequestInput {
    const { customerId: _customerId, ...fields } = requestInput(owner);
    return { changeId, version, ...fields, ...overrides };
  }
  const editAudits = (changeId: string) =>
    db().auditLog.findMany({
      where: { targetId: changeId, action: "change_request.edited" },
      select: { actorId: true, metadata: true },
    });

  it("edits a draft in place: it stays a draft, its version moves on, the audit row says what changed", async () => {
    const owner = await tenant();
    const changeId = await draft(owner);
    const result = await as(owner.consultant, () =>
      updateChangeRequestAction(
        editInput(owner, changeId, 1, {
          justification: "NET-1 fails on it; the auditor asked for it this quarter.",
          windowStart: "2099-01-10T22:00",
          windowEnd: "2099-01-11T01:00",
          windowTimeZone: "Europe/Madrid",
          components: [
            ...requestInput(owner).components!,
            { awsAccountId: owner.account.id, region: "eu-west-1", resourceKind: "", resourceId: "" },
          ],
        }),
      ),
    );
    expect(result.serverError, JSON.stringify(result)).toBeUndefined();
    expect(result.data).toEqual({ changeId, status: "DRAFT", sentBack: false, approvalsWithdrawn: 0 });
    const change = await read(changeId);
    expect(change).toMatchObject({
      status: "DRAFT",
      version: 2,
      justification: "NET-1 fails on it; the auditor asked for it this quarter.",
      windowTimeZone: "Europe/Madrid",
      // 22:00 in Madrid in January (UTC+1) is 21:00 UTC.
      windowStart: new Date("2099-01-10T21:00:00.000Z"),
      windowEnd: new Date("2099-01-11T00:00:00.000Z"),
    });
    expect(change.components.map((component) => component.resourceId)).toEqual([owner.groupId, null]);
    const [audit] = await editAudits(changeId);
    expect(audit?.actorId).toBe(owner.consultant.userId);
    expect(audit?.metadata).toMatchObject({
      status: { from: "DRAFT", to: "DRAFT" },
      changed: {
        justification: {
          from: "NET-1 fails on it; access moves to Session Manager.",
          to: "NET-1 fails on it; the auditor asked for it this quarter.",
        },
        window: { to: "2099-01-10 22:00 Europe/Madrid – 2099-01-11 01:00 Europe/Madrid" },
      },
      components: { added: [`${owner.account.id}|eu-west-1||`], removed: [] },
      approvalsWithdrawn: [],
    });
    expect(Object.keys((audit?.metadata as { changed?: object } | undefined)?.changed ?? {}).sort()).toEqual([
      "justification",
      "window",
    ]);
  });

  it("sends an assessed change with an approval back to draft: the approval is withdrawn, and it is decided again", async () => {
    const owner = await tenant({ collaborative: true });
    const changeId = await assessed(owner);
    await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go ahead." }),
    );
    expect(await read(changeId)).toMatchObject({ status: "ASSESSED", version: 2 });

    const result = await as(owner.consultant, () =>
      updateChangeRequestAction(editInput(owner, changeId, 2, { preliminaryImpact: "SSH sessions in progress drop." })),
    );
    expect(result.data).toEqual({ changeId, status: "DRAFT", sentBack: true, approvalsWithdrawn: 1 });
    const change = await read(changeId);
    expect(change).toMatchObject({ status: "DRAFT", version: 3, assessedAt: null, approvals: [] });
    // The assessment's text is kept to start the re-assessment from.
    expect(change.rollbackPlan).toBe(ASSESSMENT.rollbackPlan);
    const [audit] = await editAudits(changeId);
    expect(audit?.metadata).toMatchObject({
      status: { from: "ASSESSED", to: "DRAFT" },
      assessmentWithdrawn: true,
      approvalsWithdrawn: [{ role: "TECHNICAL_MANAGER", verdict: "APPROVED", approverId: owner.manager.userId }],
    });
    const view = await getChange(owner.manager, owner.customer.id, changeId);
    expect(view.permissions.decision).toBeNull();

    // The old version is stale for the approver too; after re-assessment both decide again.
    expect(
      (
        await as(owner.reviewer, () =>
          decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "On the old text." }),
        )
      ).serverError,
    ).toMatch(/^Approvals and rejections are recorded on an assessed change only/);
    expect(
      (await as(owner.consultant, () => assessChangeAction({ changeId, version: 3, ...ASSESSMENT }))).data,
    ).toEqual({ changeId, rollbackPlan: true });
    await as(owner.manager, () =>
      decideChangeAction({ changeId, version: 4, verdict: "APPROVED", comment: "Again ok." }),
    );
    const last = await as(owner.reviewer, () =>
      decideChangeAction({ changeId, version: 4, verdict: "APPROVED", comment: "Fine by us." }),
    );
    expect(last.data).toMatchObject({ status: "APPROVED" });
  });

  it("refuses bad input at the field, and saves nothing of the edit", async () => {
    const owner = await tenant();
    const other = await tenant();
    const changeId = await draft(owner);
    const before = await read(changeId);
    const backwards = await as(owner.consultant, () =>
      updateChangeRequestAction(
        editInput(owner, changeId, 1, {
          description: "A new description that must not be saved.",
          windowStart: wallClock(5 * HOUR_MS),
          windowEnd: wallClock(4 * HOUR_MS),
        }),
      ),
    );
    expect(backwards.validationErrors?.fieldErrors?.windowEnd?.[0]).toMatch(/^The window must end after it starts/);
    const short = await as(owner.consultant, () =>
      updateChangeRequestAction(editInput(owner, changeId, 1, { justification: "short", windowTimeZone: "Mars/Base" })),
    );
    expect(short.validationErrors?.fieldErrors).toMatchObject({
      justification: ["Describe why the change is needed (at least 10 characters)"],
      windowTimeZone: ["Not a time zone name (e.g. Europe/Madrid or UTC)"],
    });
    const foreign = await as(owner.consultant, () =>
      updateChangeRequestAction(
        editInput(owner, changeId, 1, {
          description: "A new description that must not be saved.",
          components: [{ awsAccountId: other.account.id }],
        }),
      ),
    );
    expect(foreign.serverError).toMatch(/^Account not found/);
    const unknownResource = await as(owner.consultant, () =>
      updateChangeRequestAction(
        editInput(owner, changeId, 1, {
          components: [
            ...requestInput(owner).components!,
            {
              awsAccountId: owner.account.id,
              region: "eu-west-1",
              resourceKind: "security-group",
              resourceId: other.groupId,
            },
          ],
        }),
      ),
    );
    expect(unknownResource.validationErrors?.fieldErrors?.components?.[0]).toMatch(/is not in the collected evidence/);
    const unchanged = await as(owner.consultant, () => updateChangeRequestAction(editInput(owner, changeId, 1)));
    expect(unchanged.serverError).toBe("Nothing was changed, so nothing was saved: the request is as it was.");
    expect(await read(changeId)).toEqual(before);
    expect(await editAudits(changeId)).toEqual([]);
  });

  it("refuses a stale version, an approved change and someone who may not draft", async () => {
    const owner = await tenant();
    const changeId = await assessed(owner);
    const stale = await as(owner.consultant, () =>
      updateChangeRequestAction(editInput(owner, changeId, 1, { title: "Close SSH and RDP on the bastion" })),
    );
    expect(stale.serverError).toMatch(/updated since you opened it \(it is now Assessed\).*Nothing was saved/);
    for (const who of [owner.manager, owner.reviewer]) {
      const refused = await as(who, () =>
        updateChangeRequestAction(editInput(owner, changeId, 2, { title: "Close SSH and RDP on the bastion" })),
      );
      expect(refused.serverError).toBe("You do not have permission to do that.");
    }
    await as(owner.manager, () => decideChangeAction({ changeId, version: 2, verdict: "APPROVED", comment: "Go" }));
    const approved = await as(owner.consultant, () =>
      updateChangeRequestAction(editInput(owner, changeId, 3, { title: "Close SSH and RDP on the bastion" })),
    );
    expect(approved.serverError).toMatch(
      /^Only a change that is not approved yet \(a draft or an assessed change\) can be edited; cancel it and request it again instead\. The change is Approved\./,
    );
    expect(await read(changeId)).toMatchObject({ status: "APPROVED", version: 3, title: "Close SSH on the bastion" });
    expect(await editAudits(changeId)).toEqual([]);
    const form = await getChangeEditForm(owner.consultant, owner.customer.id, changeId);
    expect(form.refusal).toMatch(/^Only a change that is not approved yet/);
  });
});
