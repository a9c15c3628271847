import { logger } from "@/lib/logger";
import { appBaseUrl, sendMail } from "@/lib/mail/mailer";

/** Tells an account's owner that sign-ins from one address were paused after repeated failures. */
export async function notifyOwnerOfLockout(input: { email: string; ip?: string; until: Date }): Promise<void> {
  const text = [
    "Someone tried to sign in to your Rampart account with a wrong password or sign-in code several times",
    `from the address ${input.ip ?? "unknown"}. Sign-ins from that address are paused until ${input.until.toISOString()} (UTC).`,
    "",
    "Your own sign-in from anywhere else is not affected. If this was not you, nothing more is needed;",
    "if it keeps happening, tell your Rampart administrator, who can also lift the pause.",
    "",
    appBaseUrl(),
  ].join("\n");
  // A mail failure must not change the sign-in's answer (nor its timing by much): logged, not thrown.
  await sendMail({ to: input.email, subject: "Rampart: failed sign-ins to your account", text }).catch(
    (error: unknown) => logger.warn({ err: error }, "lockout notice not sent"),
  );
}
