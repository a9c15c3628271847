import { describe, expect, it } from "vitest";
import { describeDenial, parseAccessDeniedMessage } from "./access-denied";

// AWS's exact message forms (IAM User Guide, "Access denied error message examples").
const ROLE = "arn:aws:sts::111122223333:assumed-role/RampartAudit/rampart-111122223333-1";

describe("parseAccessDeniedMessage", () => {
  it.each([
    [
      `User: ${ROLE} is not authorized to perform: backup:ListBackupPlans because no identity-based policy allows the backup:ListBackupPlans action`,
      "backup:ListBackupPlans",
      "no-identity-policy-allows",
      false,
    ],
    [
      `User: ${ROLE} is not authorized to perform: guardduty:ListDetectors with an explicit deny in a service control policy`,
      "guardduty:ListDetectors",
      "explicit-deny-scp",
      true,
    ],
    [
      `User: ${ROLE} is not authorized to perform: kms:ListKeys on resource: * with an explicit deny in an identity-based policy`,
      "kms:ListKeys",
      "explicit-deny-identity-policy",
      true,
    ],
    [
      `You are not authorized to perform this operation. User: ${ROLE} is not authorized to perform: ec2:DescribeVpcs with an explicit deny in a service control policy. Encoded authorization failure message: abc`,
      "ec2:DescribeVpcs",
      "explicit-deny-scp",
      true,
    ],
    [
      `User: ${ROLE} is not authorized to perform: iam:GetAccountSummary on resource: * with an explicit deny in a permissions boundary`,
      "iam:GetAccountSummary",
      "explicit-deny-permissions-boundary",
      true,
    ],
  ])("%s", (message, action, cause, explicitDeny) => {
    const parsed = parseAccessDeniedMessage(message);
    expect(parsed.action).toBe(action);
    expect(parsed.principalArn).toBe(ROLE);
    expect(parsed.cause).toBe(cause);
    expect(parsed.explicitDeny).toBe(explicitDeny);
  });

  it("names no action for S3's bare Access Denied", () => {
    expect(parseAccessDeniedMessage("Access Denied")).toEqual({
      principalArn: null,
      action: null,
      resource: null,
      cause: "unknown",
      explicitDeny: false,
    });
  });

  it("tells the consultant an SCP cannot be fixed in the role", () => {
    expect(describeDenial("backup:ListBackupPlans", { cause: "explicit-deny-scp" })).toMatch(/service control policy/);
    expect(describeDenial("backup:ListBackupPlans", { cause: "no-identity-policy-allows" })).toMatch(
      /Add backup:ListBackupPlans/,
    );
  });
});
