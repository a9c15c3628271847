import { totpCode } from "../lib/auth/totp";
import { DEMO_USERS } from "../prisma/demo-users";

// `npm run demo:code -- admin`: the current sign-in code of a demo staff user, as their authenticator
// app would show it (ADR 015). Demo only: the secrets are published in prisma/demo-users.ts.

const key = process.argv[2] ?? "admin";
const user = DEMO_USERS.find((candidate) => candidate.key === key);
if (!user?.mfaSecret) {
  const keys = DEMO_USERS.filter((candidate) => candidate.mfaSecret).map((candidate) => candidate.key);
  console.error(`No demo user "${key}" with two-step sign-in. Use one of: ${keys.join(", ")}.`);
  process.exit(1);
}
const seconds = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totpCode(user.mfaSecret)}  (${user.email}; valid for ${seconds} s more, once)`);
