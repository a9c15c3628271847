/** What a consultant is told after a record changed: whether the scorecard already shows it. */
export function reevaluationMessage(reevaluatedAccounts: number): string {
  if (reevaluatedAccounts === 0) return "The results change at the next sync of the customer's accounts.";
  return reevaluatedAccounts === 1
    ? "The account was re-evaluated; the scorecard shows the change."
    : `${reevaluatedAccounts} accounts were re-evaluated; the scorecard shows the change.`;
}
