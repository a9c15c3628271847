import type { Role } from "../lib/db/generated/client";

// The demo's sign-ins, printed by `npm start` and used by the end-to-end tests. Demo only: a real
// installation invites its users, who choose their own passwords.
export interface DemoUser {
  key: "admin" | "consultant" | "manager" | "viewer" | "reviewer";
  email: string;
  name: string;
  role: Role;
  password: string;
  /**
   * Staff only: the TOTP secret (base32) the demo user is enrolled with (ADR 015), so the demo and the
   * e2e tests can compute sign-in codes (`npm run demo:code -- admin`). Never a real installation's.
   */
  mfaSecret?: string;
  /** Customer slug for customer users; assigned customers' slugs for the consultant and the manager. */
  customerSlug?: string;
  assignedCustomerSlugs?: string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: "admin",
    email: "admin@rampart.example",
    name: "Ada Admin",
    role: "ADMIN",
    password: "demo-Admin-rampart-26",
    mfaSecret: "RAMPARTDEMOADMINTOTPKEY234567ABC",
  },
  {
    key: "consultant",
    email: "consultant@rampart.example",
    name: "Carlos Consultant",
    role: "CONSULTANT",
    password: "demo-Consultant-rampart-26",
    mfaSecret: "RAMPARTDEMOCONSULTANTTOTPKEY2345",
    assignedCustomerSlugs: ["bluefin-logistics", "meridian-health-partners"],
  },
  {
    key: "manager",
    email: "manager@rampart.example",
    name: "Maya Manager",
    role: "MANAGER",
    password: "demo-Manager-rampart-26",
    mfaSecret: "RAMPARTDEMOMANAGERTOTPKEY234567A",
    // Technical manager of the consultant's customers (ADR 010): approves their change requests.
    assignedCustomerSlugs: ["bluefin-logistics", "meridian-health-partners"],
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
