"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Select, Textarea, TextField } from "@/components/ui/field";
import type { CreateChangeRequestInput } from "@/lib/actions/change-schemas";
import { createChangeRequestAction, updateChangeRequestAction } from "@/lib/actions/changes";
import { describeResource, type PickableResource, RESOURCE_KIND_LABELS } from "@/lib/changes/components";

interface AccountChoice {
  id: string;
  label: string;
  regions: string[];
  resources: PickableResource[];
  collectedAt: string | null;
}

export interface Component {
  awsAccountId: string;
  region: string | null;
  resourceKind: PickableResource["kind"] | null;
  resourceId: string | null;
}

function TextArea({
  id,
  name,
  label,
  hint,
  error,
  rows = 3,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  rows?: number;
  defaultValue?: string;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        required
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, { hint, error })}
      />
    </Field>
  );
}

/** A saved request's values, for its edit (window times as wall-clock values in its zone). */
export interface SavedRequest {
  changeId: string;
  version: number;
  title: string;
  description: string;
  justification: string;
  preliminaryImpact: string;
  windowStart: string;
  windowEnd: string;
  windowTimeZone: string;
  responsibleRole: string;
  responsibleName: string;
  components: Component[];
}

/**
 * The change request form, for a new request or the edit of a saved one (`saved`); components are picked
 * from the accounts' collected evidence.
 */
