import Link from "next/link";
import { requireActor } from "@/lib/auth/actor";
import { getChangeActivitySummary } from "@/lib/queries/detected-changes";

// Beside the CHG-1 attestation: what Rampart saw in the last 90 days, so the consultant attests against
// the record (changes detected, covered by an approved change request, and covered by none).
export async function ChangeActivity({ customerId }: { customerId: string }) {
  const actor = await requireActor();
  const summary = await getChangeActivitySummary(actor, customerId);
  const link = `/customers/${encodeURIComponent(customerId)}/changes/detected`;
  return (
    <section aria-labelledby="change-activity-title" className="mb-4 rounded-md bg-slate-50 p-3 text-sm">
      <h3 id="change-activity-title" className="font-semibold text-slate-900">
        Changes in the last {summary.days} days
      </h3>
      <dl className="mt-2 grid grid-cols-3 gap-2">
        <div>
          <dt className="text-slate-600">Detected</dt>
          <dd className="text-lg font-semibold text-slate-900">{summary.detected}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Matched</dt>
          <dd className="text-lg font-semibold text-emerald-800">{summary.matched}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Unmatched</dt>
          <dd className={`text-lg font-semibold ${summary.unmatched > 0 ? "text-red-800" : "text-slate-900"}`}>
            {summary.unmatched}
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-slate-700">
        {summary.unmatched > 0
          ? "Some changes had no approved change request: review them before attesting. "
          : "Every detected change was covered by an approved change request. "}
        <Link href={link} className="text-brand-700 hover:underline">
          See the detected changes
        </Link>
      </p>
    </section>
  );
}
