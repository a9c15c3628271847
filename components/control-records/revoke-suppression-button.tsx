"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { Button } from "@/components/ui/button";
import { revokeSuppressionAction } from "@/lib/actions/control-records";

export function RevokeSuppressionButton({ suppressionId, label }: { suppressionId: string; label: string }) {
  const router = useRouter();
  const revoke = useAction(revokeSuppressionAction, { onSuccess: () => router.refresh() });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="ghost"
        disabled={revoke.isPending}
        onClick={() => {
          if (window.confirm(`Revoke the suppression of ${label}? The control counts in the score again.`))
            revoke.execute({ suppressionId });
        }}
      >
        {revoke.isPending ? "Revoking…" : "Revoke"}
        <span className="sr-only"> suppression of {label}</span>
      </Button>
      {revoke.result.serverError ? (
        <span role="alert" className="text-xs text-red-700">
          {revoke.result.serverError}
        </span>
      ) : null}
    </div>
  );
}
