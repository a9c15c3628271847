import type { Role } from "@/lib/authz/policy";

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  CONSULTANT: "Consultant",
  MANAGER: "Manager",
  CUSTOMER_VIEWER: "Customer viewer",
  CUSTOMER_REVIEWER: "Customer reviewer",
};
