"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { Field, Select, TextField } from "@/components/ui/field";
import {
  INSPECTOR_RESOURCE_TYPES,
  MAX_SUPPRESSION_DAYS_LIMIT,
  NUMBER_PARAMETER_FIELDS,
} from "@/lib/actions/control-parameter-schemas";
import { updateControlParametersAction } from "@/lib/actions/control-parameters";
import { DEFAULT_CONTROL_PARAMS } from "@/lib/controls/params";
import type { CustomerControlParameters } from "@/lib/queries/control-parameters";

const RESOURCE_TYPE_LABELS: Record<(typeof INSPECTOR_RESOURCE_TYPES)[number], string> = {
  ec2: "EC2",
  ecr: "ECR",
  lambda: "Lambda",
  lambdaCode: "Lambda code",
};
const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;
const DEFAULT_MAX_SUPPRESSION_DAYS_TEXT = "180";

/** Every per-customer control parameter; an empty field means the catalogue's default. */
export function ControlParametersForm({ parameters }: { parameters: CustomerControlParameters }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(updateControlParametersAction, {
    onSuccess: () => router.refresh(),
  });
  const errors = fieldErrorsOf(result) as Record<string, string | undefined>;
  const { customerId, inForce } = parameters;
  const id = (name: string) => `control-parameters-${customerId}-${name}`;
  const custom = new Set(parameters.customKeys);
  const own = <T,>(key: string, value: T): T | "" => (custom.has(key) ? value : "");
  return (
    <form
      aria-label={`Control parameters of ${parameters.customerName}`}
      className="mt-4 space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const text = (name: string) => String(data.get(name) ?? "");
        execute({
          customerId,
          corporateEmailDomains: text("corporateEmailDomains"),
          ...Object.fromEntries(NUMBER_PARAMETER_FIELDS.map((field) => [field.key, text(field.key)])),
          adminPorts: text("adminPorts"),
          inspectorResourceTypes: data.getAll("inspectorResourceTypes").map(String),
          requiredTagKeys: text("requiredTagKeys"),
          accountAliasPattern: text("accountAliasPattern"),
          maxSuppressionDays: text("maxSuppressionDays"),
          controlSeverities: Object.fromEntries(
            parameters.controls.map((control) => [control.id, text(`severity-${control.id}`)]),
          ),
        });
      }}
    >
      {parameters.problems.length > 0 ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Some stored values could not be read and their defaults are in force: {parameters.problems.join("; ")}. Saving
          this form replaces them.
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        Leave a field empty for the catalogue&apos;s default (shown in grey). Saving judges this customer&apos;s
        accounts again at once from their stored evidence.
      </p>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Names and lists</legend>
        <TextField
          id={id("corporateEmailDomains")}
          name="corporateEmailDomains"
          label="Corporate e-mail domains (ROOT-5)"
          hint="The security contact's address must be in one of them or a subdomain; empty = any address passes."
          placeholder="acme.example, acme-group.example"
          defaultValue={inForce.corporateEmailDomains.join(", ")}
          error={errors.corporateEmailDomains}
        />
        <TextField
          id={id("requiredTagKeys")}
          name="requiredTagKeys"
          label="Required tag keys (GOV-2)"
          hint="Separated by commas; compared case-sensitively, as AWS does."
          placeholder={DEFAULT_CONTROL_PARAMS.requiredTagKeys.join(", ")}
          defaultValue={own("requiredTagKeys", inForce.requiredTagKeys.join(", "))}
          error={errors.requiredTagKeys}
        />
        <TextField
          id={id("accountAliasPattern")}
          name="accountAliasPattern"
          label="Account alias pattern (GOV-4)"
          hint="A regular expression the whole alias must match; empty = GOV-4 does not apply."
          placeholder="^acme-(prod|dev|test)$"
          defaultValue={inForce.accountAliasPattern ?? ""}
          error={errors.accountAliasPattern}
        />
        <TextField
          id={id("adminPorts")}
          name="adminPorts"
          label="Administrative ports (NET-2)"
          hint="Port numbers separated by commas."
          placeholder={DEFAULT_CONTROL_PARAMS.adminPorts.join(", ")}
          defaultValue={own("adminPorts", inForce.adminPorts.join(", "))}
          error={errors.adminPorts}
        />
        <fieldset
          aria-describedby={errors.inspectorResourceTypes ? id("inspectorResourceTypes-error") : undefined}
          className="space-y-1"
        >
          <legend className="text-sm font-medium text-slate-800">Inspector must scan (DET-3)</legend>
          <div className="flex flex-wrap gap-4 pt-1">
            {INSPECTOR_RESOURCE_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="inspectorResourceTypes"
                  value={type}
                  defaultChecked={inForce.inspectorResourceTypes.includes(type)}
                />
                {RESOURCE_TYPE_LABELS[type]}
              </label>
            ))}
          </div>
          {errors.inspectorResourceTypes ? (
            <p id={id("inspectorResourceTypes-error")} role="alert" className="text-xs font-medium text-red-700">
              {errors.inspectorResourceTypes}
            </p>
          ) : null}
        </fieldset>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold text-slate-800">Thresholds</legend>
        {NUMBER_PARAMETER_FIELDS.map((field) => (
          <TextField
            key={field.key}
            id={id(field.key)}
            name={field.key}
            label={`${field.label}, ${field.unit}`}
            type="number"
            inputMode="numeric"
            min={field.min}
            max={field.max}
            step={1}
            placeholder={`${DEFAULT_CONTROL_PARAMS[field.key]} (default)`}
            defaultValue={own(field.key, inForce[field.key])}
            error={errors[field.key]}
          />
        ))}
        <TextField
          id={id("maxSuppressionDays")}
          name="maxSuppressionDays"
          label="Longest suppression, days"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_SUPPRESSION_DAYS_LIMIT}
          step={1}
          placeholder={`${DEFAULT_MAX_SUPPRESSION_DAYS_TEXT} (default)`}
          defaultValue={parameters.customMaxSuppressionDays ? parameters.maxSuppressionDays : ""}
          error={errors.maxSuppressionDays}
        />
      </fieldset>
      <details>
        <summary className="cursor-pointer text-sm font-semibold text-slate-800">Control severities</summary>
        <p className="mt-2 text-sm text-slate-600">
          Re-weight a control for this customer&apos;s scores; &quot;Default&quot; keeps the catalogue&apos;s.
        </p>
        {errors.controlSeverities ? (
          <p role="alert" className="mt-2 text-xs font-medium text-red-700">
            {errors.controlSeverities}
          </p>
        ) : null}
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {parameters.controls.map((control) => (
            <Field key={control.id} id={id(`severity-${control.id}`)} label={`${control.id}: ${control.title}`}>
              <Select
                id={id(`severity-${control.id}`)}
                name={`severity-${control.id}`}
                defaultValue={parameters.controlSeverities[control.id] ?? ""}
              >
                <option value="">Default ({control.severity.toLowerCase()})</option>
                {SEVERITIES.map((severity) => (
                  <option key={severity} value={severity}>
                    {severity.toLowerCase()}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </div>
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isPending}>
          {isPending ? "Saving…" : "Save control parameters"}
        </Button>
        <p className="text-xs text-slate-500">Alert SLA hours are set on Alerts → SLA.</p>
      </div>
      <FormMessage
        error={result.serverError ?? errors.customerId}
        success={
          result.data
            ? result.data.changed.length === 0
              ? "Nothing changed."
              : `Saved (${result.data.changed.join(", ")}); ${result.data.reevaluatedAccounts} account${result.data.reevaluatedAccounts === 1 ? "" : "s"} judged again.`
            : undefined
        }
      />
    </form>
  );
}
