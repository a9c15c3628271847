import { cn } from "@/components/ui/cn";

/** The Rampart mark (the same battlement as app/icon.svg), decorative beside the product name. */
export function LogoMark({ className, inverted = false }: { className?: string; inverted?: boolean }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={cn("h-6 w-6 shrink-0", className)}>
      <rect width="32" height="32" rx="6" fill={inverted ? "#ffffff" : "#174ba6"} />
      <path d="M8 24V9h4v3h3V9h4v3h3V9h4v15z" fill={inverted ? "#174ba6" : "#ffffff"} />
    </svg>
  );
}
