import type { IsolationWorld } from "./isolation-world";

// Shared by the Vitest suite (lib/actions/isolation.integration.test.ts, which calls each action
// directly) and the Playwright suite (e2e/isolation.spec.ts, which posts to it over HTTP like a browser).

/** Forged inputs per action: otherwise valid, so the only thing standing between them and B is scope. */
export const ACTION_CASES: Record<string, (world: IsolationWorld) => unknown[]> = {
  requestEvidencePackAction: ({ own, victim }) => [
    { customerId: victim.customerId },
    { customerId: victim.customerId, asOf: "", from: "2026-07-01", to: "2026-09-30" },
    { customerId: `${own.customerId}' OR '1'='1` },
  ],
  requestSyncAction: ({ victim }) => [{ customerId: victim.customerId }, { awsAccountId: victim.accountId }],
  createCustomerAction: () => [{ name: "Attacker Created Customer", emailDomains: "" }],
  createAwsAccountAction: ({ victim }) => [
    {
      customerId: victim.customerId,
      accountNumber: "999988887777",
      alias: "evil",
      roleArn: "arn:aws:iam::999988887777:role/RampartAudit",
      regions: ["us-east-1"],
      environment: "PRODUCTION",
    },
  ],
  testAccountConnectionAction: ({ victim }) => [{ awsAccountId: victim.accountId }],
  rotateExternalIdAction: ({ victim }) => [{ customerId: victim.customerId }],
  adoptExistingExternalIdAction: ({ victim }) => [
    { customerId: victim.customerId, externalId: "attacker-chosen-external-id-0123456789" },
  ],
  addOrganizationAccountsAction: ({ victim, own }) => [
    {
      customerId: victim.customerId,
      readerAccountId: victim.accountId,
      accountNumbers: ["999988887776"],
      regions: ["us-east-1"],
    },
    // Own customer, the victim's account as the organization reader.
    {
      customerId: own.customerId,
      readerAccountId: victim.accountId,
      accountNumbers: ["999988887776"],
      regions: ["us-east-1"],
    },
  ],
  // Managing what was created (Settings): B's customer and account, edited and retired.
  updateCustomerAction: ({ victim }) => [
    { customerId: victim.customerId, name: "Attacker Renamed Customer", emailDomains: "evil.example" },
  ],
  retireCustomerAction: ({ victim }) => [{ customerId: victim.customerId, confirmName: victim.name }],
  updateAwsAccountAction: ({ victim }) => [
    {
      awsAccountId: victim.accountId,
      alias: "evil",
      roleArn: `arn:aws:iam::${victim.accountNumber}:role/Evil`,
      regions: ["us-east-1"],
      environment: "SANDBOX",
    },
  ],
  retireAwsAccountAction: ({ victim }) => [{ awsAccountId: victim.accountId }],
  // Assignments (administrators only): a consultant assigning itself to B, a customer user to B.
  updateAssignmentsAction: ({ victim, own }) => [
    { userId: victim.userId, customerIds: [victim.customerId] },
    { userId: victim.userId, customerIds: [own.customerId, victim.customerId] },
  ],
  inviteUserAction: ({ victim }) => [
    { email: "mallory@evil.example", role: "CUSTOMER_VIEWER", customerId: victim.customerId },
    { email: "mallory2@evil.example", role: "ADMIN" },
  ],
  revokeInvitationAction: ({ victim }) => [{ invitationId: victim.invitationId }],
  deactivateUserAction: ({ victim }) => [{ userId: victim.userId }],
  reactivateUserAction: ({ victim }) => [{ userId: victim.userId }],
  unlockSignInAction: ({ victim }) => [{ userId: victim.userId }],
  resetUserMfaAction: ({ victim }) => [{ userId: victim.userId }],
  changeUserRoleAction: ({ victim, own }) => [
    { userId: victim.userId, role: "CUSTOMER_VIEWER", customerId: own.customerId },
    { userId: victim.userId, role: "ADMIN" },
  ],
  // Control records: B's customer and account ids, and A's customer with B's account (the mixed pair).
  recordAttestationAction: ({ own, victim }) => [
    { customerId: victim.customerId, controlId: "ROOT-6", note: "Forged attestation", validUntil: dayFromNow(30) },
    {
      customerId: victim.customerId,
      controlId: "ROOT-6",
      awsAccountId: victim.accountId,
      note: "Forged attestation",
      validUntil: dayFromNow(30),
    },
    {
      customerId: own.customerId,
      controlId: "ROOT-6",
      awsAccountId: victim.accountId,
      note: "Forged attestation",
      validUntil: dayFromNow(30),
    },
  ],
  suppressControlAction: ({ own, victim }) => [
    {
      customerId: victim.customerId,
      controlId: "ROOT-1",
      reason: "Forged suppression of B",
      expiresAt: dayFromNow(30),
    },
    {
      customerId: own.customerId,
      awsAccountId: victim.accountId,
      controlId: "ROOT-1",
      reason: "Forged suppression of B",
      expiresAt: dayFromNow(30),
    },
  ],
  // The world has no suppression of B; ids of B's other records stand in (the action's own integration test
  // revokes a real suppression of B).
  revokeSuppressionAction: ({ victim }) => [{ suppressionId: victim.alertId }, { suppressionId: victim.reviewId }],
  acknowledgeEndpointAction: ({ victim }) => [
    { awsAccountId: victim.accountId, endpointKey: "instance:i-0123456789abcdef0" },
    { awsAccountId: victim.accountId, endpointKey: "eip:eipalloc-0123456789abcdef0", note: "forged" },
  ],
  recordAlertReviewAction: ({ victim }) => [{ customerId: victim.customerId, note: "Forged alert review" }],
  // Alert triage: B's alert alone, and A's alert with B's in one bulk request (refused as a whole).
  changeAlertStatusAction: ({ victim }) => [
    { alertId: victim.alertId, to: "ACKNOWLEDGED" },
    { alertId: victim.alertId, to: "RESOLVED", note: "Forged resolution" },
  ],
  assignAlertAction: ({ victim }) => [
    { alertId: victim.alertId, assigneeId: null },
    { alertId: victim.alertId, assigneeId: victim.userId },
  ],
  commentOnAlertAction: ({ victim }) => [{ alertId: victim.alertId, body: "Forged comment" }],
  suppressAlertAction: ({ victim }) => [
    { alertId: victim.alertId, reason: "Forged suppression of B", expiresAt: dayFromNow(30) },
  ],
  bulkAlertAction: ({ own, victim }) => [
    { operation: "acknowledge", alertIds: [victim.alertId] },
    { operation: "acknowledge", alertIds: [own.alertId, victim.alertId] },
    { operation: "assign", alertIds: [own.alertId, victim.alertId], assigneeId: null },
    {
      operation: "suppress",
      alertIds: [own.alertId, victim.alertId],
      reason: "Forged suppression of B",
      expiresAt: dayFromNow(30),
    },
  ],
  updateAlertSlaAction: ({ victim }) => [{ customerId: victim.customerId, critical: 12 }],
  updateControlParametersAction: ({ victim }) => [
    { customerId: victim.customerId, corporateEmailDomains: "evil.example", minimumPasswordLength: "6" },
  ],
  // Access reviews: B's customer, B's account under A's customer (the mixed pair), and B's campaign. The world's
  // campaigns hold no items, so B's campaign id stands in for an item id (the action's integration test decides on
  // real items of another customer).
  startAccessReviewAction: ({ own, victim }) => [
    { customerId: victim.customerId, period: "2026-Q4", dueAt: dayFromNow(14), reviewerIds: [victim.userId] },
    {
      customerId: own.customerId,
      accountIds: [victim.accountId],
      period: "2026-Q4",
      dueAt: dayFromNow(14),
      reviewerIds: [victim.userId],
    },
  ],
  decideAccessReviewItemAction: ({ victim }) => [
    { reviewId: victim.reviewId, itemId: victim.reviewId, version: 1, decision: "REVOKE" },
    {
      reviewId: victim.reviewId,
      itemId: victim.reviewId,
      version: 1,
      decision: "KEEP",
      justification: "Forged decision on B",
    },
  ],
  decideAccessReviewItemsAction: ({ victim }) => [
    { reviewId: victim.reviewId, items: [{ itemId: victim.reviewId, version: 1 }], decision: "REVOKE" },
  ],
  signOffAccessReviewAction: ({ victim }) => [{ reviewId: victim.reviewId }],
  endAccessReviewAction: ({ victim }) => [
    { reviewId: victim.reviewId, undecided: "KEEP", reason: "Forged early end of B's review" },
  ],
  // Change management (issue 15): B's customer, B's account under A's customer (the mixed pair), B's change.
  createChangeRequestAction: ({ own, victim }) => [
    changeRequest(victim.customerId, victim.accountId),
    changeRequest(own.customerId, victim.accountId),
  ],
  // Editing a saved request: B's change (with B's or A's account), and A's own change given B's account.
  updateChangeRequestAction: ({ own, victim }) => [
    { changeId: victim.changeId, version: 2, ...changeEdit(victim.accountId) },
    { changeId: victim.changeId, version: 2, ...changeEdit(own.accountId) },
    { changeId: own.changeId, version: 2, ...changeEdit(victim.accountId) },
  ],
  assessChangeAction: ({ victim }) => [
    {
      changeId: victim.changeId,
      version: 2,
      impactAvailability: "Forged",
      impactSecurity: "Forged",
      impactPerformance: "Forged",
      viability: "Forged viability",
      needsMaintenanceWindow: "no",
      executionPlan: "Forged execution plan",
      rollbackPlan: "Forged rollback plan",
    },
  ],
  decideChangeAction: ({ victim }) => [
    { changeId: victim.changeId, version: 2, verdict: "APPROVED", comment: "Forged approval" },
    { changeId: victim.changeId, version: 2, verdict: "REJECTED", comment: "Forged rejection of B's change" },
  ],
  startChangeAction: ({ victim }) => [{ changeId: victim.changeId, version: 2 }],
  validateChangeAction: ({ victim }) => [
    {
      changeId: victim.changeId,
      version: 2,
      rollbackInvoked: "no",
      servicesChecked: "Forged",
      stabilityObserved: "Forged",
    },
  ],
  closeChangeAction: ({ victim }) => [
    { changeId: victim.changeId, version: 2, outcome: "SUCCESSFUL", finalResult: "Forged final result" },
  ],
  cancelChangeAction: ({ victim }) => [{ changeId: victim.changeId, version: 2, reason: "Forged cancellation of B" }],
  // Public: the token is the capability. A guessed token must not reveal or create anything.
  acceptInvitationAction: () => [
    {
      token: "A".repeat(43),
      name: "Mallory",
      password: "a long good passphrase",
      passwordConfirmation: "a long good passphrase",
    },
  ],
};

