import { Count, GradeMark } from "@/components/scorecard/score-summary";
import { cn } from "@/components/ui/cn";
import { formatScore } from "@/lib/controls/scoring";
import type { PortfolioSummary as Summary } from "@/lib/queries/portfolio";

/** The portfolio's score (the plain mean of customer scores) and grade, with the counts beside it. */
export function PortfolioSummary({ summary }: { summary: Summary }) {
  const unscored = summary.customers - summary.scoredCustomers;
  return (
    <section
      aria-labelledby="portfolio-score-heading"
      className="mb-6 flex flex-wrap items-center gap-x-8 gap-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex items-center gap-3">
        <GradeMark grade={summary.grade} className="h-14 w-14 text-3xl" />
        <div>
          <h2 id="portfolio-score-heading" className="text-sm font-medium text-slate-600">
            Portfolio score
          </h2>
          <p
            className={cn(
              "text-4xl font-semibold tabular-nums",
              summary.score === null ? "text-slate-500" : "text-slate-900",
            )}
            data-testid="portfolio-score"
          >
            {formatScore(summary.score)}
          </p>
          <p className="text-xs text-slate-600">
            {summary.scoredCustomers === 0
              ? "No customer has a score yet: scores follow the first sync of an account."
              : `Mean of ${summary.scoredCustomers} customer score${summary.scoredCustomers === 1 ? "" : "s"}${
                  unscored > 0 ? `; ${unscored} without a score left out` : ""
                }`}
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
        <Count
          label="Unknown"
          value={summary.unknown}
          emphasis={summary.unknown > 0}
          title="Results whose evidence could not be collected: coverage gaps, never passes"
        />
        <Count label="Needs attestation" value={summary.needsAttestation} />
        <Count label="Failing critical" value={summary.failingCritical} emphasis={summary.failingCritical > 0} />
        <Count label="Failing high" value={summary.failingHigh} emphasis={summary.failingHigh > 0} />
        <Count label="Need attention" value={summary.needingAttention} emphasis={summary.needingAttention > 0} />
      </dl>
    </section>
  );
}
