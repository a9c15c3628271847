"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { acceptInvitationAction } from "@/lib/actions/users";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(acceptInvitationAction, {
    onSuccess: () => router.push("/sign-in?invited=1"),
  });
  const errors = fieldErrorsOf(result);
  const passwordHint = "At least 12 characters. A few unrelated words make a strong, memorable password.";

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        execute({
          token,
          name: String(form.get("name") ?? ""),
          password: String(form.get("password") ?? ""),
          passwordConfirmation: String(form.get("passwordConfirmation") ?? ""),
        });
      }}
    >
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        id="name"
        name="name"
        label="Your name"
        error={errors.name}
        autoComplete="name"
        required
        maxLength={120}
      />
      <TextField
        id="password"
        name="password"
        label="New password"
        hint={passwordHint}
        error={errors.password}
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
      />
      <TextField
        id="passwordConfirmation"
        name="passwordConfirmation"
        label="Repeat the password"
        error={errors.passwordConfirmation}
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
      />
      <FormMessage error={result.serverError} />
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
