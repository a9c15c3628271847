"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

// One message for every failure — wrong password, unknown e-mail, locked, deactivated — so the form
// never tells an attacker which accounts exist.
const GENERIC_ERROR =
  "That e-mail and password did not work. After several failed attempts sign-in is paused for a while; try again later or ask your administrator.";
const SSO_ERROR = "Single sign-on did not work for this account. Ask your administrator.";
const CODE_ERROR =
  "That code did not work. Enter the current code from your authenticator app, or an unused recovery code. After several failed attempts sign-in is paused for a while.";
// lib/auth/options.ts MFA_REQUIRED_ERROR (a client component cannot import the server's options).
const MFA_REQUIRED = "MfaRequired";

export function SignInForm({
  callbackPath,
  ssoName,
  initialError,
}: {
  callbackPath: string;
  ssoName: string | null;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(
    initialError ? (initialError === "CredentialsSignin" ? GENERIC_ERROR : SSO_ERROR) : null,
  );
  const [pending, setPending] = useState(false);
  // Second step (ADR 015): the password was right and the account has a second factor. The e-mail and
  // password stay in this component's memory only and are sent again with the code; no session exists yet.
  const [firstStep, setFirstStep] = useState<{ email: string; password: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = firstStep ?? {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      ...credentials,
      ...(firstStep ? { code: String(form.get("code") ?? "") } : {}),
      redirect: false,
    }).catch(() => null);
    if (!firstStep && result?.error === MFA_REQUIRED) {
      setPending(false);
      setFirstStep(credentials);
      return;
    }
    if (!result?.ok || result.error) {
      setPending(false);
      setError(firstStep ? CODE_ERROR : GENERIC_ERROR);
      return;
    }
    // A full navigation, so the signed-in shell renders from the new session cookie.
    window.location.assign(callbackPath);
  }

  return (
    <div className="space-y-5">
      {firstStep ? (
        <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
          <p className="text-sm text-slate-700">
            Enter the 6-digit code from your authenticator app for {firstStep.email}. Lost your phone? Enter one of your
            recovery codes instead.
          </p>
          <Field id="code" label="Authentication code">
            <Input
              id="code"
              name="code"
              autoComplete="one-time-code"
              inputMode="text"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={32}
              autoFocus
            />
          </Field>
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} className="w-full">
            {pending ? "Checking…" : "Verify and sign in"}
          </Button>
          <Button
            type="button"
            variant="secondary"
            className="w-full"
            onClick={() => {
              setFirstStep(null);
              setError(null);
            }}
          >
            Start again
          </Button>
        </form>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
          <Field id="email" label="E-mail">
            <Input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
          </Field>
          <Field id="password" label="Password">
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={256}
            />
          </Field>
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} className="w-full">
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      )}
      {ssoName ? (
        <div className="border-t border-slate-200 pt-4">
          <Button
            variant="secondary"
            className="w-full"
            onClick={() => void signIn("oidc", { callbackUrl: callbackPath })}
          >
            Sign in with {ssoName}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
