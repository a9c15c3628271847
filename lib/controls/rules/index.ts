import type { ControlRule } from "../types";
import { BACKUP_RULES } from "./backup";
import { TRAIL_RULES } from "./cloudtrail";
import { DETECTION_RULES } from "./detection";
import { GOVERNANCE_RULES } from "./governance";
import { IAM_RULES } from "./iam";
import { KMS_RULES } from "./kms";
import { NETWORK_RULES } from "./network";
import { ROOT_RULES } from "./root";

/** Every automated control's rule, by control id (rules.test.ts checks it against the catalogue). */
export const AUTOMATED_RULES: Readonly<Record<string, ControlRule>> = {
  ...ROOT_RULES,
  ...TRAIL_RULES,
  ...IAM_RULES,
  ...NETWORK_RULES,
  ...KMS_RULES,
  ...DETECTION_RULES,
  ...BACKUP_RULES,
  ...GOVERNANCE_RULES,
};
