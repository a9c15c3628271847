import { z } from "zod";

// Control parameters (*param* in ../shared/spec/controls.md). Defaults are the SOPs'; an admin may
// override any of them per customer in Customer.settings.controlParams.

export const ADMIN_PORTS = [22, 3389, 3306, 5432, 1433, 1521, 27017, 6379, 9200] as const;

export const controlParamsSchema = z.object({
  /** IAM-1 */
  minimumPasswordLength: z.number().int().min(6).max(128).default(14),
  /** IAM-3 */
  maxPasswordAgeDays: z.number().int().min(1).max(1095).default(180),
  /** IAM-4 */
  passwordReusePrevention: z.number().int().min(1).max(24).default(24),
  /** IAM-6 */
  unusedCredentialDays: z.number().int().min(1).max(365).default(45),
  /** IAM-7 */
  accessKeyMaxAgeDays: z.number().int().min(1).max(365).default(90),
  /** IAM-12 */
  accessReviewMaxAgeDays: z.number().int().min(1).max(366).default(92),
  /** TRAIL-4 */
  logRetentionMinDays: z.number().int().min(1).max(3653).default(180),
  /** NET-2 */
  adminPorts: z
    .array(z.number().int().min(0).max(65535))
    .min(1)
    .default([...ADMIN_PORTS]),
  /** NET-8 */
  certificateMinValidDays: z.number().int().min(0).max(365).default(30),
  /** DET-3: Inspector resource types that must be ENABLED (keys of InspectorAccountStatus.resourceState). */
  inspectorResourceTypes: z
    .array(z.enum(["ec2", "ecr", "lambda", "lambdaCode"]))
    .min(1)
    .default(["ec2", "ecr"]),
  /** DET-4 */
  inspectorCriticalMaxAgeDays: z.number().int().min(1).max(365).default(15),
  inspectorHighMaxAgeDays: z.number().int().min(1).max(365).default(30),
  /** BAK-4 */
  restoreTestMaxAgeDays: z.number().int().min(1).max(1095).default(183),
  /** GOV-2: tag keys, compared case-sensitively. */
  requiredTagKeys: z.array(z.string().min(1).max(128)).default(["Environment", "Department", "Project"]),
  /** GOV-4: a regular expression the account alias must match; null = not configured (NOT_APPLICABLE). */
  accountAliasPattern: z.string().max(200).nullable().default(null),
  /** GOV-5 */
  alertReviewCadenceDays: z.number().int().min(1).max(366).default(92),
  /** ROOT-5: corporate e-mail domains; empty = any SECURITY contact passes. */
  corporateEmailDomains: z.array(z.string().min(1).max(253)).default([]),
});

export type ControlParams = z.infer<typeof controlParamsSchema>;

export const DEFAULT_CONTROL_PARAMS: ControlParams = controlParamsSchema.parse({});
