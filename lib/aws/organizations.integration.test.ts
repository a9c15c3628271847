import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorHandle } from "@/simulator/server";
import { fullEstate, openAuditSession, startSimulatorForAws } from "@/test/support/simulator-harness";
import {
  formatOrganizationPath,
  type OrganizationsEvidence,
  organizationPathOf,
  policiesAlongPath,
} from "../evidence/organization-tree";
import { getCollector } from "./collectors";
import { AwsCallError } from "./errors";
import type { RegionsEvidence } from "./regions";

// The organizations and regions collectors through real SDK clients over HTTP against the simulator:
// the management account reads the tree (paginated past 20 accounts), a delegated administrator too, a
// plain member is denied (no tree, no gap), an account outside any organization has none.
const MANAGEMENT = "111111111111";
const MEMBER = "210987654321";
const DELEGATED = "210987654323";
const OUTSIDE = "210987654324";
const ORGANIZATION = {
  id: "o-abcdefghij",
  managementAccountId: MANAGEMENT,
  managementAccountEmail: "aws@bluefin.example",
};
const GUARDRAILS = {
  id: "p-guardrails01",
  name: "guardrails",
  document: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }],
  },
};
const sandboxAccounts = Array.from({ length: 23 }, (_, index) => ({
  id: `3000000000${String(index).padStart(2, "0")}`,
  name: `sandbox-${index}`,
  email: `sandbox-${index}@bluefin.example`,
}));

let simulator: SimulatorHandle;

beforeAll(async () => {
  simulator = await startSimulatorForAws([
    fullEstate(MANAGEMENT, {
      organization: {
        ...ORGANIZATION,
        policies: [GUARDRAILS],
        delegatedAdministrators: [DELEGATED],
        root: {
          id: "r-ab12",
          accounts: [{ id: MANAGEMENT, name: "management", email: "aws@bluefin.example" }],
          organizationalUnits: [
            {
              id: "ou-ab12-workload1",
              name: "Workloads",
              policies: ["p-FullAWSAccess", "p-guardrails01"],
              organizationalUnits: [
                {
                  id: "ou-ab12-producti1",
                  name: "Production",
                  accounts: [
                    {
                      id: MEMBER,
                      name: "prod",
                      email: "prod@bluefin.example",
                      joined: "-30d",
                      joinedMethod: "INVITED",
                    },
                  ],
                },
              ],
            },
            {
              id: "ou-ab12-sandbox01",
              name: "Sandbox",
              accounts: [
                ...sandboxAccounts,
                { id: DELEGATED, name: "security", email: "security@bluefin.example", status: "SUSPENDED" },
              ],
            },
          ],
        },
      },
    }),
    fullEstate(MEMBER, { organization: ORGANIZATION }),
    fullEstate(DELEGATED, { organization: ORGANIZATION }),
    fullEstate(OUTSIDE, {
      organization: null,
      ec2: {
        optedInRegions: ["af-south-1"],
        instances: [{ id: "i-0a1b2c3d4e5f60001", region: "ap-south-1" }],
        vpcs: [
          { id: "vpc-0d0d0d0d", region: "ca-central-1", isDefault: true },
          { id: "vpc-0e0e0e0e", region: "af-south-1" },
        ],
      },
    }),
  ]);
});

afterAll(async () => {
  await simulator?.close();
});

async function collect(accountId: string) {
  const session = await openAuditSession(accountId, ["us-east-1"], { clientOptions: { maxAttempts: 1 } });
  return (await getCollector("organizations").collect(session, "global")) as {
    evidence: OrganizationsEvidence;
    failedCalls?: unknown[];
  };
}

async function collectOrganizations(accountId: string): Promise<OrganizationsEvidence> {
  const session = await openAuditSession(accountId, ["us-east-1"]);
  return (await getCollector("organizations").collect(session, "global")).evidence as OrganizationsEvidence;
}

