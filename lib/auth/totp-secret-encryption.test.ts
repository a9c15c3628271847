import { describe, expect, it } from "vitest";
import { generateTotpSecret } from "./totp";
import {
  deriveTotpSecretKey,
  openTotpSecret,
  sealTotpSecret,
  TotpSecretUnreadableError,
} from "./totp-secret-encryption";

// TOTP secrets at rest (issue 16, ADR 015): AES-256-GCM, versioned, bound to the user, refused when altered.

const current = deriveTotpSecretKey("current-secret-0123456789abcdef0123456789abcdef");
const previous = deriveTotpSecretKey("previous-secret-0123456789abcdef0123456789abcdef");
const USER = "user-1";

function flipCharacterAt(text: string, index: number): string {
  const replacement = text[index] === "A" ? "B" : "A";
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe("sealing a TOTP secret", () => {
  it("stores neither the secret nor its bytes, in the v1 format, and opens to the same secret", () => {
    const secret = generateTotpSecret();
    const sealed = sealTotpSecret(secret, USER, current);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(secret);
    expect(sealed.split(".")[1]).toBe(current.id);
    expect(openTotpSecret(sealed, USER, { current })).toEqual({ secret, needsReseal: false });
  });

  it("uses a fresh IV each time", () => {
    const secret = generateTotpSecret();
    expect(sealTotpSecret(secret, USER, current)).not.toBe(sealTotpSecret(secret, USER, current));
  });

  it("refuses a value altered anywhere: IV, ciphertext or tag", () => {
    const sealed = sealTotpSecret(generateTotpSecret(), USER, current);
    const [version, keyId, iv, body] = sealed.split(".") as [string, string, string, string];
    const altered = [
      [version, keyId, flipCharacterAt(iv, 3), body],
      [version, keyId, iv, flipCharacterAt(body, 2)],
      [version, keyId, iv, flipCharacterAt(body, body.length - 3)],
      [version, keyId, iv, body.slice(0, -4)],
    ].map((parts) => parts.join("."));
    for (const value of altered) {
      expect(() => openTotpSecret(value, USER, { current }), value).toThrow(TotpSecretUnreadableError);
    }
  });

  it("refuses a value sealed for another user (copied into this user's row)", () => {
    const sealed = sealTotpSecret(generateTotpSecret(), "someone-else", current);
    expect(() => openTotpSecret(sealed, USER, { current })).toThrow(/altered, or not this user's/);
  });

  it("refuses the wrong key, including a forged key id", () => {
    const sealed = sealTotpSecret(generateTotpSecret(), USER, previous);
    expect(() => openTotpSecret(sealed, USER, { current })).toThrow(/another key/);
    const forged = sealed.replace(`.${previous.id}.`, `.${current.id}.`);
    expect(() => openTotpSecret(forged, USER, { current })).toThrow(/altered/);
  });

  it("opens a value under the previous key (NEXTAUTH_SECRET rotated) and asks for it to be sealed again", () => {
    const secret = generateTotpSecret();
    const sealed = sealTotpSecret(secret, USER, previous);
    expect(openTotpSecret(sealed, USER, { current, previous })).toEqual({ secret, needsReseal: true });
  });

  it("reads a secret stored in plain text before encryption, and asks for it to be sealed", () => {
    const secret = generateTotpSecret();
    expect(openTotpSecret(secret, USER, { current })).toEqual({ secret, needsReseal: true });
  });

  it("refuses an unknown version or shape, without quoting the stored value", () => {
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXP", USER, current);
    for (const value of [sealed.replace(/^v1/, "v2"), "v1.abc", "not a secret", ""]) {
      let message = "";
      try {
        openTotpSecret(value, USER, { current });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, value).toMatch(/cannot be read/);
      if (value) expect(message).not.toContain(value);
    }
  });

  it("derives a different key from a different NEXTAUTH_SECRET, and the same key from the same one", () => {
    expect(deriveTotpSecretKey("current-secret-0123456789abcdef0123456789abcdef").key.equals(current.key)).toBe(true);
    expect(previous.key.equals(current.key)).toBe(false);
    expect(current.key).toHaveLength(32);
  });
});
