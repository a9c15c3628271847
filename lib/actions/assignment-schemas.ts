import { z } from "zod";

// Schemas of lib/actions/assignments.ts (a 'use server' module may export only async functions).

export const MAX_ASSIGNED_CUSTOMERS = 500;

export const updateAssignmentsSchema = z.object({
  /** Not yet authorized: the action loads the user and refuses any role but CONSULTANT or MANAGER. */
  userId: z.string().trim().min(1, "Choose a consultant or manager").max(64),
  /** The complete set of customers the user looks after afterwards (not a delta). */
  customerIds: z
    .array(z.string().trim().min(1).max(64), { message: "Choose the customers from the list" })
    .max(MAX_ASSIGNED_CUSTOMERS, `At most ${MAX_ASSIGNED_CUSTOMERS} customers per person`)
    .transform((ids) => [...new Set(ids)]),
});
