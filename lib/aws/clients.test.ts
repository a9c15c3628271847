import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAwsClient, createSessionClient } from "./clients";

const target = { credentials: { accessKeyId: "test", secretAccessKey: "test" }, region: "eu-west-1" };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("createAwsClient", () => {
  it("uses adaptive retries with 5 attempts by default", async () => {
    vi.stubEnv("AWS_MAX_ATTEMPTS", "");
    const client = createAwsClient(IAMClient, target);
    expect(await client.config.maxAttempts()).toBe(5);
    expect((await client.config.retryStrategy()).constructor.name).toBe("AdaptiveRetryStrategy");
    expect(await client.config.region()).toBe("eu-west-1");
  });

  it("lets the SDK read AWS_MAX_ATTEMPTS, and an explicit option wins over both", async () => {
    vi.stubEnv("AWS_MAX_ATTEMPTS", "2");
    expect(await createAwsClient(IAMClient, target).config.maxAttempts()).toBe(2);
    expect(await createAwsClient(IAMClient, target, { maxAttempts: 1 }).config.maxAttempts()).toBe(1);
  });

  it("sets no endpoint itself", () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://localhost:4566");
    expect(createAwsClient(IAMClient, target).config.endpoint).toBeUndefined();
  });

  it("forces S3 path style only when an endpoint URL is configured", () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "");
    vi.stubEnv("AWS_ENDPOINT_URL_S3", "");
    expect(createAwsClient(S3Client, target).config.forcePathStyle).toBeFalsy();
    vi.stubEnv("AWS_ENDPOINT_URL", "http://localhost:4566");
    expect(createAwsClient(S3Client, target).config.forcePathStyle).toBe(true);
  });

  it("routes S3 Control to the configured URL instead of <account>.<host>", () => {
    vi.stubEnv("AWS_ENDPOINT_URL_S3_CONTROL", "http://localhost:4599");
    const client = createAwsClient(S3ControlClient, target);
    const endpoint = client.config.endpointProvider({ AccountId: "123456789012", Region: "eu-west-1" } as never);
    expect(endpoint.url.href).toBe("http://localhost:4599/");
  });

  it("maps the global scope label to us-east-1 for session clients", async () => {
    const session = {
      accountNumber: "123456789012",
      credentials: async () => target.credentials,
      regions: ["eu-west-1"],
    };
    expect(await createSessionClient(IAMClient, session, "global").config.region()).toBe("us-east-1");
  });
});
