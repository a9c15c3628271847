import { z } from "zod";
import { isCustomerRole, ROLES, type Role } from "@/lib/authz/policy";

// Schemas of lib/actions/users.ts (a 'use server' module may export only async functions).

const id = z.string().trim().min(1).max(64);
const email = z.string().trim().toLowerCase().max(320).pipe(z.email("Enter a valid e-mail address."));

const roleAssignment = {
  role: z.enum(ROLES),
  /** Required for CUSTOMER_* roles, refused for staff roles. Not yet authorized: the action loads it in scope. */
  customerId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((value) => value || undefined),
  allCustomers: z.boolean().optional().default(false),
};

function customerMatchesRole(value: { role: Role; customerId?: string }, context: z.RefinementCtx): void {
  const customerRole = isCustomerRole(value.role);
  if (customerRole && !value.customerId) {
    context.addIssue({ code: "custom", path: ["customerId"], message: "Choose the customer this user belongs to." });
  }
  if (!customerRole && value.customerId) {
    context.addIssue({ code: "custom", path: ["customerId"], message: "Only customer roles belong to a customer." });
  }
}

export const inviteUserSchema = z.object({ email, ...roleAssignment }).superRefine(customerMatchesRole);

export const revokeInvitationSchema = z.object({ invitationId: id });

export const deactivateUserSchema = z.object({ userId: id });

export const reactivateUserSchema = z.object({ userId: id });

export const changeUserRoleSchema = z.object({ userId: id, ...roleAssignment }).superRefine(customerMatchesRole);

export const acceptInvitationSchema = z
  .object({
    token: z.string().max(128),
    name: z.string().trim().min(1, "Enter your name.").max(120),
    password: z.string().max(256, "Use at most 256 characters."),
    passwordConfirmation: z.string().max(256),
  })
  .refine((value) => value.password === value.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "The passwords do not match.",
  });

export const unlockSignInSchema = z.object({ userId: id });

export const resetUserMfaSchema = z.object({ userId: id });
