import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCallError } from "./errors";
import { getAccountPasswordPolicy, getAccountSummary, getCredentialReport } from "./iam";
import { getAccountPublicAccessBlock, getBucketPolicyStatus, getPublicAccessBlock } from "./s3";

// Issue 12 item 3: a body that cannot be read as the answer (an HTML page, the wrong document) is an
// error with its HTTP status, never a value. A real SDK client over HTTP to a server that answers badly.

let server: Server;
let endpoint: string;
interface Answer {
  status: number;
  contentType: string;
  body: string;
}
/** One answer for every request, or one per query-protocol Action (IAM). */
let answer: Answer | ((action: string) => Answer);

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      const chosen = typeof answer === "function" ? answer(new URLSearchParams(body).get("Action") ?? "") : answer;
      response.writeHead(chosen.status, { "content-type": chosen.contentType });
      response.end(chosen.body);
    });
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

  // IAM (query protocol): a 200 whose result element is empty or another operation's is no answer. The
  // collector treats these as errors (lib/aws/iam.ts), never as "no summary flags", "no policy", "no users".
  const iamResult = (action: string, inner = "") =>
    `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`;
  const iamClient = () => new IAMClient({ ...clientOptions(), region: "us-east-1" });
  const xml = (body: string): Answer => ({ status: 200, contentType: "text/xml", body });

  it("an IAM account summary without its SummaryMap is an error, not an account without flags", async () => {
    answer = xml(iamResult("GetAccountSummary"));
    const client = iamClient();
    const error = await failure(getAccountSummary(client));
    expect(error).toMatchObject({
      operation: "GetAccountSummary",
      awsErrorCode: "UnreadableResponse",
      httpStatusCode: 200,
    });
    // Another operation's document answers no better.
    answer = xml(iamResult("ListAccountAliases", "<AccountAliases></AccountAliases><IsTruncated>false</IsTruncated>"));
    expect((await failure(getAccountSummary(client))).awsErrorCode).toBe("UnreadableResponse");
    client.destroy();
  });

  it("a password-policy answer without the policy is an error, not 'no policy set'", async () => {
    answer = xml(iamResult("GetAccountPasswordPolicy"));
    const client = iamClient();
    const error = await failure(getAccountPasswordPolicy(client));
    expect(error).toMatchObject({
      operation: "GetAccountPasswordPolicy",
      awsErrorCode: "UnreadableResponse",
      httpStatusCode: 200,
    });
    client.destroy();
  });

  it("a credential report without CSV content is an error, not an account without users", async () => {
    answer = (action) =>
      action === "GenerateCredentialReport"
        ? xml(iamResult(action, "<State>COMPLETE</State>"))
        : xml(
            iamResult(
              action,
              "<ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-12-01T00:00:00Z</GeneratedTime>",
            ),
          );
    const client = iamClient();
    const wait = { maxWaitMs: 1_000, pollIntervalMs: 10, maxPollIntervalMs: 10 };
    const error = await failure(getCredentialReport(client, wait));
    expect(error).toMatchObject({
      operation: "GetCredentialReport",
      awsErrorCode: "UnreadableResponse",
      httpStatusCode: 200,
    });
    // Content that is not the report (an HTML page, base64-encoded as the Content member is) fails the same way.
    const html = Buffer.from(HTML_PAGE).toString("base64");
    answer = (action) =>
      action === "GenerateCredentialReport"
        ? xml(iamResult(action, "<State>COMPLETE</State>"))
        : xml(iamResult(action, `<Content>${html}</Content><ReportFormat>text/csv</ReportFormat>`));
    expect((await failure(getCredentialReport(client, wait))).awsErrorCode).toBe("UnreadableResponse");
    client.destroy();
  });
});
