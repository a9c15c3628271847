"use client";

import Link from "next/link";
import type { ControlSeverity } from "@/lib/controls/types";
import { SeverityBadge } from "./control-status";

/** A control with its accounts grouped by reason: [id, title, severity, [accounts, reason][]]. */
export type ControlReasons = readonly [
  id: string,
  title: string,
  severity: ControlSeverity,
  reasons: readonly (readonly [accounts: string, reason: string])[],
];

/**
 * The scorecard's failing and unknown controls, each with its reasons per group of accounts. Drawn from
 * compact tuples, so the page's RSC payload carries each control's words once, not its markup (issue 13).
 */
export function ControlReasonList({
  customerId,
  controls,
  withSeverity,
}: {
  customerId: string;
  controls: readonly ControlReasons[];
  /** The failing list leads with each control's severity; the unknown list does not. */
  withSeverity: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-100">
      {controls.map(([id, title, severity, reasons]) => (
        <li key={id} className={withSeverity ? "flex flex-wrap items-start gap-3 py-2" : "py-2 text-sm"}>
          {withSeverity ? <SeverityBadge severity={severity} /> : null}
          <Link href={`/customers/${customerId}/controls/${id}`} className="link">
            {`${id} ${title}`}
          </Link>
          <ul
            className={
              withSeverity
                ? "basis-full space-y-0.5 break-words text-xs text-slate-600"
                : "mt-0.5 space-y-0.5 break-words text-xs text-slate-600"
            }
          >
            {reasons.map(([accounts, reason]) => (
              <li key={reason}>
                <span className="font-medium text-slate-700">{accounts}:</span> {reason}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
