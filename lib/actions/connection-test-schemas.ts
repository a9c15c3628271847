import { z } from "zod";
import { externalIdSchema } from "@/lib/aws/sts";

export const testAccountConnectionSchema = z.object({ awsAccountId: z.string().min(1) });

export const rotateExternalIdSchema = z.object({ customerId: z.string().min(1) });

export const adoptExistingExternalIdSchema = z.object({
  customerId: z.string().min(1),
  externalId: z.string().trim().pipe(externalIdSchema),
});
