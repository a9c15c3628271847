"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the print stylesheet in app/globals.css turns the page into a report. */
export function PrintButton({ label = "Print report" }: { label?: string }) {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
