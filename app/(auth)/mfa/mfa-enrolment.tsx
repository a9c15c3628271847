"use client";

import { useAction } from "next-safe-action/hooks";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { confirmMfaEnrolmentAction, startMfaEnrolmentAction } from "@/lib/actions/mfa";

/** Scan (or type) the secret, prove it with one code, then keep the recovery codes shown once. */
export function MfaEnrolment({ email, callbackPath }: { email: string; callbackPath: string }) {
  const start = useAction(startMfaEnrolmentAction);
  const confirm = useAction(confirmMfaEnrolmentAction);
  const [saved, setSaved] = useState(false);
  const started = start.result.data;
  const recoveryCodes = confirm.result.data?.recoveryCodes;
  const codeError = confirm.result.validationErrors?.fieldErrors?.code?.[0] ?? confirm.result.serverError;

  if (recoveryCodes) {
    return (
      <div className="space-y-4 text-sm text-slate-700">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-green-800">
          Two-step sign-in is on.
        </p>
        <p>
          Keep these recovery codes somewhere safe, apart from your phone. Each one signs you in once if you lose your
          authenticator app. They are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-3 font-mono">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />I have saved my
          recovery codes
        </label>
        <Button className="w-full" disabled={!saved} onClick={() => window.location.assign(callbackPath)}>
          Continue
        </Button>
      </div>
    );
  }

  if (!started) {
    return (
      <div className="space-y-3">
        <Button className="w-full" disabled={start.isPending} onClick={() => start.execute({})}>
          {start.isPending ? "Preparing…" : "Set up two-step sign-in"}
        </Button>
        {start.result.serverError ? (
          <p role="alert" className="text-sm text-red-700">
            {start.result.serverError}
          </p>
        ) : null}
      </div>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.execute({ code: String(new FormData(event.currentTarget).get("code") ?? "") });
  }

  return (
    <div className="space-y-4 text-sm text-slate-700">
      <p>
        1. Scan this QR code with an authenticator app (for example 1Password, Google Authenticator or Microsoft
        Authenticator).
      </p>
      {/* biome-ignore lint/performance/noImgElement: an inline SVG data URL, nothing for next/image to optimise. */}
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(started.qrSvg)}`}
        alt={`QR code to add Rampart (${email}) to your authenticator app`}
        width={192}
        height={192}
        className="mx-auto h-48 w-48"
      />
      <div>
        <p>Cannot scan it? Enter this key in the app instead (time-based, 6 digits):</p>
        <p
          data-testid="mfa-secret"
          className="mt-1 break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-slate-900 ring-1 ring-slate-200"
        >
          {started.secret.match(/.{1,4}/g)?.join(" ")}
        </p>
      </div>
      <form onSubmit={onSubmit} className="space-y-3">
        <Field id="code" label="2. Code from your app" error={codeError}>
          <Input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maxLength={12}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? "code-error" : undefined}
          />
        </Field>
        <Button type="submit" className="w-full" disabled={confirm.isPending}>
          {confirm.isPending ? "Checking…" : "Verify and turn on"}
        </Button>
      </form>
    </div>
  );
}
