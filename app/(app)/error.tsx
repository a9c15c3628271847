"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// A page that failed to render (database unreachable, a bug). The server logged the details; the user
// gets the reference (digest) to quote and a retry, never a stack trace.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      title="This page could not be loaded"
      action={
        <Button variant="secondary" onClick={() => reset()}>
          Try again
        </Button>
      }
    >
      Something went wrong on our side while loading it. Try again in a moment; if it keeps failing, give your
      administrator this reference{error.digest ? `: ${error.digest}` : "."}
    </EmptyState>
  );
}
