"use client";

import { useId } from "react";
import { TextField } from "@/components/ui/field";

// The customer settings edited with the customer (Settings → Edit customer): its time zone (change windows
// are entered and shown in it), collaborative change approval (SOP 000 §11) and the monthly evidence pack
// mail (issue 14). Mounted in the customer's edit dialog; the summary sits on the customer's card.

export interface CustomerPractice {
  timeZone: string;
  collaborativeChanges: boolean;
  monthlyEvidencePackMail: boolean;
}

/** The IANA zones this browser knows, for the time zone field's suggestions (UTC first). */
function zoneSuggestions(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}

export function customerPracticeFromForm(data: FormData) {
  return {
    timeZone: String(data.get("timeZone") ?? ""),
    collaborativeChanges: data.get("collaborativeChanges") === "on",
    monthlyEvidencePackMail: data.get("monthlyEvidencePackMail") === "on",
  };
}

function Toggle({
  id,
  name,
  label,
  hint,
  defaultChecked,
  error,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  defaultChecked: boolean;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="flex items-start gap-2 text-sm font-medium text-slate-800">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={Boolean(error)}
          className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300"
        />
        <span>{label}</span>
      </label>
      <p id={`${id}-hint`} className="mt-1 pl-6 text-xs text-slate-500">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 pl-6 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CustomerPracticeFields({
  idPrefix,
  practice,
  errors,
}: {
  idPrefix: string;
  practice: CustomerPractice;
  errors: Record<string, string>;
}) {
  const listId = useId();
  return (
    <>
      <TextField
        id={`${idPrefix}timeZone`}
        name="timeZone"
        label="Time zone"
        hint="An IANA name such as Europe/Madrid or UTC. Change windows are entered and shown in it."
        defaultValue={practice.timeZone}
        list={listId}
        autoComplete="off"
        error={errors.timeZone}
        required
      />
      <datalist id={listId}>
        {zoneSuggestions().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Toggle
        id={`${idPrefix}collaborativeChanges`}
        name="collaborativeChanges"
        label="Changes are approved with the customer"
        hint="The environment is managed collaboratively: a customer reviewer approves each change request too."
        defaultChecked={practice.collaborativeChanges}
        error={errors.collaborativeChanges}
      />
      <Toggle
        id={`${idPrefix}monthlyEvidencePackMail`}
        name="monthlyEvidencePackMail"
        label="Mail the monthly evidence pack"
        hint="On the 1st of each month, last month's evidence pack is mailed to the customer's reviewers and managers."
        defaultChecked={practice.monthlyEvidencePackMail}
        error={errors.monthlyEvidencePackMail}
      />
    </>
  );
}

/** One line on the customer's card: its time zone and what is switched on. */
export function CustomerPracticeSummary({ settings }: { settings: CustomerPractice }) {
  return (
    <p className="mt-1 text-sm text-slate-600">
      Time zone: {settings.timeZone} · Changes approved{" "}
      {settings.collaborativeChanges ? "with the customer" : "internally"} · Monthly evidence pack mail:{" "}
      {settings.monthlyEvidencePackMail ? "on" : "off"}
    </p>
  );
}
