// The customer settings change management reads, behind one small function each so the typed
// Customer.settings (another issue) can replace the parsing here without touching callers.

function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * `changeManagement.collaborative` (boolean, default false): the customer's environment is managed
 * collaboratively, so the customer (a CUSTOMER_REVIEWER) approves each change too (SOP 000 §11).
 */
export function isCollaborativelyManaged(settings: unknown): boolean {
  return objectOf(objectOf(settings).changeManagement).collaborative === true;
}

/** `timeZone` (IANA name) of the customer, the default for a change window; UTC when unset or unknown. */
export function customerTimeZone(settings: unknown): string {
  const zone = objectOf(settings).timeZone;
  return typeof zone === "string" && isTimeZone(zone) ? zone : "UTC";
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
