import { z } from "zod";
import { accountNumberSchema } from "@/lib/aws/sts";
import { STACKSET_ROLE_NAME } from "@/lib/customers/audit-role";
import { ENVIRONMENTS } from "@/lib/customers/environments";
import { regionsSchema } from "./customer-schemas";

// Adding an organization's member accounts in one step: which accounts, the audit role's name (the
// StackSet deploys the same name everywhere, RampartAudit by default) and the regions to collect.

export const addOrganizationAccountsSchema = z.object({
  customerId: z.string().min(1),
  /** The connected account that reads the organization (its management account or a delegated administrator). */
  readerAccountId: z.string().min(1),
  accountNumbers: z
    .array(accountNumberSchema)
    .min(1, "Select at least one member account")
    .max(200, "At most 200 accounts at once")
    .refine((ids) => new Set(ids).size === ids.length, "An account is selected twice"),
  roleName: z
    .string()
    .trim()
    .min(1, "Give the audit role's name")
    .max(64, "At most 64 characters")
    .regex(/^[\w+=,.@-]+$/, "An IAM role name: letters, digits and + = , . @ _ -")
    .default(STACKSET_ROLE_NAME),
  regions: regionsSchema,
  environment: z.enum(ENVIRONMENTS, { message: "Choose an environment" }).default("PRODUCTION"),
});

/** An alias from the account's name in the organization: lower case, digits and dashes, at most 63. */
export function aliasFromAccountName(name: string, accountId: string): string {
  const alias = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 63)
    .replace(/-$/, "");
  return /^[a-z0-9]/.test(alias) ? alias : `account-${accountId}`;
}
