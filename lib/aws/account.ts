import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import type { AccountEvidence, AlternateContactEvidence } from "../evidence/account";
import { GLOBAL_REGION, GLOBAL_SCOPE_LABEL, withSessionClient } from "./clients";
import { callAwsAllowingAbsent } from "./errors";
import type { CollectorDefinition } from "./types";

const SERVICE = "account";

/** For the account itself, so no AccountId is sent (api-map §6: other accounts need the management account). */
export async function getAlternateContact(
  client: AccountClient,
  alternateContactType: "SECURITY" | "BILLING" | "OPERATIONS",
): Promise<AlternateContactEvidence | null> {
  const response = await callAwsAllowingAbsent(
    { service: SERVICE, operation: "GetAlternateContact", region: GLOBAL_REGION },
    ["ResourceNotFoundException"],
    () => client.send(new GetAlternateContactCommand({ AlternateContactType: alternateContactType })),
  );
  const contact = response?.AlternateContact;
  if (!contact) return null;
  return {
    name: contact.Name ?? null,
    title: contact.Title ?? null,
    emailAddress: contact.EmailAddress ?? null,
    phoneNumber: contact.PhoneNumber ?? null,
  };
}

export const accountCollector: CollectorDefinition<AccountEvidence> = {
  key: "account",
  service: SERVICE,
  scope: "global",
  async collect(session) {
    const securityContact = await withSessionClient(AccountClient, session, GLOBAL_SCOPE_LABEL, (client) =>
      getAlternateContact(client, "SECURITY"),
    );
    return { evidence: { securityContact }, itemCount: securityContact ? 1 : 0 };
  },
};
