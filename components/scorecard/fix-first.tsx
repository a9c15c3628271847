import Link from "next/link";
import type { FixFirstItem } from "@/lib/controls/fix-first";
import { SeverityBadge } from "./control-status";

/** The failures ranked by the score points they would win back, with the accounts and resources to touch. */
export function FixFirst({
  customerId,
  items,
  limit = 5,
}: {
  customerId: string;
  items: FixFirstItem[];
  limit?: number;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">Nothing is failing: no fix to rank.</p>;
  return (
    <ol className="space-y-2">
      {items.slice(0, limit).map((item, index) => (
        <li key={item.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 text-sm">
          <span className="w-5 shrink-0 text-right font-semibold tabular-nums text-slate-500">{index + 1}.</span>
          <span className="min-w-0 flex-1">
            <Link
              href={`/customers/${customerId}/controls/${item.id}`}
              className="font-medium text-brand-700 hover:underline"
            >
              {item.id} {item.title}
            </Link>{" "}
            <SeverityBadge severity={item.severity} />
            <span className="block text-xs text-slate-600">
              {item.needsAttestation ? "Record an attestation" : "Fix"} in {item.accounts.join(", ")}
              {item.resources > 0 ? ` · ${item.resources} resource${item.resources === 1 ? "" : "s"} named` : ""}
            </span>
          </span>
          <span className="shrink-0 font-semibold tabular-nums text-emerald-700">
            +{(Math.round(item.points * 10) / 10).toFixed(1)} points
          </span>
        </li>
      ))}
    </ol>
  );
}
