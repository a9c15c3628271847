import { describe, expect, it } from "vitest";
import { createChangeRequestSchema, decideChangeSchema } from "./change-schemas";

const inDays = (days: number, hour: string) =>
  `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${hour}`;

const valid = {
  customerId: "c1",
  title: "Close SSH on the bastion",
  description: "Remove the 0.0.0.0/0 rule on port 22 of the bastion's security group.",
  justification: "NET-1 fails on it; access moves to Session Manager.",
  preliminaryImpact: "Nobody connects over SSH any more.",
  windowStart: inDays(2, "22:00"),
  windowEnd: inDays(2, "23:30"),
  windowTimeZone: "Europe/Madrid",
  responsibleRole: "Cloud consultant",
  responsibleName: "Carlos Consultant",
  components: [{ awsAccountId: "a1", region: "eu-west-1", resourceKind: "security-group", resourceId: "sg-1" }],
};

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("a change request's input", () => {
  it("turns the window into instants in its time zone", () => {
    const parsed = createChangeRequestSchema.parse(valid);
    expect(parsed.windowEndAt.getTime() - parsed.windowStartAt.getTime()).toBe(90 * 60_000);
    expect(parsed.components[0]).toEqual({
      awsAccountId: "a1",
      region: "eu-west-1",
      resourceKind: "security-group",
      resourceId: "sg-1",
    });
  });

  it("refuses a window that ends before it starts, at the end field", () => {
    const errors = errorsOf(createChangeRequestSchema.safeParse({ ...valid, windowEnd: inDays(2, "21:00") }));
    expect(errors.windowEnd).toMatch(/^The window must end after it starts/);
  });

  it("refuses a window that has already ended, one that is too long, and an unknown time zone", () => {
    expect(
      errorsOf(
        createChangeRequestSchema.safeParse({
          ...valid,
          windowStart: inDays(-3, "10:00"),
          windowEnd: inDays(-3, "11:00"),
        }),
      ).windowEnd,
    ).toMatch(/already ended/);
    expect(
      errorsOf(createChangeRequestSchema.safeParse({ ...valid, windowEnd: inDays(30, "10:00") })).windowEnd,
    ).toMatch(/at most 14 days/);
    expect(
      errorsOf(createChangeRequestSchema.safeParse({ ...valid, windowTimeZone: "Mars/Olympus" })).windowTimeZone,
    ).toMatch(/Not a time zone/);
  });

  it("needs at least one component, and a resource kind only with its id", () => {
    expect(errorsOf(createChangeRequestSchema.safeParse({ ...valid, components: [] })).components).toMatch(
      /at least one/,
    );
    expect(
      errorsOf(
        createChangeRequestSchema.safeParse({ ...valid, components: [{ awsAccountId: "a1", resourceKind: "bucket" }] }),
      )["components.0.resourceId"],
    ).toMatch(/Pick a resource/);
    expect(
      errorsOf(
        createChangeRequestSchema.safeParse({
          ...valid,
          components: [{ awsAccountId: "a1", resourceKind: "spaceship", resourceId: "x" }],
        }),
      )["components.0.resourceKind"],
    ).toBeDefined();
  });
});

describe("a decision's input", () => {
  it("needs a reason to reject and a comment to approve", () => {
    expect(
      errorsOf(decideChangeSchema.safeParse({ changeId: "x", version: 1, verdict: "REJECTED", comment: "no" })).comment,
    ).toMatch(/Say why/);
    expect(
      errorsOf(decideChangeSchema.safeParse({ changeId: "x", version: 1, verdict: "APPROVED", comment: "" })).comment,
    ).toMatch(/comment/);
    expect(
      decideChangeSchema.safeParse({ changeId: "x", version: "2", verdict: "APPROVED", comment: "OK to go" }).success,
    ).toBe(true);
  });
});
