import { describedBy, Field, Select } from "@/components/ui/field";

/** Which accounts a record applies to: one account of the customer, or all of them (""). */
export function AccountScopeField({
  id,
  accounts,
  error,
}: {
  id: string;
  accounts: { awsAccountId: string; alias: string; accountNumber: string }[];
  error?: string;
}) {
  const hint = "A customer-wide record also covers accounts connected later.";
  return (
    <Field id={id} label="Applies to" hint={hint} error={error}>
      <Select
        id={id}
        name="awsAccountId"
        defaultValue=""
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, { hint, error })}
      >
        <option value="">Every account of the customer</option>
        {accounts.map((account) => (
          <option key={account.awsAccountId} value={account.awsAccountId}>
            {account.alias} ({account.accountNumber})
          </option>
        ))}
      </Select>
    </Field>
  );
}
