import { Badge, type Tone } from "@/components/ui/badge";
import type { CheckStatus, ConnectionCheck, ConnectionOutcome } from "@/lib/onboarding/connection-test";

const STATUS: Record<CheckStatus, { text: string; tone: Tone }> = {
  OK: { text: "OK", tone: "good" },
  DENIED: { text: "Denied", tone: "critical" },
  THROTTLED: { text: "Throttled", tone: "warn" },
  REGION_NOT_ENABLED: { text: "Region not enabled", tone: "warn" },
  ERROR: { text: "Error", tone: "bad" },
};

export const OUTCOME_TEXT: Record<ConnectionOutcome, string> = {
  PASSED: "Everything works",
  WARNINGS: "Role assumed, with problems",
  FAILED: "Role cannot be assumed",
};

export function outcomeTone(outcome: ConnectionOutcome): Tone {
  return outcome === "PASSED" ? "good" : outcome === "WARNINGS" ? "warn" : "critical";
}

function CheckItem({ check }: { check: ConnectionCheck }) {
  const status = STATUS[check.status];
  return (
    <li className="py-2">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={status.tone}>{status.text}</Badge>
        <span className="break-all font-mono text-xs text-slate-800">{check.label}</span>
        {check.explicitDeny ? <Badge tone="critical">Explicit deny</Badge> : null}
      </div>
      {check.status !== "OK" ? (
        <p className="mt-1 break-words text-sm text-slate-700">
          {check.status === "DENIED" && check.iamAction ? (
            <>
              {check.explicitDeny ? "Blocked action" : "Action to add"}:{" "}
              <code className="break-all">{check.iamAction}</code>.{" "}
            </>
          ) : null}
          {check.detail}
          {check.status === "ERROR" && check.awsErrorCode ? (
            <span className="block text-xs text-slate-500">
              {[
                check.service,
                check.operation,
                check.region,
                check.awsErrorCode,
                check.httpStatusCode && `HTTP ${check.httpStatusCode}`,
              ]
                .filter(Boolean)
                .join(" · ")}
            </span>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}

/** The connection test's checklist: problems first, each with what to do; working checks folded away. */
export function ConnectionChecklist({
  checks,
  outcome,
  title,
}: {
  checks: ConnectionCheck[];
  outcome: ConnectionOutcome;
  title: string;
}) {
  const problems = checks.filter((check) => check.status !== "OK");
  const working = checks.filter((check) => check.status === "OK");
  return (
    <section aria-label={title} className="mt-2 min-w-0 rounded-md bg-white p-3 text-sm ring-1 ring-slate-200">
      <p className="flex flex-wrap items-center gap-2 font-medium text-slate-800">
        <Badge tone={outcomeTone(outcome)}>{OUTCOME_TEXT[outcome]}</Badge>
        <span>
          {working.length} of {checks.length} checks OK
        </span>
      </p>
      {problems.length > 0 ? (
        <ul aria-label="Problems" className="mt-2 divide-y divide-slate-100">
          {problems.map((check) => (
            <CheckItem key={check.id} check={check} />
          ))}
        </ul>
      ) : null}
      {working.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-slate-700">{working.length} checks OK</summary>
          <ul aria-label="Working checks" className="divide-y divide-slate-100">
            {working.map((check) => (
              <CheckItem key={check.id} check={check} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
