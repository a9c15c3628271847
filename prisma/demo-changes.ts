import { DAY_MS } from "../lib/dates";
import type { PrismaClient } from "../lib/db/generated/client";

// Bluefin's ICR log in the demo (issue 15): recent changes under SOP 000 §11, requested by the consultant,
// approved by the technical manager and — Bluefin's environment is managed collaboratively — by Bluefin's
// reviewer, run in their windows, validated and closed; one was rolled back; the next one is approved and
// waiting for its window. Resources are those of the simulator's Bluefin estates. Dates are relative to the
// day the demo starts.

const HOUR = 3_600_000;

interface DemoChange {
  title: string;
  description: string;
  justification: string;
  preliminaryImpact: string;
  account: string;
  component: { region: string; resourceKind: string; resourceId: string };
  windowDaysAgo: number;
  executionPlan: string;
  rollbackPlan: string;
  /** Absent: approved, waiting for its window. */
  result?: {
    rollbackInvoked: boolean;
    servicesChecked: string;
    stabilityObserved: string;
    observations?: string;
    outcome: "SUCCESSFUL" | "ROLLED_BACK";
    finalResult: string;
  };
}

const BLUEFIN_CHANGES: DemoChange[] = [
  {
    title: "Restrict SSH on admin-from-jumpbox to the jumpbox subnet",
    description:
      "Replace the 22/tcp rule of admin-from-jumpbox by one allowing only 10.20.0.0/24 (the jumpbox subnet).",
    justification: "First access review: SSH was reachable from the whole VPC range.",
    preliminaryImpact: "Administrators connect through the jumpbox only.",
    account: "314159265358",
    component: { region: "us-east-1", resourceKind: "security-group", resourceId: "sg-0b1f0a0000000103" },
    windowDaysAgo: 62,
    executionPlan:
      "1. Export the current rules. 2. Replace the 22/tcp source by 10.20.0.0/24. 3. Test SSH from the jumpbox.",
    rollbackPlan: "Re-apply the exported rules with the AWS CLI (authorize-security-group-ingress).",
    result: {
      rollbackInvoked: false,
      servicesChecked: "SSH from the jumpbox to every admin host; ALB health checks.",
      stabilityObserved: "No failed connection in the 24 hours after the change.",
      outcome: "SUCCESSFUL",
      finalResult: "SSH reachable from the jumpbox subnet only.",
    },
  },
  {
    title: "Rotate the access key of ben.deploy",
    description:
      "Create a second access key for ben.deploy, switch the deployment pipeline to it, deactivate then delete the old one.",
    justification: "The key was older than 90 days (IAM-7).",
    preliminaryImpact: "Deployments may fail for a few minutes if the pipeline still uses the old key.",
    account: "314159265358",
    component: { region: "global", resourceKind: "iam-user", resourceId: "ben.deploy" },
    windowDaysAgo: 40,
    executionPlan:
      "1. Create the new key. 2. Update the pipeline secret. 3. Deploy once. 4. Deactivate, then delete the old key.",
    rollbackPlan: "Reactivate the old key (kept inactive for 7 days) and restore the previous pipeline secret.",
    result: {
      rollbackInvoked: false,
      servicesChecked: "Two deployments to staging and one to production.",
      stabilityObserved: "No authentication error in CloudTrail for a week.",
      outcome: "SUCCESSFUL",
      finalResult: "New key in use; old key deleted after 7 days.",
    },
  },
  {
    title: "Allow the api security group from the ALB only",
    description:
      "Replace the 8443/tcp rule of the api security group by one referencing the load balancer's security group.",
    justification: "Defence in depth: the api should only be reachable from the load balancer.",
    preliminaryImpact: "None expected if the ALB's group is referenced correctly.",
    account: "314159265358",
    component: { region: "eu-west-1", resourceKind: "security-group", resourceId: "sg-0b1f0a0000000202" },
    windowDaysAgo: 24,
    executionPlan:
      "1. Export the rules. 2. Replace the 8443/tcp source. 3. Watch the target group health for 30 minutes.",
    rollbackPlan: "Re-apply the exported rules; the target group recovers within two health-check intervals.",
    result: {
      rollbackInvoked: true,
      servicesChecked: "Target group health of the api in eu-west-1.",
      stabilityObserved: "Targets unhealthy 4 minutes after the change; healthy again 2 minutes after the rollback.",
      observations: "The eu-west-1 load balancer uses a different security group than documented; to be fixed first.",
      outcome: "ROLLED_BACK",
      finalResult:
        "Rolled back: the referenced group was wrong. A new request follows once the inventory is corrected.",
    },
  },
  {
    title: "Enable MFA delete on the CloudTrail archive bucket",
    description: "Enable MFA delete on bluefin-cloudtrail-archive, the bucket the log-archive trail delivers to.",
    justification: "TRAIL-7: log files must not be deletable without MFA.",
    preliminaryImpact: "Deleting object versions needs the root user's MFA from now on.",
    account: "314159265360",
    component: { region: "us-east-1", resourceKind: "bucket", resourceId: "bluefin-cloudtrail-archive" },
    windowDaysAgo: 9,
    executionPlan:
      "1. Sign in as root with MFA. 2. Enable MFA delete with put-bucket-versioning. 3. Check the setting.",
    rollbackPlan: "Disable MFA delete with the same call (root with MFA).",
    result: {
      rollbackInvoked: false,
      servicesChecked: "Trail delivery to the bucket; lifecycle rules still apply.",
      stabilityObserved: "Log files delivered every 5 minutes since.",
      outcome: "SUCCESSFUL",
      finalResult: "MFA delete enabled; trail delivery unaffected.",
    },
  },
  {
    title: "Add a yearly rule to the bluefin-prod-standard backup plan",
    description: "Add a yearly backup rule with 7-year retention to bluefin-prod-standard.",
    justification: "BAK-2: the customer's retention policy asks for yearly backups.",
    preliminaryImpact: "Storage cost grows by about 2% a year.",
    account: "314159265358",
    component: { region: "us-east-1", resourceKind: "backup-plan", resourceId: "bluefin-prod-standard" },
    windowDaysAgo: -3,
    executionPlan: "1. Add the yearly rule. 2. Check the plan's rules. 3. Check the first yearly job next January.",
    rollbackPlan: "Delete the yearly rule; existing recovery points stay until their retention ends.",
  },
];

