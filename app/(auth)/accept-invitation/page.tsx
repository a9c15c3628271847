import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/role-labels";
import type { Role } from "@/lib/authz/policy";
import { getInvitationForAcceptance } from "@/lib/queries/users";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const DEAD_LINKS = {
  used: {
    title: "This invitation has already been used",
    body: "Each invitation link works once. If you set up your account, sign in.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitation links are valid for a limited time. Ask your administrator to invite you again.",
  },
  revoked: { title: "This invitation was withdrawn", body: "Ask your administrator for a new invitation." },
  invalid: {
    title: "This invitation link is not valid",
    body: "Check that you opened the whole link from the e-mail, or ask your administrator for a new one.",
  },
} as const;

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const state = await getInvitationForAcceptance(typeof token === "string" ? token : undefined);
  if (state.status !== "valid") {
    const copy = DEAD_LINKS[state.status];
    return (
      <>
        <h1 className="mb-2 text-lg font-semibold text-slate-900">{copy.title}</h1>
        <p className="mb-5 text-sm text-slate-600">{copy.body}</p>
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 underline">
          Go to sign-in
        </Link>
      </>
    );
  }
  const { invitation } = state;
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Set up your Rampart account</h1>
      <p className="mb-5 text-sm text-slate-600">
        You are invited as <strong>{ROLE_LABELS[invitation.role as Role]}</strong>
        {invitation.customerName ? (
          <>
            {" "}
            for <strong>{invitation.customerName}</strong>
          </>
        ) : null}{" "}
        with the e-mail address <strong>{invitation.email}</strong>.
      </p>
      <AcceptInvitationForm token={token as string} email={invitation.email} />
    </>
  );
}
