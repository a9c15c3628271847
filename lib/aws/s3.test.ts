import { describe, expect, it } from "vitest";
import { bucketRegionFromLocation } from "./s3";

describe("bucketRegionFromLocation", () => {
  it.each([
    [undefined, "us-east-1"],
    ["", "us-east-1"],
    ["EU", "eu-west-1"],
    ["ap-southeast-1", "ap-southeast-1"],
  ])("LocationConstraint %j → %s", (location, region) => {
    expect(bucketRegionFromLocation(location)).toBe(region);
  });
});
