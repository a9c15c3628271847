"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies the given text; says so for screen readers too. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        {label}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {state === "copied" ? "Copied." : state === "failed" ? "Copy failed: select the text instead." : ""}
      </span>
    </span>
  );
}
