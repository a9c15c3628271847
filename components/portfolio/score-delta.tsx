import { cn } from "@/components/ui/cn";

/** "+4.2", "−3.0" or "±0.0": the change rounded to the score's one decimal. */
export function formatDelta(change: number): string {
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return "±0.0";
  return rounded > 0 ? `+${rounded.toFixed(1)}` : `−${Math.abs(rounded).toFixed(1)}`;
}

/** A score's change over the trend window, with the day it is measured from. */
export function ScoreDelta({ delta }: { delta: { change: number; since: string } | null }) {
  if (!delta) {
    return (
      <span className="text-slate-500" title="Needs a scored day earlier in the window">
        —<span className="sr-only">no change to show</span>
      </span>
    );
  }
  const text = formatDelta(delta.change);
  const direction = text.startsWith("+") ? "up" : text.startsWith("−") ? "down" : "flat";
  return (
    <span
      className={cn(
        "whitespace-nowrap font-medium tabular-nums",
        direction === "up" ? "text-emerald-700" : direction === "down" ? "text-red-700" : "text-slate-600",
      )}
      title={`Change since ${delta.since}`}
    >
      <span aria-hidden="true">{direction === "up" ? "▲ " : direction === "down" ? "▼ " : ""}</span>
      {text}
      <span className="sr-only">{` since ${delta.since}`}</span>
    </span>
  );
}
