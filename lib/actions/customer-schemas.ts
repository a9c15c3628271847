import { z } from "zod";
import { isKnownRegion } from "@/lib/aws/known-regions";
import { accountNumberSchema, roleArnSchema } from "@/lib/aws/sts";
import { ENVIRONMENTS } from "@/lib/customers/environments";

// Schemas for customer and AWS account forms: the same rules the collectors rely on, enforced
// where the values enter Rampart, with messages that state the expected format.

const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "A domain looks like example.com");

/**
 * Regions AWS has, checked as a list so the message lands on the field (a typo such as eu-west-9 is
 * refused by name, whatever its format).
 */
export const knownRegionsSchema = z
  .array(z.string().trim())
  .min(1, "Choose at least one region")
  .max(30, "At most 30 regions")
  .superRefine((regions, context) => {
    const unknown = regions.filter((region) => !isKnownRegion(region));
    if (unknown.length > 0) {
      context.addIssue({
        code: "custom",
        message: `${unknown.join(", ")} ${unknown.length === 1 ? "is not an AWS region" : "are not AWS regions"} (regions look like us-east-1 or eu-west-1)`,
      });
    }
  });

export const createCustomerSchema = z.object({
  name: z.string().trim().min(2, "Give the customer's name (at least 2 characters)").max(120, "At most 120 characters"),
  emailDomains: z
    .string()
    .optional()
    .default("")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(emailDomainSchema).max(10, "At most 10 domains")),
});
export type CreateCustomerInput = z.input<typeof createCustomerSchema>;

export const createAwsAccountSchema = z
  .object({
    customerId: z.string().min(1),
    accountNumber: accountNumberSchema,
    alias: z
      .string()
      .trim()
      .min(1, "Give the account a name, e.g. prod")
      .max(63, "At most 63 characters")
      .regex(/^[a-z0-9][a-z0-9-]*$/, "Lower-case letters, digits and dashes, e.g. prod or log-archive"),
    roleArn: roleArnSchema,
    regions: z
      .union([z.string(), z.array(z.string())])
      .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((r) => r.trim()).filter(Boolean))
      .pipe(knownRegionsSchema),
    environment: z.enum(ENVIRONMENTS, { message: "Choose an environment" }),
  })
  .refine((input) => input.roleArn.split(":")[4] === input.accountNumber, {
    message: "The role ARN must be in the same account (its 5th field is the account ID)",
    path: ["roleArn"],
  });
export type CreateAwsAccountInput = z.input<typeof createAwsAccountSchema>;

export const requestSyncSchema = z.union([
  z.object({ customerId: z.string().min(1), awsAccountId: z.undefined().optional() }),
  z.object({ awsAccountId: z.string().min(1), customerId: z.undefined().optional() }),
]);
export type RequestSyncInput = z.input<typeof requestSyncSchema>;