describe("organizations collector", () => {
  it("reads the tree from the management account: accounts past one page, OU paths, SCPs with documents", async () => {
    const evidence = await collectOrganizations(MANAGEMENT);
    expect(evidence.isManagementAccount).toBe(true);
    const structure = evidence.structure!;
    expect(structure.rootId).toBe("r-ab12");
    expect(structure.accounts).toHaveLength(26);
    expect(structure.accounts.find((account) => account.accountId === MEMBER)).toMatchObject({
      name: "prod",
      email: "prod@bluefin.example",
      status: "ACTIVE",
      joinedMethod: "INVITED",
      parentId: "ou-ab12-producti1",
    });
    expect(structure.accounts.find((account) => account.accountId === DELEGATED)?.status).toBe("SUSPENDED");
    expect(formatOrganizationPath(organizationPathOf(structure, MEMBER)!)).toBe("Root / Workloads / Production");
    expect(formatOrganizationPath(organizationPathOf(structure, MANAGEMENT)!)).toBe("Root");
    expect(policiesAlongPath(structure, MEMBER).map((policy) => `${policy.targetName}:${policy.policyName}`)).toEqual([
      "Root:FullAWSAccess",
      "Workloads:FullAWSAccess",
      "Workloads:guardrails",
      "Production:FullAWSAccess",
      "prod:FullAWSAccess",
    ]);
    const guardrails = structure.policies.find((policy) => policy.id === "p-guardrails01");
    expect(guardrails).toMatchObject({ name: "guardrails", awsManaged: false });
    expect(JSON.parse(guardrails!.content!).Statement[0].Effect).toBe("Deny");
  });

  it("reads the tree from a delegated administrator", async () => {
    const evidence = await collectOrganizations(DELEGATED);
    expect(evidence.isManagementAccount).toBe(false);
    expect(evidence.structure?.accounts).toHaveLength(26);
  });

  it("a plain member is denied the tree: no structure, and no gap", async () => {
    const evidence = await collectOrganizations(MEMBER);
    expect(evidence).toMatchObject({ inOrganization: true, managementAccountId: MANAGEMENT, structure: null });
  });

  it("an account in no organization has no structure", async () => {
    const evidence = await collectOrganizations(OUTSIDE);
    expect(evidence).toMatchObject({ inOrganization: false, structure: null });
  });

  // Per-call evidence (issue 12 item 1): the account's own DescribeOrganization answered, so its evidence is
  // kept and the tree's failed call is named (GOV-3 of the members then reads UNKNOWN naming it).
  it("the management account denied the tree (its role lacks organizations:List*) is a named failed call", async () => {
    simulator.setFaults([
      { kind: "accessDenied", service: "organizations", operation: "ListRoots", accountId: MANAGEMENT },
    ]);
    try {
      const { evidence, failedCalls } = await collect(MANAGEMENT);
      expect(evidence).toMatchObject({ inOrganization: true, isManagementAccount: true, structure: null });
      expect(failedCalls).toEqual([
        expect.objectContaining({
          service: "organizations",
          operation: "ListRoots",
          code: "AccessDeniedException",
          httpStatus: 400,
        }),
      ]);
    } finally {
      simulator.clearFaults();
    }
  });

  it("one failed read of the tree keeps the rest of it and is named", async () => {
    simulator.setFaults([
      { kind: "serverError", status: 503, service: "organizations", operation: "ListAccounts", accountId: MANAGEMENT },
    ]);
    try {
      const { evidence, failedCalls } = await collect(MANAGEMENT);
      expect(failedCalls).toEqual([
        expect.objectContaining({ service: "organizations", operation: "ListAccounts", httpStatus: 503 }),
      ]);
      expect(evidence.structure?.rootId).toBe("r-ab12");
      expect(evidence.structure?.accounts).toEqual([]);
      expect(evidence.structure?.organizationalUnits.map((unit) => unit.name)).toContain("Production");
      expect(evidence.structure?.policies.find((policy) => policy.id === "p-guardrails01")).toBeDefined();
    } finally {
      simulator.clearFaults();
    }
  });

  it("a failed DescribeOrganization fails the collector: nothing else could be asked", async () => {
    simulator.setFaults([
      { kind: "accessDenied", service: "organizations", operation: "DescribeOrganization", accountId: MEMBER },
    ]);
    try {
      const error = await collectOrganizations(MEMBER).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AwsCallError);
      expect(error).toMatchObject({ operation: "DescribeOrganization", awsErrorCode: "AccessDeniedException" });
    } finally {
      simulator.clearFaults();
    }
  });
});

describe("regions collector", () => {
  it("reads every region's opt-in status and sweeps enabled, unconfigured regions for resources", async () => {
    const session = await openAuditSession(OUTSIDE, ["us-east-1", "eu-west-1"]);
    const { evidence } = (await getCollector("regions").collect(session, "global")) as { evidence: RegionsEvidence };
    const status = Object.fromEntries(evidence.regions.map((region) => [region.regionName, region.optInStatus]));
    expect(status).toMatchObject({
      "us-east-1": "opt-in-not-required",
      "af-south-1": "opted-in",
      "me-south-1": "not-opted-in",
    });
    const swept = evidence.sweeps.map((sweep) => sweep.region);
    expect(swept).toContain("af-south-1");
    expect(swept).not.toContain("me-south-1");
    expect(swept).not.toContain("us-east-1");
    const withResources = evidence.sweeps
      .filter((sweep) => sweep.instanceIds.length + sweep.vpcIds.length > 0)
      .sort((first, second) => first.region.localeCompare(second.region));
    // ca-central-1 holds only a default VPC, which says nothing.
    expect(withResources).toEqual([
      { region: "af-south-1", instanceIds: [], vpcIds: ["vpc-0e0e0e0e"] },
      { region: "ap-south-1", instanceIds: ["i-0a1b2c3d4e5f60001"], vpcIds: [] },
    ]);
  });

  it("a failed sweep read is named; the other regions' sweeps and the region list are kept", async () => {
    simulator.setFaults([
      { kind: "serverError", status: 503, service: "ec2", operation: "DescribeVpcs", region: "af-south-1" },
    ]);
    try {
      const session = await openAuditSession(OUTSIDE, ["us-east-1", "eu-west-1"], {
        clientOptions: { maxAttempts: 1 },
      });
      const { evidence, failedCalls } = (await getCollector("regions").collect(session, "global")) as {
        evidence: RegionsEvidence;
        failedCalls?: unknown[];
      };
      expect(failedCalls).toEqual([
        expect.objectContaining({ service: "ec2", operation: "DescribeVpcs", region: "af-south-1", httpStatus: 503 }),
      ]);
      expect(evidence.regions.length).toBeGreaterThan(3);
      expect(evidence.sweeps.find((sweep) => sweep.region === "ap-south-1")?.instanceIds).toEqual([
        "i-0a1b2c3d4e5f60001",
      ]);
      // DescribeInstances answered there: af-south-1 is still swept, its VPC list a placeholder.
      expect(evidence.sweeps.find((sweep) => sweep.region === "af-south-1")).toEqual({
        region: "af-south-1",
        instanceIds: [],
        vpcIds: [],
      });
    } finally {
      simulator.clearFaults();
    }
  });
});
