// The trust policy and permissions a customer attaches to the audit role (aws-api-map §6):
// SecurityAudit plus a small inline policy for what it lacks.
export function TrustPolicy({ principalArn, externalId }: { principalArn: string; externalId: string }) {
  const trust = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: principalArn },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
  const inline = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PostureGaps",
        Effect: "Allow",
        Resource: "*",
        Action: [
          "backup:ListBackupPlans",
          "backup:GetBackupPlan",
          "backup:ListBackupSelections",
          "backup:GetBackupSelection",
          "backup:ListBackupJobs",
          "backup:ListRestoreJobs",
          "budgets:ViewBudget",
          "account:GetAlternateContact",
        ],
      },
    ],
  };
  return (
    <details className="mt-4 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer font-medium text-slate-800">
        Audit role setup for the customer (contains the ExternalId)
      </summary>
      <p className="mt-2 text-slate-600">
        Create a role in each account with the AWS managed policy <code>SecurityAudit</code>, this inline policy, and
        this trust policy. Share it only with the customer's administrators.
      </p>
      <h4 className="mt-3 text-xs font-semibold uppercase text-slate-600">Trust policy</h4>
      <pre className="mt-1 overflow-x-auto rounded bg-white p-2 text-xs ring-1 ring-slate-200">
        {JSON.stringify(trust, null, 2)}
      </pre>
      <h4 className="mt-3 text-xs font-semibold uppercase text-slate-600">Inline policy</h4>
      <pre className="mt-1 overflow-x-auto rounded bg-white p-2 text-xs ring-1 ring-slate-200">
        {JSON.stringify(inline, null, 2)}
      </pre>
    </details>
  );
}
