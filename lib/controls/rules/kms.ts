import type { KmsKeyEvidence } from "../../evidence/contract";
import { listForReason, parseEvidenceDate } from "../outcome";
import type { ControlRule, Offender } from "../types";
import { agree, decideInspection, inspectRegions, plural } from "./regions";

// Encryption-key controls KMS-1..3 (SOP 000 §6, 002 KMS; CIS 3.6, 2.2.1). Regional: every configured
// region is judged, and the account takes the worst (see inspectRegions / decideInspection).

function keyLabel(key: KmsKeyEvidence): string {
  return key.aliases.length > 0 ? `${key.aliases[0]} (${key.keyId})` : key.keyId;
}

function isCustomerManaged(key: KmsKeyEvidence): boolean {
  return key.keyManager?.toUpperCase() === "CUSTOMER";
}

/**
 * KMS-1 scope: automatic rotation exists only for enabled customer-managed symmetric keys whose material
 * KMS generated; AWS-managed, asymmetric, imported (EXTERNAL) and disabled keys are out of scope.
 */
export function isRotationInScope(key: KmsKeyEvidence): boolean {
  return (
    isCustomerManaged(key) &&
    key.keySpec?.toUpperCase() === "SYMMETRIC_DEFAULT" &&
    key.origin?.toUpperCase() === "AWS_KMS" &&
    key.keyState?.toLowerCase() === "enabled"
  );
}

const KMS_1: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "kms", (kms, region) => {
      const inScope = kms.keys.filter(isRotationInScope);
      const offenders: Offender[] = inScope
        .filter((key) => key.rotationEnabled !== true)
        .map((key) => ({
          kind: "kms-key",
          id: key.keyId,
          region,
          detail:
            key.rotationEnabled === false
              ? `${keyLabel(key)}: rotation disabled`
              : `${keyLabel(key)}: rotation status not reported by KMS`,
        }));
      return { subjects: inScope.length, offenders };
    }),
    {
      fail: (offenders) =>
        `Automatic rotation is not enabled on ${plural(offenders.length, "customer-managed key")}: ` +
        `${listForReason(offenders.map((offender) => `${offender.detail} in ${offender.region}`))}. ` +
        `Enable key rotation on ${agree(offenders.length, "it", "them")}.`,
      pass: (subjects) =>
        `Automatic rotation is on for ${agree(subjects, "the", `all ${subjects}`)} enabled customer-managed symmetric ${agree(subjects, "key", "keys")}.`,
      empty: "No enabled customer-managed symmetric key with KMS key material exists in the configured regions.",
    },
  );

const KMS_2: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "kms", (kms, region) => {
      const customerKeys = kms.keys.filter(isCustomerManaged);
      const offenders: Offender[] = customerKeys
        .filter((key) => key.keyState?.toLowerCase() === "pendingdeletion")
        .map((key) => {
          const deletionDate = parseEvidenceDate(key.deletionDate);
          const when = deletionDate ? `on ${deletionDate.toISOString().slice(0, 10)}` : "(date not reported)";
          return { kind: "kms-key", id: key.keyId, region, detail: `${keyLabel(key)}: scheduled for deletion ${when}` };
        });
      return { subjects: customerKeys.length, offenders };
    }),
    {
      fail: (offenders) =>
        `${plural(offenders.length, "customer-managed key")} ${agree(offenders.length, "is", "are")} pending deletion: ` +
        `${listForReason(offenders.map((offender) => `${offender.detail} in ${offender.region}`))}. ` +
        "Cancel the deletion if anything still uses the key; data encrypted under it becomes unreadable.",
      pass: (subjects) => `None of ${plural(subjects, "customer-managed key")} is pending deletion.`,
      empty: "No customer-managed KMS key exists in the configured regions.",
    },
  );

const KMS_3: ControlRule = (context) =>
  decideInspection(
    inspectRegions(context, "ec2", (ec2, region) => ({
      subjects: 1,
      offenders: ec2.ebsEncryptionByDefault
        ? []
        : [{ kind: "region", id: region, region, detail: "EBS encryption by default is off" }],
    })),
    {
      fail: (offenders) =>
        `EBS encryption by default is off in ${listForReason(offenders.map((offender) => offender.id))}. ` +
        `Turn it on in ${agree(offenders.length, "that region", "those regions")} (EC2 settings, per region).`,
      pass: (subjects) =>
        subjects === 1
          ? "EBS encryption by default is on in the configured region."
          : `EBS encryption by default is on in all ${subjects} configured regions.`,
      empty: "No region is configured for this account.",
    },
  );

export const KMS_RULES: Record<string, ControlRule> = {
  "KMS-1": KMS_1,
  "KMS-2": KMS_2,
  "KMS-3": KMS_3,
};
