import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createInvitationToken, hashInvitationToken, isWellFormedInvitationToken } from "./invitation-token";

describe("invitation tokens", () => {
  it("are 256-bit URL-safe strings stored only as their sha256", () => {
    const { token, tokenHash } = createInvitationToken();
    expect(isWellFormedInvitationToken(token)).toBe(true);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).not.toContain(token);
    expect(hashInvitationToken(token)).toBe(tokenHash);
    expect(createInvitationToken().token).not.toBe(token);
  });

  it.each([undefined, "", "short", `${"a".repeat(43)}=`, "a".repeat(44), `${"a".repeat(42)}/`])(
    "rejects malformed %j",
    (value) => {
      expect(isWellFormedInvitationToken(value)).toBe(false);
    },
  );
});
