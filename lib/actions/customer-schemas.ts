import { z } from "zod";
import { accountNumberSchema, roleArnSchema } from "@/lib/aws/sts";
import { ENVIRONMENTS } from "@/lib/customers/environments";
import { customerPracticeFields } from "@/lib/customers/practice-settings";
import { AWS_REGIONS, isKnownRegion } from "@/lib/evidence/known-regions";

// Schemas for customer and AWS account forms (and the CSV import): the same rules the collectors rely
// on, enforced where the values enter Rampart, with messages that state the expected format.
// List-valued fields report on the field itself (path "regions", not "regions.0"): the action client's
// flattened errors keep only a field's own messages, so an element's message would never be shown.

const EMAIL_DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const MAX_EMAIL_DOMAINS = 10;
const MAX_REGIONS = 30;

function splitList(value: string | string[]): string[] {
  const items = (Array.isArray(value) ? value : value.split(/[\s,;]+/)).map((item) => item.trim()).filter(Boolean);
  return [...new Set(items)];
}

/** A list of corporate e-mail domains (text separated by commas or spaces, or a list); empty = none. */
export const emailDomainListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => splitList(value).map((domain) => domain.toLowerCase()))
  .superRefine((domains, ctx) => {
    const bad = domains.filter((domain) => !EMAIL_DOMAIN.test(domain));
    if (bad.length > 0)
      ctx.addIssue({
        code: "custom",
        message: `${quoteList(bad)} ${bad.length === 1 ? "is not a domain" : "are not domains"}. A domain looks like example.com; separate several with commas.`,
      });
    else if (domains.length > MAX_EMAIL_DOMAINS)
      ctx.addIssue({ code: "custom", message: `At most ${MAX_EMAIL_DOMAINS} domains (you gave ${domains.length}).` });
  });

export const emailDomainsSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .default("")
  .pipe(emailDomainListSchema);

export const regionsSchema = z
  .union([z.string(), z.array(z.string())], { message: "Choose at least one region" })
  .transform(splitList)
  .superRefine((regions, ctx) => {
    const unknown = regions.filter((region) => !isKnownRegion(region));
    if (regions.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one region, e.g. us-east-1." });
    else if (unknown.length > 0)
      ctx.addIssue({
        code: "custom",
        message: `${quoteList(unknown)} ${unknown.length === 1 ? "is not an AWS region" : "are not AWS regions"}. Expected region codes such as us-east-1 or eu-west-1 (one of ${AWS_REGIONS.length} regions of the AWS commercial partition).`,
      });
    else if (regions.length > MAX_REGIONS)
      ctx.addIssue({ code: "custom", message: `At most ${MAX_REGIONS} regions (you gave ${regions.length}).` });
  });

export const aliasSchema = z
  .string()
  .trim()
  .min(1, "Give the account a name, e.g. prod")
  .max(63, "At most 63 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Lower-case letters, digits and dashes, e.g. prod or log-archive");

export const environmentSchema = z.enum(ENVIRONMENTS, {
  message: `Choose an environment: ${ENVIRONMENTS.map((environment) => environment.toLowerCase().replaceAll("_", " ")).join(", ")}`,
});

const customerNameSchema = z
  .string()
  .trim()
  .min(2, "Give the customer's name (at least 2 characters)")
  .max(120, "At most 120 characters");

/** The account id a role ARN names (its 5th field), or null when it is not a role ARN. */
export function roleArnAccount(roleArn: string): string | null {
  return roleArnSchema.safeParse(roleArn).success ? (roleArn.split(":")[4] ?? null) : null;
}

/** Why `roleArn` cannot be the audit role of `accountNumber`, or null when it can. */
export function roleArnAccountMismatch(roleArn: string, accountNumber: string): string | null {
  const inAccount = roleArnAccount(roleArn);
  if (!inAccount || inAccount === accountNumber) return null;
  return `This role is in account ${inAccount}, not ${accountNumber}. The audit role must be in the account being connected: the ARN's 5th field is its account ID (arn:aws:iam::${accountNumber}:role/RampartAudit).`;
}

function quoteList(values: string[]): string {
  const shown = values.slice(0, 3).map((value) => `"${value}"`);
  return values.length > 3 ? `${shown.join(", ")} and ${values.length - 3} more` : shown.join(", ");
}

export const createCustomerSchema = z.object({
  name: customerNameSchema,
  emailDomains: emailDomainsSchema,
});

export const updateCustomerSchema = z.object({
  customerId: z.string().min(1),
  name: customerNameSchema,
  emailDomains: emailDomainsSchema,
  // Time zone, collaborative change approval and the monthly evidence pack mail (issues 14 and 15).
  ...customerPracticeFields,
});

export const createAwsAccountSchema = z
  .object({
    customerId: z.string().min(1),
    accountNumber: accountNumberSchema,
    alias: aliasSchema,
    roleArn: roleArnSchema,
    regions: regionsSchema,
    environment: environmentSchema,
  })
  .superRefine((input, ctx) => {
    const mismatch = roleArnAccountMismatch(input.roleArn, input.accountNumber);
    if (mismatch) ctx.addIssue({ code: "custom", message: mismatch, path: ["roleArn"] });
  });

/**
 * The account id is the account's identity (its evidence and history belong to it), so it is not
 * editable; the role ARN is checked against the stored id by the action.
 */
export const updateAwsAccountSchema = z.object({
  awsAccountId: z.string().min(1),
  alias: aliasSchema,
  roleArn: roleArnSchema,
  regions: regionsSchema,
  environment: environmentSchema,
});

export const retireAwsAccountSchema = z.object({ awsAccountId: z.string().min(1) });

export const retireCustomerSchema = z.object({
  customerId: z.string().min(1),
  /** The customer's name typed again. */
  confirmName: z.string().trim().min(1, "Type the customer's name to confirm"),
});

export const requestSyncSchema = z.union([
  z.object({ customerId: z.string().min(1), awsAccountId: z.undefined().optional() }),
  z.object({ awsAccountId: z.string().min(1), customerId: z.undefined().optional() }),
]);
