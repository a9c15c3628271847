import { z } from "zod";

export const startMfaEnrolmentSchema = z.object({});

export const confirmMfaEnrolmentSchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your authenticator app shows.")),
});
