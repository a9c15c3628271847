import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/role-labels";
import { hasAllCustomersFlag } from "@/lib/authz/policy";
import { pageNotFoundOn } from "@/lib/http/page-errors";
import { listCustomerChoices } from "@/lib/queries/customers";
import { listOpenInvitations, listUsers } from "@/lib/queries/users";
import { AdminNav } from "../admin-nav";
import { InviteUserForm } from "./invite-user-form";
import { RevokeInvitationButton, UserRowActions } from "./user-row-actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const page = Number.parseInt((await searchParams).page ?? "1", 10) || 1;
  const users = await pageNotFoundOn(listUsers(actor, { page }));
  const [invitations, customers] = await Promise.all([listOpenInvitations(actor), listCustomerChoices(actor)]);
  const pages = Math.max(1, Math.ceil(users.total / users.pageSize));

  return (
    <>
      <PageHeader
        title="Administration"
        description="Who can sign in to Rampart, with which role, for which customer."
      />
      <AdminNav actor={actor} current="users" />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Invite a user" description="They receive a one-time link by e-mail, valid for 72 hours." />
          <InviteUserForm customers={customers} />
        </Card>

        {invitations.length ? (
          <Table caption="Open invitations">
            <thead>
              <tr>
                <Th>Invited e-mail</Th>
                <Th>Role</Th>
                <Th>Invited by</Th>
                <Th>Expires</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invitations.map((invitation) => (
                <Tr key={invitation.id}>
                  <Td>{invitation.email}</Td>
                  <Td>
                    {ROLE_LABELS[invitation.role]}
                    {invitation.customer ? ` · ${invitation.customer.name}` : ""}
                  </Td>
                  <Td>{invitation.invitedBy.name}</Td>
                  <Td>{invitation.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC</Td>
                  <Td className="text-right">
                    <RevokeInvitationButton invitationId={invitation.id} email={invitation.email} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        ) : null}

        <Table caption="Users">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>E-mail</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Last sign-in</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.rows.map((user) => (
              <Tr key={user.id}>
                <Td className="font-medium">{user.name}</Td>
                <Td>{user.email}</Td>
                <Td>
                  {ROLE_LABELS[user.role]}
                  {user.customer ? ` · ${user.customer.name}` : ""}
                  {hasAllCustomersFlag(user.role)
                    ? user.allCustomers
                      ? " · all customers"
                      : " · assigned customers"
                    : ""}
                </Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {user.active ? <Badge tone="good">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
                    {user.mfaEnabled ? <Badge tone="neutral">Two-step on</Badge> : null}
                  </span>
                </Td>
                <Td>
                  {user.lastSignInAt
                    ? `${user.lastSignInAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
                    : "Never"}
                </Td>
                <Td className="text-right">
                  {user.id === actor.userId ? (
                    <span className="text-xs text-slate-500">You</span>
                  ) : (
                    <UserRowActions
                      user={{
                        id: user.id,
                        name: user.name,
                        role: user.role,
                        active: user.active,
                        mfaEnabled: user.mfaEnabled,
                        customerId: user.customer?.id ?? null,
                        allCustomers: user.allCustomers,
                      }}
                      customers={customers}
                    />
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
        {pages > 1 ? (
          <nav aria-label="Pages" className="flex gap-3 text-sm">
            {page > 1 ? <a href={`/admin/users?page=${page - 1}`}>Previous</a> : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? <a href={`/admin/users?page=${page + 1}`}>Next</a> : null}
          </nav>
        ) : null}
      </div>
    </>
  );
}
