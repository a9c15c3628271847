"use client";

import { useState } from "react";
import { Field, Select } from "@/components/ui/field";
import { ROLE_LABELS } from "@/lib/auth/role-labels";
import { hasAllCustomersFlag, isCustomerRole, ROLES, type Role } from "@/lib/authz/policy";

export interface RoleValue {
  role: Role;
  customerId?: string;
  allCustomers: boolean;
}

/** Role, and the customer (customer roles) or all-customers flag (consultants) that goes with it. */
export function RoleFields({
  idPrefix,
  customers,
  initial,
  errors,
  onChange,
}: {
  idPrefix: string;
  customers: { id: string; name: string }[];
  initial: RoleValue;
  errors?: { role?: string; customerId?: string };
  onChange: (value: RoleValue) => void;
}) {
  const [value, setValue] = useState<RoleValue>(initial);
  const update = (next: RoleValue) => {
    setValue(next);
    onChange(next);
  };
  const customerRole = isCustomerRole(value.role);
  return (
    <>
      <Field id={`${idPrefix}-role`} label="Role" error={errors?.role}>
        <Select
          id={`${idPrefix}-role`}
          value={value.role}
          onChange={(event) => update({ ...value, role: event.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
      </Field>
      {customerRole ? (
        <Field id={`${idPrefix}-customer`} label="Customer" error={errors?.customerId}>
          <Select
            id={`${idPrefix}-customer`}
            value={value.customerId ?? ""}
            onChange={(event) => update({ ...value, customerId: event.target.value || undefined })}
          >
            <option value="">Choose a customer…</option>
            {customers.map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {hasAllCustomersFlag(value.role) ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={value.allCustomers}
            onChange={(event) => update({ ...value, allCustomers: event.target.checked })}
          />
          Sees every customer (otherwise only assigned ones)
        </label>
      ) : null}
    </>
  );
}

export function toRoleInput(value: RoleValue) {
  const customerRole = isCustomerRole(value.role);
  return {
    role: value.role,
    customerId: customerRole ? value.customerId : undefined,
    allCustomers: hasAllCustomersFlag(value.role) ? value.allCustomers : false,
  };
}
