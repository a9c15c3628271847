import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  generateTotpSecret,
  matchTotpStep,
  normalizeRecoveryCode,
  normalizeTotpCode,
  totpCode,
  totpStep,
  totpUri,
} from "./totp";

// RFC 6238 Appendix B: the SHA-1 test secret is ASCII "12345678901234567890"; 8-digit values there, whose
// last six digits are the 6-digit codes an authenticator shows.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
];

describe("TOTP", () => {
  it.each(RFC_VECTORS)("matches RFC 6238's test vector at T=%i", (seconds, eightDigits) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(-6));
  });

  it("accepts the code of the current step and of one step either side, and no further", () => {
    const secret = generateTotpSecret();
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      expect(matchTotpStep(secret, totpCode(secret, now + offset * 30_000), now)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(matchTotpStep(secret, totpCode(secret, now + offset * 30_000), now)).toBeNull();
    }
  });

  it("refuses another secret's code and anything that is not six digits", () => {
    const secret = generateTotpSecret();
    const now = Date.now();
    expect(matchTotpStep(generateTotpSecret(), totpCode(secret, now), now)).toBeNull();
    for (const input of ["", "12345", "1234567", "abcdef", "12 34 5a", "１２３４５６"]) {
      expect(matchTotpStep(secret, input, now), input).toBeNull();
    }
  });

  it("ignores the spaces apps show in a code", () => {
    const secret = generateTotpSecret();
    const code = totpCode(secret);
    expect(normalizeTotpCode(`${code.slice(0, 3)} ${code.slice(3)}`)).toBe(code);
    expect(matchTotpStep(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `)).not.toBeNull();
  });

  it("makes 160-bit base32 secrets and an otpauth URI an app can read", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "ada@rampart.example"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Rampart");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(uri.searchParams.get("digits")).toBe("6");
  });
});

describe("recovery codes", () => {
  it("makes ten distinct codes in the xxxxx-xxxxx form", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });

  it("reads a code typed in capitals, with spaces or without the dash, and nothing else", () => {
    const [code] = generateRecoveryCodes(1);
    expect(normalizeRecoveryCode(code!.toUpperCase())).toBe(code);
    expect(normalizeRecoveryCode(code!.replace("-", ""))).toBe(code);
    expect(normalizeRecoveryCode(` ${code!.replace("-", " ")} `)).toBe(code);
    for (const input of ["", "abcde-fghj", "abcde-fghjk-m", "abcde-fghj0", "123456"]) {
      expect(normalizeRecoveryCode(input), input).toBeNull();
    }
  });
});
