import type { ReactNode } from "react";

export type Tone = "neutral" | "good" | "warn" | "bad" | "critical" | "info";

/** A status pill. Its look is the `badge` and `badge-<tone>` classes (app/globals.css): short, as it repeats on every row. */
export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`badge badge-${tone}`}>
      {children}
    </span>
  );
}
