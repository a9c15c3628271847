import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/role-labels";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listAssignments } from "@/lib/queries/assignments";
import { AdminNav } from "../admin-nav";
import { AssignmentForm } from "./assignment-form";

export const metadata: Metadata = { title: "Assignments" };

export default async function AssignmentsPage() {
  const actor = await requireActor();
  const { users, customers } = await pageNotFoundOn(listAssignments(actor));
  return (
    <>
      <PageHeader
        title="Administration"
        description="Who looks after whom. A consultant sees only the customers assigned here (unless it sees every customer); a manager is marked as the technical manager of its customers and keeps seeing the whole portfolio."
      />
      <AdminNav actor={actor} current="assignments" />
      {users.length === 0 ? (
        <EmptyState title="No consultants or managers yet">Invite them under Users first.</EmptyState>
      ) : customers.length === 0 ? (
        <EmptyState title="No customers yet">Add customers in Settings first.</EmptyState>
      ) : (
        <div className="space-y-4">
          {users.map((user) => (
            <Card key={user.id} aria-labelledby={`assignee-${user.id}`}>
              <div className="mb-3 flex flex-wrap items-center gap-2">
                <h2 id={`assignee-${user.id}`} className="text-base font-semibold text-slate-900">
                  {user.name}
                </h2>
                <Badge tone="neutral">{ROLE_LABELS[user.role]}</Badge>
                {user.active ? null : <Badge tone="neutral">deactivated</Badge>}
                <span className="break-all text-sm text-slate-600">{user.email}</span>
              </div>
              <AssignmentForm
                user={{ id: user.id, name: user.name, role: user.role, allCustomers: user.allCustomers }}
                customers={customers}
                assigned={user.customerIds}
              />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
