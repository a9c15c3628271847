import { NoSuchEntityException } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { AwsCallError, callAwsAllowingAbsent, hasAwsErrorCode, redactSecrets, toAwsCallError } from "./errors";

const where = { service: "iam", operation: "ListRoles", region: "us-east-1" };

function sdkError(name: string, httpStatusCode: number | undefined, message: string, extra: object = {}) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode && httpStatusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode, requestId: "req-1", attempts: 3 },
    ...extra,
  });
}

describe("toAwsCallError", () => {
  it("attributes AccessDenied with service, operation, region, code and status", () => {
    const error = toAwsCallError(
      sdkError("AccessDenied", 403, "User: arn:aws:sts::111122223333:assumed-role/x/y is not authorized"),
      where,
    );
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({
      service: "iam",
      operation: "ListRoles",
      region: "us-east-1",
      awsErrorCode: "AccessDenied",
      httpStatusCode: 403,
      kind: "access-denied",
      attempts: 3,
    });
    expect(error.message).toContain("iam:ListRoles in us-east-1 failed after 3 attempts: AccessDenied (HTTP 403)");
  });

  it.each([
    ["Throttling", 400, "throttled"],
    ["ThrottlingException", 400, "throttled"],
    ["RequestLimitExceeded", 503, "throttled"],
    ["SomethingNew", 429, "throttled"],
    ["UnauthorizedOperation", 403, "access-denied"],
    ["AccessDeniedException", 400, "access-denied"],
    ["TimeoutError", undefined, "timeout"],
    ["InternalFailure", 500, "server-error"],
    ["ServiceUnavailable", 503, "server-error"],
    ["ExpiredTokenException", 400, "credentials"],
    ["ValidationException", 400, "client-error"],
  ])("classifies %s (HTTP %s) as %s", (name, status, kind) => {
    expect(toAwsCallError(sdkError(name, status, "boom"), where).kind).toBe(kind);
  });

  it("uses the wire code of a modeled error and keeps the class name", () => {
    // The query deserializer sets Code to the wire code on modeled errors (api-map §7, verified).
    const modeled = Object.assign(
      new NoSuchEntityException({ message: "no policy", $metadata: { httpStatusCode: 404 } }),
      { Code: "NoSuchEntity" },
    );
    const error = toAwsCallError(modeled, where);
    expect(error.awsErrorCode).toBe("NoSuchEntity");
    expect(error.awsErrorName).toBe("NoSuchEntityException");
    expect(hasAwsErrorCode(modeled, "NoSuchEntity")).toBe(true);
    expect(hasAwsErrorCode(error, "NoSuchEntityException")).toBe(true);
  });

  it("attributes socket errors that carry no AWS metadata", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(toAwsCallError(refused, where)).toMatchObject({ awsErrorCode: "ECONNREFUSED", kind: "network" });
  });

  it("never carries access key ids, session tokens or the given secrets in its message", () => {
    const token = `IQoJb3JpZ2luX2VjE${"A".repeat(30)}/${"b9".repeat(40)}==`;
    const error = toAwsCallError(
      sdkError("InvalidClientTokenId", 403, `key ASIAIOSFODNN7EXAMPLE token ${token} external rampart-ext-42`),
      where,
      ["rampart-ext-42"],
    );
    expect(error.message).not.toContain("ASIAIOSFODNN7EXAMPLE");
    expect(error.message).not.toContain(token.slice(0, 30));
    expect(error.message).not.toContain("rampart-ext-42");
    expect(JSON.stringify(error.toJSON())).not.toContain("ASIA");
  });
});

describe("redactSecrets", () => {
  it("leaves ARNs and ordinary words alone", () => {
    const text = "User: arn:aws:iam::123456789012:role/PostureAudit is not authorized to perform: s3:GetBucketPolicy";
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("callAwsAllowingAbsent", () => {
  it("turns the listed codes into undefined and everything else into AwsCallError", async () => {
    await expect(
      callAwsAllowingAbsent(where, ["NoSuchEntity"], async () => {
        throw new NoSuchEntityException({ message: "none", $metadata: {} });
      }),
    ).resolves.toBeUndefined();
    await expect(
      callAwsAllowingAbsent(where, ["NoSuchEntity"], async () => {
        throw sdkError("AccessDenied", 403, "denied");
      }),
    ).rejects.toMatchObject({ name: "AwsCallError", awsErrorCode: "AccessDenied" });
  });
});

describe("unparsable responses", () => {
  it("names a deserialization failure instead of a bare Error", () => {
    const error = toAwsCallError(
      Object.assign(
        new Error("@aws-sdk XML parse error: unexpected content.\n  Deserialization error: to see the raw response…"),
        {
          $metadata: { httpStatusCode: 400 },
        },
      ),
      where,
    );
    expect(error).toMatchObject({ awsErrorCode: "DeserializationError", httpStatusCode: 400, kind: "client-error" });
    expect(error.message).not.toContain("\n");
  });
});
