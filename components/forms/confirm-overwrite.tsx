"use client";

import { Button } from "@/components/ui/button";

/**
 * Issue 19 §1: a bulk action that would replace a decision someone already made stops here and names
 * what it would change; the person chooses to replace those, leave them out, or go back.
 */
export function ConfirmOverwrite({
  title,
  changes,
  replaceLabel,
  skipLabel,
  onReplace,
  onSkip,
  onCancel,
  disabled,
}: {
  title: string;
  /** One line per item that would change, e.g. "alice: Revoke → Keep". */
  changes: string[];
  replaceLabel: string;
  /** Omitted when nothing would be left to apply to. */
  skipLabel?: string;
  onReplace: () => void;
  onSkip?: () => void;
  onCancel: () => void;
  disabled?: boolean;
}) {
  return (
    <div
      role="alertdialog"
      aria-labelledby="confirm-overwrite-title"
      className="space-y-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300"
    >
      <p id="confirm-overwrite-title" className="font-medium">
        {title}
      </p>
      <ul className="list-disc space-y-0.5 pl-5">
        {changes.map((change) => (
          <li key={change} className="break-words">
            {change}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" onClick={onReplace} disabled={disabled}>
          {replaceLabel}
        </Button>
        {onSkip && skipLabel ? (
          <Button variant="secondary" onClick={onSkip} disabled={disabled}>
            {skipLabel}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onCancel} disabled={disabled}>
          Go back
        </Button>
      </div>
    </div>
  );
}
