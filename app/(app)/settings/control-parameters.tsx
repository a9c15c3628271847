import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { getCustomerControlParameters } from "@/lib/queries/control-parameters";
import { ControlParametersForm } from "./control-parameters-form";

/** A customer's control parameters (controls.md *param*), for those who may configure them. */
export async function ControlParameters({ customerId }: { customerId: string }) {
  const actor = await requireActor();
  if (!can(actor, "controls:configure")) return null;
  const parameters = await getCustomerControlParameters(actor, customerId);
  return (
    <section aria-labelledby={`control-parameters-${customerId}`} className="mt-6 border-t border-slate-100 pt-4">
      <details>
        <summary className="cursor-pointer text-sm font-semibold text-slate-800">
          <span id={`control-parameters-${customerId}`}>Control parameters</span>
          <span className="ml-2 font-normal text-slate-600">
            {parameters.customKeys.length === 0 && Object.keys(parameters.controlSeverities).length === 0
              ? "(catalogue defaults)"
              : `(${parameters.customKeys.length + Object.keys(parameters.controlSeverities).length} set for this customer)`}
          </span>
        </summary>
        <ControlParametersForm parameters={parameters} />
      </details>
    </section>
  );
}
