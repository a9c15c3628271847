import { describe, expect, it } from "vitest";
import { syncAccountJob } from "./definitions";
import { parseJobPayload } from "./job-definition";

describe("job payloads", () => {
  it("accept a well-formed sync payload", () => {
    expect(parseJobPayload(syncAccountJob, { syncRunId: "run_1" })).toEqual({ syncRunId: "run_1" });
  });
  it("refuse a bad payload naming the job and the field", () => {
    expect(() => parseJobPayload(syncAccountJob, { syncRunId: 42 })).toThrow(
      /Job sync-account received a bad payload: syncRunId:/,
    );
    expect(() => parseJobPayload(syncAccountJob, null)).toThrow(/Job sync-account received a bad payload/);
  });
});
