import { describe, expect, it } from "vitest";
import { decodePolicyDocument } from "../evidence/iam";
import { mapManagedPolicyDetail, mapRoleDetail, parseCredentialReport } from "./iam";

const HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

const ROOT_ROW =
  "<root_account>,arn:aws:iam::123456789012:root,2015-01-01T00:00:00+00:00,not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,TRUE,true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
const CONSOLE_USER_ROW =
  "alice,arn:aws:iam::123456789012:user/alice,2023-03-01T08:00:00+00:00,true,no_information,2023-03-01T08:05:00+00:00,N/A,false,true,2024-01-15T12:00:00+00:00,2024-06-01T09:30:00+00:00,eu-west-1,s3,False,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

describe("parseCredentialReport", () => {
  const [root, alice] = parseCredentialReport(`${HEADER}\n${ROOT_ROW}\n${CONSOLE_USER_ROW}\n`);

  it("marks the root row and keeps its real MFA and key values", () => {
    expect(root.isRoot).toBe(true);
    expect(root.user).toBe("<root_account>");
    expect(root.mfaActive).toBe(true); // "TRUE" as the documentation prints it
    expect(root.accessKeys[0]).toEqual({
      active: true,
      lastRotated: "2020-01-01T00:00:00.000Z",
      lastUsedDate: null,
      lastUsedRegion: null,
      lastUsedService: null,
    });
    expect(root.accessKeys[1].active).toBe(false);
  });

  it("treats not_supported, N/A and no_information as null", () => {
    expect(root.passwordEnabled).toBeNull();
    expect(root.passwordLastChanged).toBeNull();
    expect(alice.passwordLastUsed).toBeNull();
    expect(alice.passwordNextRotation).toBeNull();
    expect(alice.accessKeys[1].lastRotated).toBeNull();
  });

  it("parses booleans case-insensitively and dates to ISO strings", () => {
    expect(alice.isRoot).toBe(false);
    expect(alice.passwordEnabled).toBe(true);
    expect(alice.mfaActive).toBe(false);
    expect(alice.accessKeys[1].active).toBe(false); // "False"
    expect(alice.userCreationTime).toBe("2023-03-01T08:00:00.000Z");
    expect(alice.accessKeys[0]).toMatchObject({
      lastUsedDate: "2024-06-01T09:30:00.000Z",
      lastUsedRegion: "eu-west-1",
      lastUsedService: "s3",
    });
  });

  it("returns no rows for a header-only report and survives a BOM and CRLF line ends", () => {
    expect(parseCredentialReport(`${HEADER}\n`)).toEqual([]);
    const rows = parseCredentialReport(`\uFEFF${HEADER}\r\n${CONSOLE_USER_ROW}\r\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0].user).toBe("alice");
  });
});

describe("decodePolicyDocument", () => {
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

  it("decodes IAM's URL-encoded JSON", () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(policy)))).toEqual(policy);
  });

  it("accepts a document that is already JSON, even with a literal percent sign", () => {
    const withPercent = { ...policy, Statement: [{ ...policy.Statement[0], Sid: "100%" }] };
    expect(decodePolicyDocument(JSON.stringify(withPercent))).toEqual(withPercent);
  });

  it("returns null for absent or malformed documents", () => {
    expect(decodePolicyDocument(undefined)).toBeNull();
    expect(decodePolicyDocument("%7Bnot-json")).toBeNull();
    expect(decodePolicyDocument("%E0%A4%A")).toBeNull();
  });
});

describe("authorization detail mappers", () => {
  it("keeps the default version's decoded document of a customer-managed policy", () => {
    const admin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    const mapped = mapManagedPolicyDetail({
      PolicyName: "LegacyAdmin",
      Arn: "arn:aws:iam::123456789012:policy/LegacyAdmin",
      DefaultVersionId: "v2",
      AttachmentCount: 1,
      PolicyVersionList: [
        { VersionId: "v1", IsDefaultVersion: false, Document: encodeURIComponent('{"Statement":[]}') },
        { VersionId: "v2", IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify(admin)) },
      ],
    });
    expect(mapped).toMatchObject({ name: "LegacyAdmin", attachmentCount: 1, defaultVersionId: "v2" });
    expect(mapped.defaultVersionDocument).toEqual(admin);
  });

  it("maps a role with its trust policy and last use as plain JSON", () => {
    const trust = { Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" } }] };
    const role = mapRoleDetail({
      RoleName: "support",
      Arn: "arn:aws:iam::123456789012:role/support",
      CreateDate: new Date("2024-01-01T00:00:00Z"),
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
      AttachedManagedPolicies: [
        { PolicyName: "AWSSupportAccess", PolicyArn: "arn:aws:iam::aws:policy/AWSSupportAccess" },
      ],
      RoleLastUsed: { LastUsedDate: new Date("2024-06-01T00:00:00Z"), Region: "eu-west-1" },
    });
    expect(role.assumeRolePolicyDocument).toEqual(trust);
    expect(role.lastUsedDate).toBe("2024-06-01T00:00:00.000Z");
    expect(JSON.parse(JSON.stringify(role))).toEqual(role);
  });
});
