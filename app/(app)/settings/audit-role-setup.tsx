import { CodeBlock } from "@/components/ui/code-block";
import type { Actor } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import {
  auditRoleInlinePolicy,
  auditRoleTrustPolicy,
  SECURITY_AUDIT_POLICY_VERSION,
} from "@/lib/onboarding/audit-role-policy";
import { cloudShellCommand, TEMPLATE_FORMATS, type TemplateFormat } from "@/lib/onboarding/templates";
import { getAuditRoleTemplateInput } from "@/lib/queries/onboarding";

const FORMAT_LABELS: Record<TemplateFormat, string> = {
  cloudformation: "CloudFormation (one account)",
  stackset: "CloudFormation StackSet (organization)",
  terraform: "Terraform module (.zip)",
};

// The audit role a customer creates in each account, generated from the collectors' operations
// (lib/onboarding): policies to read, templates to download, the CloudShell command to copy.
// Rendered only for actors allowed externalId:read (the templates carry the ExternalId).
export async function AuditRoleSetup({ actor, customerId }: { actor: Actor; customerId: string }) {
  let input: Awaited<ReturnType<typeof getAuditRoleTemplateInput>>;
  try {
    input = await getAuditRoleTemplateInput(actor, customerId);
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") {
      return <p className="mt-4 text-sm text-amber-800">{error.message}</p>;
    }
    throw error;
  }
  const command = cloudShellCommand(input);
  const headingId = `audit-role-${customerId}`;
  return (
    <details className="mt-4 rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer font-medium text-slate-800">
        Audit role setup for the customer (contains the ExternalId)
      </summary>
      <section aria-labelledby={headingId} className="mt-2 space-y-3">
        <h4 id={headingId} className="sr-only">
          Audit role setup for {input.customerName}
        </h4>
        <p className="text-slate-600">
          Each account gets a role trusting Rampart with this customer's ExternalId, the AWS managed policy{" "}
          <code>SecurityAudit</code> ({SECURITY_AUDIT_POLICY_VERSION}) and an inline policy with exactly the read-only
          actions it lacks. Share the templates only with the customer's administrators.
        </p>
        <ul className="flex flex-wrap gap-2" aria-label="Download the audit-role template">
          {TEMPLATE_FORMATS.map((format) => (
            <li key={format}>
              <a
                href={`/api/customers/${customerId}/onboarding/${format}`}
                download
                className="inline-flex items-center rounded-md bg-white px-3 py-2 font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
              >
                Download {FORMAT_LABELS[format]}
              </a>
            </li>
          ))}
        </ul>
        <div>
          <h5 className="text-xs font-semibold uppercase text-slate-600">Deploy from AWS CloudShell</h5>
          <p className="mt-1 text-slate-600">
            Upload the CloudFormation file in CloudShell (Actions → Upload file), then run:
          </p>
          <CodeBlock code={command} copyLabel="Copy command" />
          <p className="mt-1 text-slate-600">Or from the command line:</p>
          <CodeBlock
            code={`npm run onboarding:template -- --customer ${input.customerSlug} --format cloudformation --out ./templates`}
            copyLabel="Copy CLI command"
          />
        </div>
        <div>
          <h5 className="text-xs font-semibold uppercase text-slate-600">Trust policy</h5>
          <CodeBlock
            code={JSON.stringify(auditRoleTrustPolicy(input.principalArn, input.externalId), null, 2)}
            copyLabel="Copy trust policy"
          />
        </div>
        <div>
          <h5 className="text-xs font-semibold uppercase text-slate-600">Inline policy (beside SecurityAudit)</h5>
          <CodeBlock code={JSON.stringify(auditRoleInlinePolicy(), null, 2)} copyLabel="Copy inline policy" />
        </div>
      </section>
    </details>
  );
}