/**
 * Actions on the caller's own account only (setting up one's own second factor, ADR 015): they take no id,
 * so there is nothing of B to refuse. An attacker naming B's user anyway must get back nothing of B and
 * change nothing of B (no second factor for B appears); the suites check exactly that.
 */
export const OWN_ACCOUNT_ACTION_CASES: Record<string, (world: IsolationWorld) => unknown[]> = {
  startMfaEnrolmentAction: ({ victim }) => [
    { userId: victim.userId },
    { userId: victim.userId, customerId: victim.customerId },
  ],
  confirmMfaEnrolmentAction: ({ victim }) => [{ code: "000000", userId: victim.userId }],
};

/** An otherwise valid change request for `customerId` touching `accountId`. */
function changeRequest(customerId: string, accountId: string) {
  const wallClock = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16);
  return {
    customerId,
    title: "Forged change",
    description: "A change forged by the isolation suite.",
    justification: "None: this is an attack.",
    preliminaryImpact: "None.",
    windowStart: wallClock(24),
    windowEnd: wallClock(26),
    windowTimeZone: "UTC",
    responsibleRole: "Attacker",
    responsibleName: "Mallory",
    components: [{ awsAccountId: accountId }],
  };
}

function changeEdit(accountId: string) {
  const { customerId: _customerId, ...fields } = changeRequest("", accountId);
  return fields;
}

/** YYYY-MM-DD `days` from today (UTC), for inputs that must be dated in the future. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The user-safe answers that mean "refused": out of scope, missing permission, or a dead invitation link. */
export function isActionRefusal(serverError: string | undefined): boolean {
  return (
    serverError === "Not found" ||
    serverError === "Customer not found" ||
    serverError === "Account not found" ||
    serverError === "Suppression not found" ||
    serverError === "Access review not found" ||
    serverError === "Change request not found" ||
    /^Account not found/.test(serverError ?? "") ||
    /^Alert not found/.test(serverError ?? "") ||
    serverError === "You do not have permission to do that." ||
    /no longer valid/.test(serverError ?? "")
  );
}
