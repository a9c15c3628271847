import type { Role } from "../lib/db/generated/client";

// The demo's sign-ins, printed by `npm start` and used by the end-to-end tests. Demo only: a real
// installation invites its users, who choose their own passwords.
export interface DemoUser {
  key: "admin" | "consultant" | "manager" | "viewer" | "reviewer";
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Customer slug for customer users; assigned customers' slugs for the consultant. */
  customerSlug?: string;
  assignedCustomerSlugs?: string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { key: "admin", email: "admin@rampart.example", name: "Ada Admin", role: "ADMIN", password: "demo-Admin-rampart-26" },
  {
    key: "consultant",
    email: "consultant@rampart.example",
    name: "Carlos Consultant",
    role: "CONSULTANT",
    password: "demo-Consultant-rampart-26",
    assignedCustomerSlugs: ["bluefin-logistics", "meridian-health-partners"],
  },
  {
    key: "manager",
    email: "manager@rampart.example",
    name: "Maya Manager",
    role: "MANAGER",
    password: "demo-Manager-rampart-26",
  },
  {
    key: "viewer",
    email: "viewer@meridian-health.example",
    name: "Victor Viewer (Meridian)",
    role: "CUSTOMER_VIEWER",
    password: "demo-Viewer-rampart-26",
    customerSlug: "meridian-health-partners",
  },
  {
    key: "reviewer",
    email: "reviewer@bluefin-logistics.example",
    name: "Rita Reviewer (Bluefin)",
    role: "CUSTOMER_REVIEWER",
    password: "demo-Reviewer-rampart-26",
    customerSlug: "bluefin-logistics",
  },
];

export function demoUser(key: DemoUser["key"]): DemoUser {
  return DEMO_USERS.find((user) => user.key === key)!;
}
