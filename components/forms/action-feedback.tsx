"use client";

/** Field errors from a next-safe-action result ("flattened" shape), first message per field. */
export function fieldErrorsOf(result: { validationErrors?: { fieldErrors?: Record<string, string[] | undefined> } }) {
  const errors: Record<string, string> = {};
  for (const [field, messages] of Object.entries(result.validationErrors?.fieldErrors ?? {})) {
    if (messages?.[0]) errors[field] = messages[0];
  }
  return errors;
}

export function FormMessage({ error, success }: { error?: string; success?: string }) {
  if (error) {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        {error}
      </p>
    );
  }
  if (success) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
        {success}
      </p>
    );
  }
  return null;
}
