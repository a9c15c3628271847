import { CONTROL_CATALOGUE } from "../controls/catalogue";
import type { ControlParams } from "../controls/params";
import type { ControlSeverity } from "../controls/types";
import { controlParamsOf, readCustomerSettings } from "../customers/settings";

// What evaluation needs of a customer's settings (lib/customers/settings.ts reads and validates them):
// the control parameters in force and each control's severity after an admin's re-weighting.

export interface CustomerControlSettings {
  params: ControlParams;
  severityOf(controlId: string): ControlSeverity;
}

const CATALOGUE_SEVERITIES = new Map(CONTROL_CATALOGUE.map((control) => [control.id, control.severity]));

/** The customer's control settings from its stored Customer.settings (invalid values: defaults, logged). */
export function readControlSettings(settings: unknown, customerId: string): CustomerControlSettings {
  const typed = readCustomerSettings(settings, customerId);
  const overrides = typed.controlSeverities;
  return {
    params: controlParamsOf(typed),
    severityOf: (controlId) => overrides[controlId] ?? CATALOGUE_SEVERITIES.get(controlId) ?? "LOW",
  };
}
