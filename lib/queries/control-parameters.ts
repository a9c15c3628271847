import "server-only";
import { type Actor, authorize, withCustomerIdScope } from "../authz/policy";
import { CONTROL_CATALOGUE } from "../controls/catalogue";
import type { ControlParams } from "../controls/params";
import type { ControlSeverity } from "../controls/types";
import { controlParamsOf, readCustomerSettings } from "../customers/settings";
import { db } from "../db/client";
import { notFound } from "../errors";

// What the control-parameters form of one customer shows (Settings; controls:configure).

export interface CustomerControlParameters {
  customerId: string;
  customerName: string;
  /** The values in force (the customer's own where set, else the catalogue's defaults). */
  inForce: ControlParams;
  /** The parameters the customer set itself (the others are defaults). */
  customKeys: string[];
  controlSeverities: Partial<Record<string, ControlSeverity>>;
  maxSuppressionDays: number;
  customMaxSuppressionDays: boolean;
  /** Stored values that could not be read; their defaults are in force until the form is saved. */
  problems: string[];
  controls: { id: string; title: string; severity: ControlSeverity }[];
}

export async function getCustomerControlParameters(
  actor: Actor,
  customerId: string,
): Promise<CustomerControlParameters> {
  authorize(actor, "controls:configure");
  const customer = await db().customer.findFirst({
    where: withCustomerIdScope(actor, { id: customerId, archivedAt: null }),
    select: { id: true, name: true, settings: true },
  });
  if (!customer) throw notFound("Customer not found");
  authorize(actor, "controls:configure", { customerId: customer.id });
  const settings = readCustomerSettings(customer.settings, customer.id);
  const stored = (customer.settings ?? {}) as { maxSuppressionDays?: unknown };
  return {
    customerId: customer.id,
    customerName: customer.name,
    inForce: controlParamsOf(settings),
    customKeys: Object.keys(settings.controlParams),
    controlSeverities: settings.controlSeverities,
    maxSuppressionDays: settings.maxSuppressionDays,
    customMaxSuppressionDays: stored.maxSuppressionDays === settings.maxSuppressionDays,
    problems: settings.problems,
    controls: CONTROL_CATALOGUE.map((control) => ({
      id: control.id,
      title: control.title,
      severity: control.severity,
    })),
  };
}
