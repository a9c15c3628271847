// The kms evidence as its collector (lib/aws/kms.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface KmsKeyEvidence {
  keyId: string;
  arn: string;
  aliases: string[];
  description: string | null;
  /** CUSTOMER or AWS (KMS-1/KMS-2 judge only CUSTOMER keys). */
  keyManager: string | null;
  /** SYMMETRIC_DEFAULT, RSA_2048, … */
  keySpec: string | null;
  keyUsage: string | null;
  /** Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, … */
  keyState: string | null;
  /** AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE. */
  origin: string | null;
  multiRegion: boolean;
  createdAt: string | null;
  /** Set when keyState is PendingDeletion (KMS-2 names it). */
  deletionDate: string | null;
  /** null = not asked or not applicable (AWS-managed, asymmetric, imported, pending deletion). */
  rotationEnabled: boolean | null;
  rotationPeriodInDays: number | null;
  nextRotationDate: string | null;
}

export interface KmsEvidence {
  region: string;
  keys: KmsKeyEvidence[];
}
