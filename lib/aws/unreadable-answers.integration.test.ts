import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCallError } from "./errors";
import { getAccountPublicAccessBlock, getBucketPolicyStatus, getPublicAccessBlock } from "./s3";

// Issue 12 item 3: a body that cannot be read as the answer (an HTML page, the wrong document) is an
// error with its HTTP status, never a value. A real SDK client over HTTP to a server that answers badly.

let server: Server;
let endpoint: string;
let answer: { status: number; contentType: string; body: string };

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(answer.status, { "content-type": answer.contentType });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const clientOptions = () => ({
  endpoint,
  region: "eu-west-1",
  forcePathStyle: true,
  maxAttempts: 1,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
});

async function failure(promise: Promise<unknown>): Promise<AwsCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AwsCallError);
  return error as AwsCallError;
}

const HTML_PAGE =
  "<html><head><title>Gateway</title></head><body><h1>Service temporarily unavailable</h1></body></html>";
const WRONG_DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>`;

describe("unreadable answers", () => {
  it.each([
    ["an HTML page", { status: 200, contentType: "text/html", body: HTML_PAGE }],
    ["the wrong document", { status: 200, contentType: "application/xml", body: WRONG_DOCUMENT }],
  ])("a policy status answered with %s is an error with its HTTP status, not 'not public'", async (_label, bad) => {
    answer = bad;
    const client = new S3Client(clientOptions());
    const error = await failure(getBucketPolicyStatus(client, "eu-west-1", "some-bucket"));
    expect(error).toMatchObject({ operation: "GetBucketPolicyStatus", region: "eu-west-1", httpStatusCode: 200 });
    expect(error.awsErrorCode).toBe("UnreadableResponse");
    client.destroy();
  });

  it("an HTML error page is an error with the page's HTTP status", async () => {
    answer = { status: 502, contentType: "text/html", body: HTML_PAGE };
    const client = new S3Client(clientOptions());
    const error = await failure(getBucketPolicyStatus(client, "eu-west-1", "some-bucket"));
    expect(error.httpStatusCode).toBe(502);
    client.destroy();
  });

  it("a public access block answered with the wrong document is an error, not 'no block'", async () => {
    answer = { status: 200, contentType: "application/xml", body: WRONG_DOCUMENT };
    const client = new S3Client(clientOptions());
    expect((await failure(getPublicAccessBlock(client, "eu-west-1", "some-bucket"))).awsErrorCode).toBe(
      "UnreadableResponse",
    );
    client.destroy();
    // S3 Control prefixes "{AccountId}." to any host; only an endpoint provider keeps the URL (clients.ts).
    const { forcePathStyle: _pathStyle, ...controlOptions } = clientOptions();
    const control = new S3ControlClient({
      ...controlOptions,
      endpointProvider: () => ({ url: new URL(endpoint) }),
    });
    expect((await failure(getAccountPublicAccessBlock(control, "eu-west-1", "123456789012"))).awsErrorCode).toBe(
      "UnreadableResponse",
    );
    control.destroy();
  });
});
