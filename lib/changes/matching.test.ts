import { describe, expect, it } from "vitest";
import {
  componentCovers,
  findCoveringRequest,
  type MatchableChange,
  type MatchableRequest,
  windowCovers,
} from "./matching";

const at = (iso: string) => new Date(iso);

const change: MatchableChange = {
  awsAccountId: "acc-1",
  region: "us-east-1",
  resourceKind: "security-group",
  resourceId: "sg-1",
  firstSeenAt: at("2026-12-01T12:00:00Z"),
  previousSeenAt: at("2026-12-01T06:00:00Z"),
};

function request(overrides: Partial<MatchableRequest> = {}): MatchableRequest {
  return {
    id: "cr-1",
    status: "APPROVED",
    windowStart: at("2026-12-01T08:00:00Z"),
    windowEnd: at("2026-12-01T14:00:00Z"),
    components: [{ awsAccountId: "acc-1", region: null, resourceKind: null, resourceId: null }],
    ...overrides,
  };
}

describe("windowCovers", () => {
  it.each([
    ["seen inside the window", "2026-12-01T08:00:00Z", "2026-12-01T14:00:00Z", true],
    ["seen before the window started", "2026-12-01T13:00:00Z", "2026-12-01T15:00:00Z", false],
    [
      "seen after the end, previous collection before the end (sync lag)",
      "2026-12-01T06:00:00Z",
      "2026-12-01T10:00:00Z",
      true,
    ],
    ["seen after the end, previous collection after the end", "2026-12-01T03:00:00Z", "2026-12-01T05:00:00Z", false],
  ])("%s", (_, windowStart, windowEnd, covers) => {
    expect(windowCovers({ windowStart: at(windowStart), windowEnd: at(windowEnd) }, change)).toBe(covers);
  });

  it("without a previous collection, covers only a change seen within the window", () => {
    const unknownBefore = { ...change, previousSeenAt: null };
    expect(
      windowCovers({ windowStart: at("2026-12-01T06:00:00Z"), windowEnd: at("2026-12-01T10:00:00Z") }, unknownBefore),
    ).toBe(false);
  });
});

describe("componentCovers", () => {
  it.each([
    ["the whole account", { region: null, resourceKind: null, resourceId: null }, true],
    ["the account in the change's region", { region: "us-east-1", resourceKind: null, resourceId: null }, true],
    ["another region", { region: "eu-west-1", resourceKind: null, resourceId: null }, false],
    ["the resource itself", { region: "us-east-1", resourceKind: "security-group", resourceId: "sg-1" }, true],
    ["another resource", { region: null, resourceKind: "security-group", resourceId: "sg-2" }, false],
    ["the same id of another kind", { region: null, resourceKind: "network-acl", resourceId: "sg-1" }, false],
  ])("%s", (_, component, covers) => {
    expect(componentCovers({ awsAccountId: "acc-1", ...component }, change)).toBe(covers);
  });

  it("never covers another account", () => {
    expect(componentCovers({ awsAccountId: "acc-2", region: null, resourceKind: null, resourceId: null }, change)).toBe(
      false,
    );
  });

  it("names an IAM user by name or ARN, and ignores the component's region for global resources", () => {
    const iamChange = { ...change, region: "global", resourceKind: "iam-user", resourceId: "vendor" };
    const component = { awsAccountId: "acc-1", region: "us-east-1", resourceKind: "iam-user" };
    expect(componentCovers({ ...component, resourceId: "vendor" }, iamChange)).toBe(true);
    expect(componentCovers({ ...component, resourceId: "arn:aws:iam::111122223333:user/ops/vendor" }, iamChange)).toBe(
      true,
    );
    expect(componentCovers({ ...component, resourceId: "arn:aws:iam::111122223333:user/ops/other" }, iamChange)).toBe(
      false,
    );
  });
});

describe("findCoveringRequest", () => {
  it("matches only an authorising status", () => {
    for (const status of ["DRAFT", "ASSESSED", "REJECTED", "CANCELLED"] as const) {
      expect(findCoveringRequest(change, [request({ status })])).toBeNull();
    }
    for (const status of ["APPROVED", "IN_PROGRESS", "VALIDATED", "CLOSED"] as const) {
      expect(findCoveringRequest(change, [request({ status })])?.status).toBe(status);
    }
  });

  it("needs both the window and a component; prefers the latest window", () => {
    const elsewhere = request({
      id: "cr-other-account",
      components: [{ awsAccountId: "acc-2", region: null, resourceKind: null, resourceId: null }],
    });
    const earlier = request({ id: "cr-earlier", windowStart: at("2026-12-01T01:00:00Z") });
    const later = request({ id: "cr-later", windowStart: at("2026-12-01T09:00:00Z") });
    expect(findCoveringRequest(change, [elsewhere])).toBeNull();
    expect(findCoveringRequest(change, [earlier, later, elsewhere])?.id).toBe("cr-later");
  });
});
