/** The human-facing number of a change request, per customer: "ICR-0007". */
export function icrNumber(number: number): string {
  return `ICR-${String(number).padStart(4, "0")}`;
}
