import { TOTP_PERIOD_SECONDS, totpCode, totpStep } from "../totp";

// Tests and tools that sign in as a user with two-step sign-in act as that user's authenticator app.
// A code is accepted once per 30 s step (replay guard, ADR 015), so when another process just used this
// step's code, the next attempt waits for the next step.

/** Calls `attempt` with the current code; on failure waits for the next time step and tries again. */
export async function withFreshTotpCode<T>(
  secret: string,
  attempt: (code: string) => Promise<T | null>,
  tries = 3,
): Promise<T | null> {
  for (let index = 0; index < tries; index += 1) {
    const result = await attempt(totpCode(secret));
    if (result !== null) return result;
    if (index < tries - 1) await waitForNextStep();
  }
  return null;
}

/** Resolves just after the current 30 s time step ends. */
async function waitForNextStep(): Promise<void> {
  const nextStepMs = (totpStep(Date.now()) + 1) * TOTP_PERIOD_SECONDS * 1000;
  await new Promise((resolve) => setTimeout(resolve, nextStepMs - Date.now() + 200));
}

/** Resolves once the current step is later than `lastUsedStep` (the one a previous sign-in used). */
export async function waitForStepAfter(lastUsedStep: number | null | undefined): Promise<void> {
  while (lastUsedStep !== null && lastUsedStep !== undefined && totpStep(Date.now()) <= lastUsedStep) {
    await waitForNextStep();
  }
}
