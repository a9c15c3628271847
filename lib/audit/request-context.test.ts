import { describe, expect, it } from "vitest";
import { requestContextFrom } from "./request-context";

describe("requestContextFrom", () => {
  it("takes the right-most X-Forwarded-For hop, the one the nearest proxy added", () => {
    const headers = new Headers({ "x-forwarded-for": "1.1.1.1, 10.0.0.7", "user-agent": "Firefox" });
    expect(requestContextFrom(headers)).toEqual({ ip: "10.0.0.7", userAgent: "Firefox" });
  });

  it("reads next-auth's plain header records too", () => {
    expect(requestContextFrom({ "x-real-ip": "192.0.2.1", "user-agent": ["curl"] })).toEqual({
      ip: "192.0.2.1",
      userAgent: "curl",
    });
    expect(requestContextFrom({})).toEqual({ ip: undefined, userAgent: undefined });
  });
});
