"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { signOffAccessReviewAction } from "@/lib/actions/access-reviews";

/** A manager's sign-off: the campaign becomes read-only and IAM-12 passes for its accounts. */
export function SignOffButton({ reviewId, label }: { reviewId: string; label: string }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(signOffAccessReviewAction, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-2">
      <Button
        disabled={isPending}
        onClick={() => {
          if (window.confirm(`Sign off ${label}? It becomes read-only.`)) execute({ reviewId });
        }}
      >
        {isPending ? "Signing off…" : "Sign off review"}
      </Button>
      <FormMessage error={result.serverError} success={result.data ? "Review signed off." : undefined} />
    </div>
  );
}
