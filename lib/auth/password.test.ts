import { describe, expect, it } from "vitest";
import {
  hashPassword,
  isCommonPassword,
  loadCommonPasswords,
  PASSWORD_MIN_LENGTH,
  validateNewPassword,
  verifyPassword,
} from "./password";

describe("validateNewPassword", () => {
  it.each([
    ["", `Use at least ${PASSWORD_MIN_LENGTH} characters.`],
    ["short-pass1", `Use at least ${PASSWORD_MIN_LENGTH} characters.`],
    ["x".repeat(257), "Use at most 256 characters."],
    ["            ", "The password cannot be only spaces."],
    ["abababababab", "Use more than three different characters."],
    ["qwerty123456", "This password is too common. Choose one that is harder to guess."],
    ["QWERTY123456", "This password is too common. Choose one that is harder to guess."],
    ["1qaz2wsx3edc", "This password is too common. Choose one that is harder to guess."],
  ])("rejects %j", (password, message) => {
    expect(validateNewPassword(password)).toBe(message);
  });

  it("rejects a password containing the e-mail's local part or the name", () => {
    expect(validateNewPassword("ada.lovelace-2024!", { email: "Ada.Lovelace@example.com" })).toBe(
      "The password must not contain your e-mail address.",
    );
    expect(validateNewPassword("my name is Grace Hopper", { name: "grace hopper" })).toBe(
      "The password must not contain your name.",
    );
  });

  it("accepts a long uncommon passphrase", () => {
    expect(validateNewPassword("correct horse battery staple", { email: "ada@example.com", name: "Ada" })).toBeNull();
    expect(validateNewPassword(`${"x".repeat(11)}yz!`)).toBeNull();
  });
});

describe("common-password list", () => {
  it("ships 10,000 entries of at least the minimum length, comments excluded", () => {
    const list = loadCommonPasswords();
    expect(list.size).toBe(10_000);
    for (const entry of list) expect(entry.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    expect([...list].some((entry) => entry.startsWith("# "))).toBe(false);
    expect(isCommonPassword("123qweasdzxc")).toBe(true);
    expect(isCommonPassword("correct horse battery staple")).toBe(false);
  });
});

describe("hashPassword / verifyPassword", () => {
  it("hashes with argon2id and a per-hash salt", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(first, "correct horse battery stapl")).toBe(false);
  });

  it("answers false rather than throwing for a malformed hash or an oversized password", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
    const hash = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(hash, "y".repeat(10_000))).toBe(false);
  });
});
