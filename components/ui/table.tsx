import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function Table({ caption, children, className }: { caption: string; children: ReactNode; className?: string }) {
  return (
    // relative: an sr-only (absolutely positioned) cell text is clipped by this box, not left to widen the page.
    // A table wider than the screen scrolls inside this box; the box is a named group in the tab order, so a
    // keyboard user can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable).
    // biome-ignore lint/a11y/useSemanticElements: a table's scroll box, not a set of form fields (<fieldset>).
    <div
      role="group"
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard.
      tabIndex={0}
      className={cn("relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200", className)}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2 align-top text-slate-800", className)} {...props} />;
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-slate-50", className)} {...props} />;
}
