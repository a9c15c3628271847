import { isTimeZone, parseCustomerSettings } from "../customers/settings";

// The customer settings change management reads (typed in lib/customers/settings.ts).

/**
 * `changeManagement.collaborative` (boolean, default false): the customer's environment is managed
 * collaboratively, so the customer (a CUSTOMER_REVIEWER) approves each change too (SOP 000 §11).
 */
export function isCollaborativelyManaged(settings: unknown): boolean {
  return parseCustomerSettings(settings).changeManagement.collaborative;
}

/** `timeZone` (IANA name) of the customer, the default for a change window; UTC when unset or unknown. */
export function customerTimeZone(settings: unknown): string {
  return parseCustomerSettings(settings).timeZone;
}

export { isTimeZone };
