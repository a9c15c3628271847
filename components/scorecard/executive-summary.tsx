import { Sparkline } from "@/components/portfolio/sparkline";
import type { ControlCounts } from "@/lib/controls/control-counts";
import type { FixFirstItem } from "@/lib/controls/fix-first";
import { formatScore, type Grade } from "@/lib/controls/scoring";

const GRADE_WORDS: Record<Grade, string> = {
  A: "strong",
  B: "good",
  C: "fair",
  D: "weak",
  F: "poor",
};

/** The scorecard in plain words, for the customer's own people: where they stand, where it is going, what to do. */
export function ExecutiveSummary({
  customerName,
  score,
  grade,
  counts,
  fixFirst,
  trend,
}: {
  customerName: string;
  score: number | null;
  grade: Grade | null;
  counts: ControlCounts;
  fixFirst: FixFirstItem[];
  trend: { day: string; score: number | null }[];
}) {
  const scored = trend.filter((point) => point.score !== null);
  const first = scored[0]?.score ?? null;
  const last = scored.at(-1)?.score ?? null;
  const change = first !== null && last !== null && scored.length > 1 ? last - first : null;
  const direction =
    change === null
      ? "There is not yet a month of history to compare with."
      : Math.abs(change) < 0.05
        ? "It has held steady over the last 30 days."
        : `It has ${change > 0 ? "improved" : "dropped"} by ${Math.abs(change).toFixed(1)} points over the last 30 days.`;
  return (
    <div className="space-y-3 text-sm text-slate-800">
      <p className="text-base">
        {score === null || grade === null
          ? `${customerName} has no score yet: Rampart scores an account once it has read its evidence.`
          : `${customerName}'s AWS security posture is ${GRADE_WORDS[grade]}: ${formatScore(score)} out of 100 (grade ${grade}).`}{" "}
        {direction}
      </p>
      {trend.length > 1 ? (
        <Sparkline points={trend} from={trend[0]!.day} to={trend.at(-1)!.day} width={240} height={40} />
      ) : null}
      <p>
        Of {counts.total} checks, {counts.passing} pass and {counts.failing + counts.needsAttestation} need action
        {counts.needsAttestation > 0 ? ` (${counts.needsAttestation} only need a record from your consultant)` : ""}.
        {counts.unknown > 0
          ? ` ${counts.unknown} could not be checked because Rampart could not read the evidence; these are not counted as passing.`
          : ""}
      </p>
      {fixFirst.length > 0 ? (
        <p>
          The most valuable fix: <span className="font-medium">{fixFirst[0]!.title}</span> in{" "}
          {fixFirst[0]!.accounts.join(", ")}, worth {fixFirst[0]!.points.toFixed(1)} points.
        </p>
      ) : null}
    </div>
  );
}
