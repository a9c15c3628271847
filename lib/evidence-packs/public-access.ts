// The "Prevention of public access" chapter: every screenshot of seed 002 (SEC-002, Prevention of
// Public Access of Cloud Resources) and the controls whose stored results and evidence answer it.

export const PUBLIC_ACCESS_TOPICS = [
  {
    topic: "The root user is secured",
    screenshotShowed: "IAM dashboard, Security recommendations: 'Root user has MFA' checked.",
    controlIds: ["ROOT-1", "ROOT-2", "ROOT-3"],
  },
  {
    topic: "Users have MFA and no stale access keys",
    screenshotShowed:
      "IAM Security recommendations: 'Add MFA for yourself' and 'Deactivate or delete your access keys unused for more than a year'.",
    controlIds: ["IAM-5", "IAM-6", "IAM-7", "IAM-8"],
  },
  {
    topic: "CloudTrail logs user activity",
    screenshotShowed:
      "CloudTrail trail details: logging on, multi-region, log location, log file validation, SSE-KMS encryption, last delivery.",
    controlIds: ["TRAIL-1", "TRAIL-2", "TRAIL-3", "TRAIL-5", "TRAIL-8"],
  },
  {
    topic: "Password policy",
    screenshotShowed: "IAM Account settings: the password policy (minimum length, character types, expiry).",
    controlIds: ["IAM-1", "IAM-2", "IAM-3", "IAM-4"],
  },
  {
    topic: "STS endpoints",
    screenshotShowed: "IAM Account settings: session tokens from the global STS endpoint and regional endpoints.",
    controlIds: ["IAM-14"],
  },
  {
    topic: "Least privilege through groups, dedicated administrator credentials",
    screenshotShowed: "IAM User groups (AdministracionEC2Instances, Administrador, ReadOnly) with their members.",
    controlIds: ["IAM-9", "IAM-10", "IAM-13"],
  },
  {
    topic: "Security groups allow traffic only where it belongs",
    screenshotShowed: "Security groups and the ports they allow.",
    controlIds: ["NET-1", "NET-2", "NET-3", "NET-5"],
  },
  {
    topic: "Data stores are in private subnets",
    screenshotShowed: "A statement that data stores are in private subnets.",
    controlIds: ["NET-6"],
  },
  {
    topic: "Encryption keys are controlled by the customer",
    screenshotShowed: "KMS Customer managed keys (alias, status, key type, usage).",
    controlIds: ["KMS-1", "KMS-2", "KMS-3"],
  },
  {
    topic: "TLS certificates from Certificate Manager",
    screenshotShowed: "ACM certificate details (status Issued, domain, validity).",
    controlIds: ["NET-8"],
  },
] as const;