export async function seedDemoChanges(
  client: PrismaClient,
  customerIdsBySlug: ReadonlyMap<string, string>,
  users: { consultantId: string; managerId: string; reviewerId: string },
  now = new Date(),
): Promise<void> {
  const customerId = customerIdsBySlug.get("bluefin-logistics");
  if (!customerId) return;
  const customer = await client.customer.findUniqueOrThrow({ where: { id: customerId }, select: { settings: true } });
  const settings = (customer.settings ?? {}) as Record<string, unknown>;
  await client.customer.update({
    where: { id: customerId },
    data: { settings: { ...settings, changeManagement: { collaborative: true } } },
  });
  const accounts = await client.awsAccount.findMany({
    where: { customerId },
    select: { id: true, accountNumber: true },
  });
  const accountId = new Map(accounts.map((account) => [account.accountNumber, account.id]));
  let number = 0;
  for (const spec of BLUEFIN_CHANGES) {
    const awsAccountId = accountId.get(spec.account);
    if (!awsAccountId) continue;
    number += 1;
    const windowStart = new Date(now.getTime() - spec.windowDaysAgo * DAY_MS);
    const requestedAt = new Date(windowStart.getTime() - 7 * DAY_MS);
    const assessedAt = new Date(requestedAt.getTime() + DAY_MS);
    const approvedAt = new Date(assessedAt.getTime() + DAY_MS);
    const result = spec.result;
    await client.changeRequest.create({
      data: {
        customerId,
        number,
        title: spec.title,
        description: spec.description,
        justification: spec.justification,
        preliminaryImpact: spec.preliminaryImpact,
        windowStart,
        windowEnd: new Date(windowStart.getTime() + 2 * HOUR),
        windowTimeZone: "Europe/Madrid",
        responsibleRole: "Cloud consultant",
        responsibleName: "Carlos Consultant",
        status: result ? "CLOSED" : "APPROVED",
        requestedById: users.consultantId,
        impactAvailability: "Low: done in the Sunday maintenance window.",
        impactSecurity: "Improves the control named in the justification.",
        impactPerformance: "None.",
        viability: "Viable; done before in staging.",
        needsMaintenanceWindow: true,
        executionPlan: spec.executionPlan,
        rollbackPlan: spec.rollbackPlan,
        assessedAt,
        ...(result
          ? {
              startedAt: new Date(windowStart.getTime() + 10 * 60_000),
              rollbackInvoked: result.rollbackInvoked,
              servicesChecked: result.servicesChecked,
              stabilityObserved: result.stabilityObserved,
              observations: result.observations ?? null,
              outcome: result.outcome,
              finalResult: result.finalResult,
              validatedAt: new Date(windowStart.getTime() + 90 * 60_000),
              closedAt: new Date(windowStart.getTime() + DAY_MS),
            }
          : {}),
        version: result ? 6 : 3,
        createdAt: requestedAt,
        components: { create: [{ awsAccountId, ...spec.component }] },
        approvals: {
          create: [
            {
              role: "TECHNICAL_MANAGER",
              verdict: "APPROVED",
              approverId: users.managerId,
              comment: "Rollback plan checked; go ahead in the window.",
              createdAt: approvedAt,
            },
            {
              role: "CUSTOMER",
              verdict: "APPROVED",
              approverId: users.reviewerId,
              comment: "Approved for Bluefin.",
              createdAt: new Date(approvedAt.getTime() + 2 * HOUR),
            },
          ],
        },
      },
    });
  }
}
