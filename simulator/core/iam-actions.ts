// IAM action names that differ from "<prefix>:<Operation>" (Service Authorization Reference).
const ACTION_OVERRIDES: Record<string, Record<string, string>> = {
  s3: {
    ListBuckets: "s3:ListAllMyBuckets",
    GetBucketEncryption: "s3:GetEncryptionConfiguration",
    GetPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
  },
  "s3-control": { GetPublicAccessBlock: "s3:GetAccountPublicAccessBlock" },
  budgets: {
    DescribeBudgets: "budgets:ViewBudget",
    DescribeNotificationsForBudget: "budgets:ViewBudget",
    DescribeSubscribersForNotification: "budgets:ViewBudget",
  },
};

export function iamActionName(serviceKey: string, actionPrefix: string, operation: string): string {
  return ACTION_OVERRIDES[serviceKey]?.[operation] ?? `${actionPrefix}:${operation}`;
}

/** IAM action patterns are case-insensitive and use * and ? wildcards. */
export function actionMatchesPattern(action: string, pattern: string): boolean {
  const expression = pattern
    .split("")
    .map((character) =>
      character === "*" ? ".*" : character === "?" ? "." : character.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${expression}$`, "i").test(action);
}
