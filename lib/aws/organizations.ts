import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { GLOBAL_REGION, GLOBAL_SCOPE_LABEL, withSessionClient } from "./clients";
import { callAwsAllowingAbsent } from "./errors";
import type { CollectorDefinition } from "./types";

const SERVICE = "organizations";

export interface OrganizationsEvidence {
  /** false = AWSOrganizationsNotInUseException: the account is in no organization (GOV-3 fails). */
  inOrganization: boolean;
  organizationId: string | null;
  organizationArn: string | null;
  /** ALL or CONSOLIDATED_BILLING (GOV-3 needs ALL). */
  featureSet: string | null;
  managementAccountId: string | null;
  /** The management account is NOT_APPLICABLE for GOV-3: SCPs never apply to it. */
  isManagementAccount: boolean;
}

export async function describeOrganization(
  client: OrganizationsClient,
  accountNumber: string,
): Promise<OrganizationsEvidence> {
  const response = await callAwsAllowingAbsent(
    { service: SERVICE, operation: "DescribeOrganization", region: GLOBAL_REGION },
    ["AWSOrganizationsNotInUseException"],
    () => client.send(new DescribeOrganizationCommand({})),
  );
  const organization = response?.Organization;
  if (!organization) {
    return {
      inOrganization: false,
      organizationId: null,
      organizationArn: null,
      featureSet: null,
      managementAccountId: null,
      isManagementAccount: false,
    };
  }
  return {
    inOrganization: true,
    organizationId: organization.Id ?? null,
    organizationArn: organization.Arn ?? null,
    featureSet: organization.FeatureSet ?? null,
    managementAccountId: organization.MasterAccountId ?? null,
    isManagementAccount: organization.MasterAccountId === accountNumber,
  };
}

export const organizationsCollector: CollectorDefinition<OrganizationsEvidence> = {
  key: "organizations",
  service: SERVICE,
  scope: "global",
  async collect(session) {
    const evidence = await withSessionClient(OrganizationsClient, session, GLOBAL_SCOPE_LABEL, (client) =>
      describeOrganization(client, session.accountNumber),
    );
    return { evidence, itemCount: evidence.inOrganization ? 1 : 0 };
  },
};
