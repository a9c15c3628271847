"use client";

import { useAction } from "next-safe-action/hooks";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Select, TextField } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { addOrganizationAccountsAction } from "@/lib/actions/organizations";
import { STACKSET_ROLE_NAME } from "@/lib/customers/audit-role";
import { ENVIRONMENTS, environmentLabel } from "@/lib/customers/environments";
import type { OrganizationMemberRow } from "@/lib/queries/organizations";
import { RegionChecklist } from "./region-checklist";

const ADDABLE = new Set(["ACTIVE", "SUSPENDED"]);

function statusTone(status: string | null) {
  if (status === "ACTIVE") return "good" as const;
  if (status === "SUSPENDED") return "warn" as const;
  return "neutral" as const;
}

/** The organization's accounts, the unmonitored ones selectable, and "add selected member accounts". */
export function OrganizationAccountsForm({
  customerId,
  customerName,
  readerAccountId,
  organizationId,
  members,
  suggestedRegions,
  enabledRegions,
}: {
  customerId: string;
  customerName: string;
  readerAccountId: string;
  organizationId: string;
  members: OrganizationMemberRow[];
  suggestedRegions: string[];
  enabledRegions: string[];
}) {
  const { execute, result, isPending } = useAction(addOrganizationAccountsAction);
  const errors = fieldErrorsOf(result);
  const id = (name: string) => `${customerId}-organization-${name}`;
  const unmonitored = members.filter((member) => !member.connected && !member.connectedElsewhere);
  return (
    <form
      aria-label={`Add member accounts of ${organizationId} to ${customerName}`}
      className="mt-3 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          customerId,
          readerAccountId,
          accountNumbers: data.getAll("accountNumbers").map(String),
          roleName: String(data.get("roleName") ?? ""),
          regions: data.getAll("regions").map(String),
          environment: String(data.get("environment") ?? "") as (typeof ENVIRONMENTS)[number],
        });
      }}
    >
      <div className="relative overflow-x-auto">
        <Table caption={`Accounts in organization ${organizationId}`}>
          <thead>
            <tr>
              <Th>
                <span className="sr-only">Select</span>
              </Th>
              <Th>Account</Th>
              <Th>OU path</Th>
              <Th>Status</Th>
              <Th>In Rampart</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => {
              const selectable = !member.connected && !member.connectedElsewhere && ADDABLE.has(member.status ?? "");
              return (
                <Tr key={member.accountId}>
                  <Td>
                    {selectable ? (
                      <input
                        type="checkbox"
                        name="accountNumbers"
                        value={member.accountId}
                        aria-label={`Select ${member.name} (${member.accountId})`}
                        className="h-4 w-4 rounded border-slate-300"
                      />
                    ) : null}
                  </Td>
                  <Td>
                    <span className="font-medium">{member.name}</span>
                    <span className="block font-mono text-xs text-slate-500">{member.accountId}</span>
                  </Td>
                  <Td className="text-xs">{member.path}</Td>
                  <Td>
                    <Badge tone={statusTone(member.status)}>{member.status?.toLowerCase() ?? "unknown"}</Badge>
                  </Td>
                  <Td>
                    {member.connected ? (
                      <Badge tone="good">monitored</Badge>
                    ) : member.connectedElsewhere ? (
                      <Badge tone="neutral">another customer</Badge>
                    ) : (
                      <Badge tone="warn">not monitored</Badge>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      </div>
      {errors.accountNumbers ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errors.accountNumbers}
        </p>
      ) : null}
      {unmonitored.length > 0 ? (
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id={id("roleName")}
            name="roleName"
            label="Audit role name"
            hint="The role the StackSet deployed in every member account"
            defaultValue={STACKSET_ROLE_NAME}
            error={errors.roleName}
            required
          />
          <Field id={id("environment")} label="Environment" error={errors.environment}>
            <Select id={id("environment")} name="environment" defaultValue="PRODUCTION">
              {ENVIRONMENTS.map((environment) => (
                <option key={environment} value={environment}>
                  {environmentLabel(environment)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="md:col-span-2">
            <RegionChecklist
              id={id("regions")}
              selected={suggestedRegions}
              enabled={enabledRegions}
              error={errors.regions}
            />
          </div>
          <div>
            <Button type="submit" disabled={isPending}>
              {isPending ? "Adding…" : "Add selected member accounts"}
            </Button>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Every account of the organization is monitored.</p>
      )}
      <FormMessage
        error={result.serverError}
        success={
          result.data
            ? `Added ${result.data.added.map((account) => `${account.alias} (${account.accountNumber})`).join(", ")}. Sync them to see their scores.`
            : undefined
        }
      />
    </form>
  );
}
