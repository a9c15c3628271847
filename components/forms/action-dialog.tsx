"use client";

import type { StandardSchemaV1 } from "@standard-schema/spec";
import { useRouter } from "next/navigation";
import { type SingleInputActionFn, useAction } from "next-safe-action/hooks";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, fieldErrorsOf } from "./action-feedback";

/**
 * A server action run from a dialog: on success the page refreshes and the dialog closes; closing (Cancel,
 * Escape) forgets the last attempt, so the dialog opens clean next time.
 */
export function useDialogAction<
  ServerError,
  Schema extends StandardSchemaV1 | undefined,
  // The action client's flattened validation errors, which fieldErrorsOf reads.
  ShapedErrors extends { fieldErrors?: Record<string, string[] | undefined> } | undefined,
  Data,
>(action: SingleInputActionFn<ServerError, Schema, ShapedErrors, Data>, onClose: () => void) {
  const router = useRouter();
  const hook = useAction(action, {
    onSuccess: () => {
      router.refresh();
      onClose();
    },
  });
  const close = () => {
    hook.reset();
    onClose();
  };
  return { ...hook, close, errors: fieldErrorsOf(hook.result) };
}

/** A dialog's closing row: the server's refusal, then "leave it" and the action (submit, or a click). */
export function DialogActions({
  serverError,
  onCancel,
  cancelLabel,
  actionLabel,
  pendingLabel,
  isPending,
  danger = false,
  onAction,
}: {
  serverError?: string;
  onCancel: () => void;
  cancelLabel: ReactNode;
  actionLabel: ReactNode;
  pendingLabel: ReactNode;
  isPending: boolean;
  danger?: boolean;
  /** Without it the action button submits the dialog's form. */
  onAction?: () => void;
}) {
  return (
    <div className="mt-3 space-y-3">
      <FormMessage error={serverError} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button
          type={onAction ? "button" : "submit"}
          variant={danger ? "danger" : undefined}
          disabled={isPending}
          onClick={onAction}
        >
          {isPending ? pendingLabel : actionLabel}
        </Button>
      </div>
    </div>
  );
}
