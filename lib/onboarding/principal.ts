import { z } from "zod";
import { env } from "../env";
import { AppError } from "../errors";

/** Rampart's own principal, which the audit role trusts (RAMPART_PRINCIPAL_ARN; lib/env.ts validates it). */
export const principalArnSchema = z.string().regex(/^arn:aws:iam::\d{12}:(role|user)\/.+$/);

/** A template naming a placeholder principal would not deploy: refuse instead, saying what to set. */
export function requirePrincipalArn(): string {
  const principal = env().RAMPART_PRINCIPAL_ARN;
  if (!principal) {
    throw new AppError(
      "CONFLICT",
      "RAMPART_PRINCIPAL_ARN is not set, so the audit-role templates cannot name the principal to trust. An administrator sets it where Rampart runs.",
    );
  }
  return principal;
}
