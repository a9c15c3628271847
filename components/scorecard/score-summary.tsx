import { cn } from "@/components/ui/cn";
import type { ControlCounts } from "@/lib/controls/control-counts";
import { formatScore, type Grade } from "@/lib/controls/scoring";
import type { ScoreView } from "@/lib/queries/scorecard";

const GRADE_COLOURS: Record<Grade, string> = {
  A: "bg-emerald-600",
  B: "bg-lime-600",
  C: "bg-amber-500",
  D: "bg-orange-600",
  F: "bg-red-700",
};

export function GradeMark({ grade, className }: { grade: Grade | null; className?: string }) {
  return (
    <span
      className={cn("grade", grade ? GRADE_COLOURS[grade] : "bg-slate-400", className)}
      title={grade ? `Grade ${grade}` : "No grade: nothing evaluated"}
    >
      {grade ?? "–"}
    </span>
  );
}

/**
 * The score with its grade, and the counts the spec asks to show beside every score: controls, each
 * counted once (lib/controls/control-counts.ts), the same numbers as the lists below it.
 */
export function ScoreSummary({
  score,
  label,
  counts,
}: {
  score: ScoreView | null;
  label: string;
  counts: ControlCounts;
}) {
  if (!score) {
    return (
      <div>
        <p className="text-sm text-slate-600">{label}</p>
        <p className="mt-1 text-2xl font-semibold text-slate-500">no score yet</p>
        <p className="mt-1 text-sm text-slate-600">Controls are evaluated after the first sync of an account.</p>
      </div>
    );
  }
  const suppressionsChangeScore = score.suppressed > 0 && score.scoreWithoutSuppressions !== score.score;
  return (
    <div className="flex flex-wrap items-center gap-6">
      <div className="flex items-center gap-3">
        <GradeMark grade={score.grade} className="h-14 w-14 text-3xl" />
        <div>
          <p className="text-sm text-slate-600">{label}</p>
          <p className="text-4xl font-semibold tabular-nums text-slate-900" data-testid="score">
            {formatScore(score.score)}
          </p>
          {suppressionsChangeScore ? (
            <p className="text-xs text-slate-600">
              {formatScore(score.scoreWithoutSuppressions)} without {score.suppressed} suppression
              {score.suppressed === 1 ? "" : "s"}
            </p>
          ) : null}
        </div>
      </div>
      <dl className="grid grid-cols-3 gap-x-6 gap-y-1 text-sm sm:grid-cols-6" aria-label="Controls by result">
        <Count label="Passing" value={counts.passing} />
        <Count label="Failing" value={counts.failing} emphasis={counts.failing > 0} />
        <Count label="Needs attestation" value={counts.needsAttestation} emphasis={counts.needsAttestation > 0} />
        <Count
          label="Unknown"
          value={counts.unknown}
          emphasis={counts.unknown > 0}
          title="Evidence could not be collected: a coverage gap, never a pass"
        />
        <Count label="Suppressed" value={counts.suppressed} />
        <Count label="Not applicable" value={counts.notApplicable} />
      </dl>
      <p className="basis-full text-xs text-slate-500">
        Counts of controls ({counts.total}), each counted once by its worst result across the accounts.
      </p>
    </div>
  );
}

/** One count beside a score (passing, failing, unknown…), emphasised when it needs a look. */
export function Count({
  label,
  value,
  emphasis = false,
  title,
}: {
  label: string;
  value: number;
  emphasis?: boolean;
  title?: string;
}) {
  return (
    <div title={title}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={cn("text-lg font-semibold tabular-nums", emphasis ? "text-slate-900" : "text-slate-600")}>
        {value}
      </dd>
    </div>
  );
}
