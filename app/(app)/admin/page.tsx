import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";

export default async function AdminPage() {
  const actor = await requireActor();
  if (can(actor, "user:manage")) redirect("/admin/users");
  if (can(actor, "audit:read")) redirect("/admin/audit-log");
  notFound();
}
