import Link from "next/link";
import { InspectorFindingsByAge, NonCompliantConfigRules } from "@/components/scorecard/finding-panels";
import { Card, CardHeader } from "@/components/ui/card";
import type { Actor } from "@/lib/authz/policy";
import { getCustomerFindingSummary } from "@/lib/queries/scorecard";

const INSPECTOR_TITLE = "Inspector findings";
const INSPECTOR_DESCRIPTION = "Open findings by severity and age (SOP: criticals within 15 days, highs within 30).";
const CONFIG_TITLE = "AWS Config";
const CONFIG_DESCRIPTION = "Rules reporting non-compliant resources.";

/**
 * The scorecard's finding panels: counted over the customer's raw open findings, the slowest read of the
 * page, so the page streams them in (Suspense) and its first paint never waits for them.
 */
export async function FindingPanelsSection({ actor, customerId }: { actor: Actor; customerId: string }) {
  const findings = await getCustomerFindingSummary(actor, customerId);
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      <p className="no-print text-sm lg:col-span-2">
        <Link href={`/customers/${customerId}/findings`} className="font-medium text-brand-700 hover:underline">
          Every finding, one by one: search, filter and page
        </Link>{" "}
        <span className="text-slate-600">(by resource, title, CVE or Config rule; most severe and oldest first)</span>
      </p>
      <Card>
        <CardHeader title={INSPECTOR_TITLE} description={INSPECTOR_DESCRIPTION} />
        <InspectorFindingsByAge rows={findings.inspector} />
      </Card>
      <Card>
        <CardHeader title={CONFIG_TITLE} description={CONFIG_DESCRIPTION} />
        <NonCompliantConfigRules rows={findings.configRules} />
      </Card>
    </div>
  );
}

/** What stands in for the panels while they load: the same cards, saying so. */
export function FindingPanelsLoading() {
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2" aria-busy="true">
      <Card>
        <CardHeader title={INSPECTOR_TITLE} description={INSPECTOR_DESCRIPTION} />
        <p className="text-sm text-slate-500">Counting open findings…</p>
      </Card>
      <Card>
        <CardHeader title={CONFIG_TITLE} description={CONFIG_DESCRIPTION} />
        <p className="text-sm text-slate-500">Counting non-compliant resources…</p>
      </Card>
    </div>
  );
}
