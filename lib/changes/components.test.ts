import { describe, expect, it } from "vitest";
import { describeResource, resourcesFromEvidence } from "./components";

describe("resources a change can name, from collected evidence", () => {
  it("lists security groups, NACLs, IAM users/roles/policies, trails, buckets, customer KMS keys and backup plans", () => {
    const resources = resourcesFromEvidence([
      {
        collector: "ec2",
        region: "eu-west-1",
        data: {
          securityGroups: [{ groupId: "sg-0aaa", groupName: "web" }],
          networkAcls: [{ networkAclId: "acl-0bbb", vpcId: "vpc-1", isDefault: true }],
        },
      },
      {
        collector: "iam",
        region: "global",
        data: {
          authorization: {
            users: [{ name: "alice" }],
            roles: [{ name: "deploy" }],
            customerManagedPolicies: [{ name: "ci-policy" }],
          },
        },
      },
      { collector: "cloudtrail", region: "global", data: { trails: [{ name: "org-trail", homeRegion: "us-east-1" }] } },
      { collector: "s3", region: "global", data: { buckets: [{ name: "logs-bucket", region: "eu-west-1" }] } },
      {
        collector: "kms",
        region: "us-east-1",
        data: {
          keys: [
            { keyId: "k-1", aliases: ["alias/app"], keyManager: "CUSTOMER" },
            { keyId: "k-aws", aliases: ["alias/aws/s3"], keyManager: "AWS" },
          ],
        },
      },
      {
        collector: "backup",
        region: "us-east-1",
        data: { plans: [{ backupPlanId: "plan-1", backupPlanName: "daily" }] },
      },
      { collector: "guardduty", region: "us-east-1", data: { detectors: [] } },
    ]);
    expect(resources.map((resource) => `${resource.kind}:${resource.region}:${resource.id}:${resource.label}`)).toEqual(
      [
        "security-group:eu-west-1:sg-0aaa:web",
        "network-acl:eu-west-1:acl-0bbb:default ACL of vpc-1",
        "iam-user:global:alice:alice",
        "iam-role:global:deploy:deploy",
        "iam-policy:global:ci-policy:ci-policy",
        "trail:us-east-1:org-trail:org-trail",
        "bucket:eu-west-1:logs-bucket:logs-bucket",
        "kms-key:us-east-1:k-1:alias/app",
        "backup-plan:us-east-1:plan-1:daily",
      ],
    );
  });

  it("reads nothing from evidence it cannot read", () => {
    expect(resourcesFromEvidence([{ collector: "ec2", region: "us-east-1", data: null }])).toEqual([]);
    expect(resourcesFromEvidence([{ collector: "ec2", region: "us-east-1", data: { securityGroups: "x" } }])).toEqual(
      [],
    );
  });

  it("describes a component for people", () => {
    expect(describeResource({ region: "eu-west-1", kind: "security-group", id: "sg-1" })).toBe(
      "Security group sg-1 in eu-west-1",
    );
    expect(describeResource({ region: "global", kind: "iam-user", id: "alice" })).toBe("IAM user alice");
    expect(describeResource({ region: "eu-west-1", kind: null, id: null })).toBe("region eu-west-1");
    expect(describeResource({ region: null, kind: null, id: null })).toBe("whole account");
  });
});
