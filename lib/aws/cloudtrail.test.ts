import { describe, expect, it } from "vitest";
import { deduplicateTrails, mapEventSelector, mapTrailStatus, parseLogGroupArn } from "./cloudtrail";

describe("deduplicateTrails", () => {
  it("keeps one entry per trail ARN and records every region that listed it", () => {
    const org = {
      Name: "org",
      TrailARN: "arn:aws:cloudtrail:us-east-1:111111111111:trail/org",
      HomeRegion: "us-east-1",
    };
    const local = {
      Name: "local",
      TrailARN: "arn:aws:cloudtrail:eu-west-1:123456789012:trail/local",
      HomeRegion: "eu-west-1",
    };
    const deduplicated = deduplicateTrails([
      { region: "us-east-1", trails: [org] },
      { region: "eu-west-1", trails: [{ ...org }, local] },
    ]);
    expect(deduplicated.map((entry) => [entry.trail.Name, entry.seenInRegions])).toEqual([
      ["org", ["us-east-1", "eu-west-1"]],
      ["local", ["eu-west-1"]],
    ]);
  });
});

describe("parseLogGroupArn", () => {
  it("reads region, account and name, with or without the trailing :*", () => {
    expect(parseLogGroupArn("arn:aws:logs:eu-west-1:123456789012:log-group:aws-cloudtrail-logs:*")).toEqual({
      region: "eu-west-1",
      accountId: "123456789012",
      name: "aws-cloudtrail-logs",
    });
    expect(parseLogGroupArn("arn:aws:logs:us-east-1:123456789012:log-group:/org/trail")?.name).toBe("/org/trail");
    expect(parseLogGroupArn("not-an-arn")).toBeNull();
  });
});

describe("selector and status mappers", () => {
  it("defaults IncludeManagementEvents to true as the API does", () => {
    expect(mapEventSelector({ ReadWriteType: "All" })).toEqual({
      readWriteType: "All",
      includeManagementEvents: true,
      excludeManagementEventSources: [],
      dataResources: [],
    });
  });

  it("maps status dates to ISO strings and empty errors to null", () => {
    expect(
      mapTrailStatus({
        IsLogging: true,
        LatestDeliveryTime: new Date("2024-06-01T00:00:00Z"),
        LatestDeliveryError: "",
        $metadata: {},
      } as never),
    ).toMatchObject({ isLogging: true, latestDeliveryTime: "2024-06-01T00:00:00.000Z", latestDeliveryError: null });
  });
});
