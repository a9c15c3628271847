import { describe, expect, it } from "vitest";
import { SERVICE_MODELS } from "../models";
import { SERVICES } from "../services";
import { modelledErrorStatus, serverErrorCode } from "./generic-errors";

// Issue 12 item 9: a 5xx fault answers a code the service's botocore model allows at that status.
describe("serverErrorCode", () => {
  it("never answers a code the model pins to another status", () => {
    const wrong: string[] = [];
    for (const service of SERVICES) {
      const model = SERVICE_MODELS[service.key];
      for (const status of [500, 502, 503, 504]) {
        const code = serverErrorCode(service, model, status);
        const pinned = modelledErrorStatus(model, code);
        if (pinned !== undefined && pinned !== status)
          wrong.push(`${service.key} ${status}: ${code} (modelled at ${pinned})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("keeps a service's own code at the status its model gives it, and falls back elsewhere", () => {
    const inspector = SERVICES.find((service) => service.key === "inspector2");
    if (!inspector) throw new Error("inspector2 missing");
    const model = SERVICE_MODELS.inspector2;
    expect(modelledErrorStatus(model, "InternalServerException")).toBe(500);
    expect(serverErrorCode(inspector, model, 500)).toBe("InternalServerException");
    expect(serverErrorCode(inspector, model, 503)).toBe("ServiceUnavailableException");
    expect(serverErrorCode(inspector, model, 502)).toBe("InternalFailure");
  });
});