export function ChangeRequestForm({
  customerId,
  accounts,
  timeZone,
  defaultWindow,
  userName,
  saved,
}: {
  customerId: string;
  accounts: AccountChoice[];
  timeZone: string;
  defaultWindow: { start: string; end: string };
  userName: string;
  saved?: SavedRequest;
}) {
  const router = useRouter();
  const [components, setComponents] = useState<Component[]>(saved?.components ?? []);
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const [region, setRegion] = useState("");
  const [resource, setResource] = useState("");
  const created = useAction(createChangeRequestAction, {
    onSuccess: ({ data }) => {
      if (data) router.push(`/customers/${data.customerId}/changes/${data.changeId}`);
    },
  });
  const updated = useAction(updateChangeRequestAction, {
    onSuccess: ({ data }) => {
      if (data) {
        router.push(`/customers/${customerId}/changes/${data.changeId}`);
        router.refresh();
      }
    },
  });
  const { result, isPending } = saved ? updated : created;
  const errors = fieldErrorsOf(result);
  const account = accounts.find((candidate) => candidate.id === accountId);
  const resources = (account?.resources ?? []).filter((item) => !region || item.region === region);
  const accountLabel = (id: string) => accounts.find((candidate) => candidate.id === id)?.label ?? id;

  function addComponent() {
    if (!account) return;
    const picked = resources.find((item) => `${item.kind}|${item.region}|${item.id}` === resource);
    const next: Component = picked
      ? { awsAccountId: account.id, region: picked.region, resourceKind: picked.kind, resourceId: picked.id }
      : { awsAccountId: account.id, region: region || null, resourceKind: null, resourceId: null };
    const key = (component: Component) =>
      `${component.awsAccountId}|${component.region}|${component.resourceKind}|${component.resourceId}`;
    if (!components.some((component) => key(component) === key(next))) setComponents([...components, next]);
    setResource("");
  }

  return (
    <form
      aria-label={saved ? "Edit change request" : "New change request"}
      className="grid gap-4 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const value = (name: string) => String(data.get(name) ?? "");
        const request: Omit<CreateChangeRequestInput, "customerId"> = {
          title: value("title"),
          description: value("description"),
          justification: value("justification"),
          preliminaryImpact: value("preliminaryImpact"),
          windowStart: value("windowStart"),
          windowEnd: value("windowEnd"),
          windowTimeZone: value("windowTimeZone"),
          responsibleRole: value("responsibleRole"),
          responsibleName: value("responsibleName"),
          components: components.map((component) => ({
            awsAccountId: component.awsAccountId,
            region: component.region ?? "",
            resourceKind: component.resourceKind ?? "",
            resourceId: component.resourceId ?? "",
          })),
        };
        if (saved) updated.execute({ changeId: saved.changeId, version: saved.version, ...request });
        else created.execute({ customerId, ...request });
      }}
    >
      <div className="md:col-span-2">
        <TextField
          id="change-title"
          name="title"
          label="Title"
          defaultValue={saved?.title}
          required
          error={errors.title}
        />
      </div>
      <div className="md:col-span-2">
        <TextArea
          id="change-description"
          name="description"
          label="Description"
          hint="What will be changed, in detail."
          error={errors.description}
          defaultValue={saved?.description}
          rows={4}
        />
      </div>
      <TextArea
        id="change-justification"
        name="justification"
        label="Justification"
        defaultValue={saved?.justification}
        error={errors.justification}
      />
      <TextArea
        id="change-impact"
        name="preliminaryImpact"
        label="Preliminary impact"
        hint="What users or services may notice."
        defaultValue={saved?.preliminaryImpact}
        error={errors.preliminaryImpact}
      />

      <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-slate-200 md:col-span-2">
        <legend className="px-1 text-sm font-semibold text-slate-900">Affected components</legend>
        <p className="text-xs text-slate-500">
          Pick an account, optionally a region and one resource from its collected evidence, then add it. Add as many as
          the change touches.
        </p>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id="component-account" label="Account">
            <Select
              id="component-account"
              value={accountId}
              onChange={(event) => {
                setAccountId(event.target.value);
                setRegion("");
                setResource("");
              }}
            >
              {accounts.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="component-region" label="Region">
            <Select
              id="component-region"
              value={region}
              onChange={(event) => {
                setRegion(event.target.value);
                setResource("");
              }}
            >
              <option value="">Whole account</option>
              <option value="global">Global (IAM)</option>
              {(account?.regions ?? []).map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            id="component-resource"
            label="Resource"
            hint={
              account?.collectedAt
                ? `From the evidence collected on ${account.collectedAt}.`
                : "No evidence collected yet for this account: sync it to pick resources."
            }
          >
            <Select id="component-resource" value={resource} onChange={(event) => setResource(event.target.value)}>
              <option value="">No single resource</option>
              {resources.map((item) => (
                <option key={`${item.kind}|${item.region}|${item.id}`} value={`${item.kind}|${item.region}|${item.id}`}>
                  {RESOURCE_KIND_LABELS[item.kind]}: {item.label}
                  {item.label !== item.id ? ` (${item.id})` : ""}
                  {item.region !== "global" ? ` · ${item.region}` : ""}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button type="button" variant="secondary" onClick={addComponent} disabled={!account}>
          Add component
        </Button>
        {components.length > 0 ? (
          <ul aria-label="Components of this change" className="space-y-1 text-sm">
            {components.map((component, index) => (
              <li
                key={`${component.awsAccountId}|${component.region}|${component.resourceId}`}
                className="flex flex-wrap items-center justify-between gap-2 rounded bg-slate-50 px-2 py-1"
              >
                <span className="break-all">
                  {accountLabel(component.awsAccountId)}:{" "}
                  {describeResource({
                    region: component.region,
                    kind: component.resourceKind,
                    id: component.resourceId,
                  })}
                </span>
                <Button
                  type="button"
                  variant="ghost"
                  onClick={() => setComponents(components.filter((_, position) => position !== index))}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No component added yet.</p>
        )}
        {errors.components ? (
          <p role="alert" className="text-xs font-medium text-red-700">
            {errors.components}
          </p>
        ) : null}
      </fieldset>

      <TextField
        id="change-window-start"
        name="windowStart"
        type="datetime-local"
        label="Window starts"
        defaultValue={saved?.windowStart ?? defaultWindow.start}
        required
        error={errors.windowStart}
      />
      <TextField
        id="change-window-end"
        name="windowEnd"
        type="datetime-local"
        label="Window ends"
        defaultValue={saved?.windowEnd ?? defaultWindow.end}
        required
        error={errors.windowEnd}
      />
      <TextField
        id="change-time-zone"
        name="windowTimeZone"
        label="Time zone of the window"
        hint={`The window's start and end are times in this zone, an IANA name. The customer's time zone is ${timeZone}.`}
        defaultValue={saved?.windowTimeZone ?? timeZone}
        required
        error={errors.windowTimeZone}
      />
      <div />
      <TextField
        id="change-responsible-role"
        name="responsibleRole"
        label="Responsible role"
        defaultValue={saved?.responsibleRole ?? "Cloud consultant"}
        required
        error={errors.responsibleRole}
      />
      <TextField
        id="change-responsible-name"
        name="responsibleName"
        label="Responsible person"
        defaultValue={saved?.responsibleName ?? userName}
        required
        error={errors.responsibleName}
      />
      <div className="md:col-span-2">
        <FormMessage error={result.serverError ?? errors.customerId} />
      </div>
      <div>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : saved ? "Save the changes" : "Save the request"}
        </Button>
      </div>
    </form>
  );
}
