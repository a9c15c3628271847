import { describe, expect, it } from "vitest";
import { mapCertificate, normalizeKeyAlgorithm } from "./acm";

describe("ACM mappers", () => {
  it.each([
    ["RSA-2048", "RSA_2048"],
    ["EC-prime256v1", "EC_prime256v1"],
    ["EC_secp384r1", "EC_secp384r1"],
    [undefined, null],
  ])("normalizes key algorithm %s → %s", (input, expected) => {
    expect(normalizeKeyAlgorithm(input)).toBe(expected);
  });

  it("marks a certificate in use when something uses it and keeps its expiry", () => {
    const certificate = mapCertificate({
      CertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
      DomainName: "app.example",
      NotAfter: new Date("2025-01-01T00:00:00Z"),
      InUseBy: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1"],
    });
    expect(certificate).toMatchObject({ inUse: true, notAfter: "2025-01-01T00:00:00.000Z" });
    expect(mapCertificate({ CertificateArn: "x" }).inUse).toBe(false);
  });
});
