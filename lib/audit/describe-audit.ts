// The audit log in words (issue 19 §11): "customer.assignment_added" reads "Customer assignment added",
// and the metadata JSON becomes labelled details. Ids stay out of the visible text (a reader cannot use
// a cuid); the page keeps the raw entry in a title for whoever needs it.

export interface AuditDetail {
  label: string;
  value: string;
}

function sentence(words: string): string {
  const spaced = words
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._:]+/g, " ")
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function describeAuditAction(action: string): string {
  return sentence(action);
}

/** An enum value as words ("SIGNED_OFF" → "signed off"); anything else as it is. */
function describeValue(value: unknown): string {
  // "none", not a dash: a label followed by a lone dash reads as a gap in the page (issue 19 §11).
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string")
    return /^[A-Z][A-Z0-9_]+$/.test(value) ? value.replace(/_/g, " ").toLowerCase() : value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(describeValue).join(", ");
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !isIdKey(key))
    .map(([key, inner]) => `${sentence(key).toLowerCase()} ${describeValue(inner)}`)
    .join("; ");
}

function isIdKey(key: string): boolean {
  return key === "id" || /Ids?$/.test(key);
}

export function describeAuditMetadata(metadata: unknown): AuditDetail[] {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return [];
  return Object.entries(metadata as Record<string, unknown>)
    .filter(([key]) => !isIdKey(key))
    .map(([key, value]) => ({ label: sentence(key), value: describeValue(value) }));
}

/** "Access review" for "AccessReview"; the id is left to the title attribute. */
export function describeAuditTarget(targetType: string | null): string {
  return targetType ? sentence(targetType) : "—";
}
