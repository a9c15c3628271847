import type { IsolationWorld } from "./isolation-world";

// Shared by the Vitest suite (lib/actions/isolation.integration.test.ts, which calls each action
// directly) and the Playwright suite (e2e/isolation.spec.ts, which posts to it over HTTP like a browser).

/** Forged inputs per action: otherwise valid, so the only thing standing between them and B is scope. */
export const ACTION_CASES: Record<string, (world: IsolationWorld) => unknown[]> = {
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
  inviteUserAction: ({ victim }) => [
    { email: "mallory@evil.example", role: "CUSTOMER_VIEWER", customerId: victim.customerId },
    { email: "mallory2@evil.example", role: "ADMIN" },
  ],
  revokeInvitationAction: ({ victim }) => [{ invitationId: victim.invitationId }],
  deactivateUserAction: ({ victim }) => [{ userId: victim.userId }],
  reactivateUserAction: ({ victim }) => [{ userId: victim.userId }],
  changeUserRoleAction: ({ victim, own }) => [
    { userId: victim.userId, role: "CUSTOMER_VIEWER", customerId: own.customerId },
    { userId: victim.userId, role: "ADMIN" },
  ],
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

/** The user-safe answers that mean "refused": out of scope, missing permission, or a dead invitation link. */
export function isActionRefusal(serverError: string | undefined): boolean {
  return (
    serverError === "Not found" ||
    serverError === "Customer not found" ||
    serverError === "You do not have permission to do that." ||
    /no longer valid/.test(serverError ?? "")
  );
}
