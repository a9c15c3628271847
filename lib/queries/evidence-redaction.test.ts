import { describe, expect, it } from "vitest";
import { REDACTED, redactExternalIds } from "./evidence";

describe("redactExternalIds", () => {
  const externalId = "rampart-ext-7f3a9c2e41";

  it("takes the ExternalId out of the audit role's trust policy, as object and as URL-encoded text", () => {
    const evidence = {
      roles: [
        {
          RoleName: "RampartAudit",
          AssumeRolePolicyDocument: {
            Statement: [{ Condition: { StringEquals: { "sts:ExternalId": externalId } } }],
          },
          RawPolicy: encodeURIComponent(`{"Condition":{"StringEquals":{"sts:ExternalId":"${externalId}"}}}`),
        },
        { RoleName: "Other", AssumeRolePolicyDocument: { Condition: { StringEquals: { "sts:externalid": "x" } } } },
      ],
    };
    const text = JSON.stringify(redactExternalIds(evidence, externalId));
    expect(text).not.toContain(externalId);
    expect(text).not.toContain('"x"');
    expect(text).toContain(REDACTED);
    expect(text).toContain("RampartAudit");
  });
});
