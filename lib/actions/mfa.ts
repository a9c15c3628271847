"use server";

import { returnValidationErrors } from "next-safe-action";
import QRCode from "qrcode";
import { ownAccountActionClient } from "@/lib/actions/action-client";
import { confirmMfaEnrolmentSchema, startMfaEnrolmentSchema } from "@/lib/actions/mfa-schemas";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/auth/mfa";

// Setting up one's own second factor (ADR 015). The secret goes to this user's browser once, in the
// answer to startMfaEnrolmentAction, and is never logged or audited.

export const startMfaEnrolmentAction = ownAccountActionClient
  .metadata({ actionName: "startMfaEnrolment" })
  .inputSchema(startMfaEnrolmentSchema)
  .action(async ({ ctx: { actor, transaction } }) => {
    const { secret, uri } = await transaction(async (tx, audit) => {
      const started = await startMfaEnrolment(tx, actor);
      await audit({
        action: "user.mfa_enrolment_started",
        targetType: "User",
        targetId: actor.userId,
        customerId: actor.customerId,
      });
      return started;
    });
    const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
    return { secret, qrSvg };
  });

export const confirmMfaEnrolmentAction = ownAccountActionClient
  .metadata({ actionName: "confirmMfaEnrolment" })
  .inputSchema(confirmMfaEnrolmentSchema)
  .action(async ({ parsedInput, ctx: { actor, transaction } }) => {
    const confirmed = await transaction(async (tx, audit) => {
      const result = await confirmMfaEnrolment(tx, actor.userId, parsedInput.code);
      if (result) {
        await audit({
          action: "user.mfa_enabled",
          targetType: "User",
          targetId: actor.userId,
          customerId: actor.customerId,
        });
      }
      return result;
    });
    if (!confirmed) {
      returnValidationErrors(confirmMfaEnrolmentSchema, {
        code: { _errors: ["That code did not match. Enter the 6-digit code your app shows now."] },
      });
    }
    return { recoveryCodes: confirmed.recoveryCodes };
  });
