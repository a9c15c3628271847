// One case per page and route handler in app/ (keyed by file). e2e/isolation-routes.spec.ts fails when a
// route has no case here, so a new route cannot ship without its attacker probes.
//
// Each probe is a request an attacker confined to customer A makes with customer B's ids. Expectations:
// - "not-found": the answer is 404 (or 403) — a foreign id never renders;
// - "no-foreign-data": any status, but nothing of customer B (name, ids, ExternalId, account numbers,
//   alert and review titles) appears in the body. Every probe is also checked for that.

export interface VictimIds {
  customerId: string;
  accountId: string;
  alertId: string;
  reviewId: string;
  packId: string;
  changeId: string;
  attestationId: string;
  attachmentId: string;
  mailId: string;
}

export interface ProbeTargets {
  /** The attacker's own customer (customer users) or its one assigned customer (consultant). */
  own: { customerId: string; accountId: string };
  victim: VictimIds;
}

export interface Probe {
  path: string;
  method?: "GET" | "POST";
  /** Sent as multipart/form-data (with the app's own Origin, as a browser form would). */
  multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }>;
  expect: "not-found" | "no-foreign-data";
}

export interface IsolationCase {
  /** Anonymous: "signed-in" pages redirect to /sign-in and route handlers answer 401; "public" ones are open. */
  anonymous: "public" | "signed-in";
  probes: (targets: ProbeTargets) => Probe[];
}

const listPage = (path: string): IsolationCase => ({
  anonymous: "signed-in",
  // List pages take no id in the path, but a forged customerId in the query must not widen them.
  probes: ({ victim }) => [
    { path, expect: "no-foreign-data" },
    { path: `${path}?customerId=${victim.customerId}`, expect: "no-foreign-data" },
    { path: `${path}?customer=${victim.customerId}&accountId=${victim.accountId}`, expect: "no-foreign-data" },
  ],
});

export const ISOLATION_CASES: Record<string, IsolationCase> = {
  "app/(app)/page.tsx": { anonymous: "signed-in", probes: () => [{ path: "/", expect: "no-foreign-data" }] },
  "app/(app)/portfolio/page.tsx": listPage("/portfolio"),
  "app/(app)/alerts/page.tsx": listPage("/alerts"),
  // Administrators only (customer:manage): every attacker gets a 404.
  "app/(app)/alerts/sla/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: "/alerts/sla", expect: "not-found" },
      { path: `/alerts/sla?customerId=${victim.customerId}`, expect: "not-found" },
    ],
  },
  "app/(app)/alerts/[alertId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: `/alerts/${victim.alertId}`, expect: "not-found" },
      { path: `/alerts/${encodeURIComponent(`${victim.alertId}' OR '1'='1`)}`, expect: "not-found" },
      // Another kind of B's id in the alert's place.
      { path: `/alerts/${victim.reviewId}`, expect: "not-found" },
    ],
  },
  "app/(app)/reviews/page.tsx": listPage("/reviews"),
  "app/(app)/reviews/new/page.tsx": {
    anonymous: "signed-in",
    // Customer users hold no review:run (404); a consultant's picker lists its own customers only.
    probes: ({ own, victim }) => [
      { path: "/reviews/new", expect: "no-foreign-data" },
      { path: `/reviews/new?customerId=${own.customerId}`, expect: "no-foreign-data" },
      { path: `/reviews/new?customerId=${victim.customerId}`, expect: "not-found" },
    ],
  },
  "app/(app)/reviews/[reviewId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: `/reviews/${victim.reviewId}`, expect: "not-found" },
      { path: `/reviews/${victim.reviewId}?account=${victim.accountId}&flag=risky`, expect: "not-found" },
      { path: `/reviews/${encodeURIComponent(`${victim.reviewId}' OR '1'='1`)}`, expect: "not-found" },
    ],
  },
  "app/(app)/trends/page.tsx": listPage("/trends"),
  "app/(app)/settings/page.tsx": listPage("/settings"),
  "app/(app)/customers/[customerId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: `/customers/${victim.customerId}`, expect: "not-found" },
      { path: `/customers/${victim.customerId}?tab=alerts`, expect: "not-found" },
      { path: `/customers/${encodeURIComponent(`${victim.customerId}' OR '1'='1`)}`, expect: "not-found" },
    ],
  },
  "app/(app)/customers/[customerId]/accounts/[accountId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/accounts/${victim.accountId}`, expect: "not-found" },
      // The mixed pair: the attacker's own customer in the path, a foreign account after it.
      { path: `/customers/${own.customerId}/accounts/${victim.accountId}`, expect: "not-found" },
      { path: `/customers/${victim.customerId}/accounts/${own.accountId}`, expect: "not-found" },
    ],
  },
  "app/(app)/customers/[customerId]/controls/[controlId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/controls/ROOT-1`, expect: "not-found" },
      { path: `/customers/${victim.customerId}/controls/IAM-5`, expect: "not-found" },
      // The attacker's own customer with an unknown control id: 404, never a 500 or another customer's data.
      { path: `/customers/${own.customerId}/controls/NOPE-1`, expect: "not-found" },
      // CHG-1 shows the customer's detected-change counts: the victim's never, the own ones without B's.
      { path: `/customers/${victim.customerId}/controls/CHG-1`, expect: "not-found" },
      { path: `/customers/${own.customerId}/controls/CHG-1`, expect: "no-foreign-data" },
    ],
  },
  "app/(app)/customers/[customerId]/changes/detected/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/changes/detected`, expect: "not-found" },
      { path: `/customers/${victim.customerId}/changes/detected?filter=unmatched`, expect: "not-found" },
      // The attacker's own list renders, with nothing of B in it, whatever the query says.
      { path: `/customers/${own.customerId}/changes/detected`, expect: "no-foreign-data" },
      {
        path: `/customers/${own.customerId}/changes/detected?customerId=${victim.customerId}`,
        expect: "no-foreign-data",
      },
      {
        path: `/customers/${encodeURIComponent(`${victim.customerId}' OR '1'='1`)}/changes/detected`,
        expect: "not-found",
      },
    ],
  },
  "app/(app)/customers/[customerId]/records/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/records`, expect: "not-found" },
      // The attacker's own records page renders, with nothing of B in it.
      { path: `/customers/${own.customerId}/records`, expect: "no-foreign-data" },
      { path: `/customers/${victim.customerId}/records?accountId=${victim.accountId}`, expect: "not-found" },
      { path: `/customers/${encodeURIComponent(`${victim.customerId}' OR '1'='1`)}/records`, expect: "not-found" },
    ],
  },
  "app/(app)/customers/[customerId]/findings/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/findings`, expect: "not-found" },
      { path: `/customers/${victim.customerId}/findings?status=ALL&account=${victim.accountId}`, expect: "not-found" },
      // The attacker's own table renders, with nothing of B in it, even filtered by B's account.
      { path: `/customers/${own.customerId}/findings?status=ALL`, expect: "no-foreign-data" },
      {
        path: `/customers/${own.customerId}/findings?status=ALL&account=${victim.accountId}`,
        expect: "no-foreign-data",
      },
      { path: `/customers/${encodeURIComponent(`${victim.customerId}' OR '1'='1`)}/findings`, expect: "not-found" },
    ],
  },
  "app/(app)/customers/[customerId]/changes/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/changes`, expect: "not-found" },
      { path: `/customers/${victim.customerId}/changes?status=ASSESSED`, expect: "not-found" },
      // The attacker's own log, filtered by B's account: renders, with nothing of B.
      { path: `/customers/${own.customerId}/changes?account=${victim.accountId}`, expect: "no-foreign-data" },
    ],
  },
  "app/(app)/customers/[customerId]/changes/new/page.tsx": {
    anonymous: "signed-in",
    // Customer users hold no change:draft (404); the consultant's form for A lists A's accounts only.
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/changes/new`, expect: "not-found" },
      { path: `/customers/${own.customerId}/changes/new?account=${victim.accountId}`, expect: "no-foreign-data" },
    ],
  },
  "app/(app)/customers/[customerId]/changes/[changeId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/changes/${victim.changeId}`, expect: "not-found" },
      // The mixed pair: the attacker's own customer in the path, B's change after it.
      { path: `/customers/${own.customerId}/changes/${victim.changeId}`, expect: "not-found" },
      { path: `/customers/${encodeURIComponent(`${victim.customerId}' OR '1'='1`)}/changes`, expect: "not-found" },
    ],
  },
  "app/(app)/customers/[customerId]/changes/[changeId]/edit/page.tsx": {
    anonymous: "signed-in",
    // Customer users hold no change:draft (404); a consultant of A never reaches B's change by either id.
    probes: ({ own, victim }) => [
      { path: `/customers/${victim.customerId}/changes/${victim.changeId}/edit`, expect: "not-found" },
      { path: `/customers/${own.customerId}/changes/${victim.changeId}/edit`, expect: "not-found" },
    ],
  },
  "app/(app)/admin/page.tsx": { anonymous: "signed-in", probes: () => [{ path: "/admin", expect: "not-found" }] },
  // Administrators only (user:manage): every attacker, the assigned consultant included, gets a 404.
  "app/(app)/admin/assignments/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: "/admin/assignments", expect: "not-found" },
      { path: `/admin/assignments?customerId=${victim.customerId}`, expect: "not-found" },
    ],
  },
  "app/(app)/admin/users/page.tsx": {
    anonymous: "signed-in",
    probes: () => [{ path: "/admin/users", expect: "not-found" }],
  },
  // The demo outbox: all-customer administrators only, whatever the mail is about.
  "app/(app)/admin/outbox/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: "/admin/outbox", expect: "not-found" },
      { path: `/admin/outbox?customerId=${victim.customerId}&page=1`, expect: "not-found" },
    ],
  },
  "app/(app)/admin/outbox/[mailId]/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: `/admin/outbox/${victim.mailId}`, expect: "not-found" },
      { path: `/admin/outbox/${victim.alertId}`, expect: "not-found" },
    ],
  },
  "app/(app)/admin/audit-log/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: "/admin/audit-log", expect: "not-found" },
      { path: `/admin/audit-log?customerId=${victim.customerId}`, expect: "not-found" },
    ],
  },
  "app/(auth)/sign-in/page.tsx": {
    anonymous: "public",
    probes: () => [{ path: "/sign-in", expect: "no-foreign-data" }],
  },
  // One's own second factor (ADR 015): no id is taken; a callbackUrl naming B's customer only links back.
  "app/(auth)/mfa/page.tsx": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: "/mfa", expect: "no-foreign-data" },
      { path: `/mfa?callbackUrl=%2Fcustomers%2F${victim.customerId}`, expect: "no-foreign-data" },
      { path: `/mfa?userId=${victim.customerId}`, expect: "no-foreign-data" },
    ],
  },
  "app/(auth)/signed-out/page.tsx": {
    anonymous: "public",
    probes: () => [{ path: "/signed-out", expect: "no-foreign-data" }],
  },
  "app/(auth)/auth-error/page.tsx": {
    anonymous: "public",
    probes: () => [{ path: "/auth-error?error=AccessDenied", expect: "no-foreign-data" }],
  },
  "app/(auth)/accept-invitation/page.tsx": {
    anonymous: "public",
    probes: () => [
      { path: "/accept-invitation", expect: "no-foreign-data" },
      { path: `/accept-invitation?token=${"A".repeat(43)}`, expect: "no-foreign-data" },
    ],
  },
  "app/api/auth/[...nextauth]/route.ts": {
    anonymous: "public",
    probes: () => [
      { path: "/api/auth/session", expect: "no-foreign-data" },
      { path: "/api/auth/providers", expect: "no-foreign-data" },
    ],
  },
  "app/api/alerts/counts/route.ts": {
    anonymous: "signed-in",
    // Counts only, within the caller's scope: a foreign customer (or id) in the filter counts nothing of B.
    probes: ({ victim }) => [
      { path: "/api/alerts/counts", expect: "no-foreign-data" },
      { path: `/api/alerts/counts?customer=${victim.customerId}`, expect: "no-foreign-data" },
      {
        path: `/api/alerts/counts?customer=${victim.customerId}&status=all&source=CONTROL&assignee=${victim.alertId}`,
        expect: "no-foreign-data",
      },
    ],
  },
  "app/api/customers/search/route.ts": {
    anonymous: "signed-in",
    // The header switcher's search: only customers in the caller's scope, whatever is typed.
    probes: ({ victim }) => [
      { path: "/api/customers/search", expect: "no-foreign-data" },
      { path: "/api/customers/search?q=", expect: "no-foreign-data" },
      { path: `/api/customers/search?q=${victim.customerId}`, expect: "no-foreign-data" },
      {
        path: `/api/customers/search?q=${victim.customerId}&customerId=${victim.customerId}`,
        expect: "no-foreign-data",
      },
    ],
  },
  "app/api/trends/score-changes/route.ts": {
    anonymous: "signed-in",
    // The Trends score-change table's pages (trends:read): only customers in the caller's scope, whatever
    // is searched; customer users hold no trends:read and get nothing.
    probes: ({ victim }) => [
      { path: "/api/trends/score-changes", expect: "no-foreign-data" },
      { path: `/api/trends/score-changes?q=${victim.customerId}`, expect: "no-foreign-data" },
      { path: `/api/trends/score-changes?sort=name&page=2&customer=${victim.customerId}`, expect: "no-foreign-data" },
    ],
  },
  "app/api/health/route.ts": {
    anonymous: "public",
    probes: () => [{ path: "/api/health", expect: "no-foreign-data" }],
  },
  "app/api/customers/[customerId]/reviews/[reviewId]/export.csv/route.ts": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/api/customers/${victim.customerId}/reviews/${victim.reviewId}/export.csv`, expect: "not-found" },
      // The mixed pair: the attacker's own customer in the path, B's campaign after it.
      { path: `/api/customers/${own.customerId}/reviews/${victim.reviewId}/export.csv`, expect: "not-found" },
    ],
  },
  "app/api/customers/[customerId]/reviews/[reviewId]/export.pdf/route.ts": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/api/customers/${victim.customerId}/reviews/${victim.reviewId}/export.pdf`, expect: "not-found" },
      { path: `/api/customers/${own.customerId}/reviews/${victim.reviewId}/export.pdf`, expect: "not-found" },
    ],
  },
  // Audit-role templates carry the ExternalId: customer users lack externalId:read (403), a consultant
  // confined to A gets 404 for B, whatever the format.
  "app/api/customers/[customerId]/onboarding/[format]/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: `/api/customers/${victim.customerId}/onboarding/cloudformation`, expect: "not-found" },
      { path: `/api/customers/${victim.customerId}/onboarding/stackset`, expect: "not-found" },
      { path: `/api/customers/${victim.customerId}/onboarding/terraform`, expect: "not-found" },
    ],
  },
  "app/api/customers/[customerId]/results.csv/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [{ path: `/api/customers/${victim.customerId}/results.csv`, expect: "not-found" }],
  },
  "app/api/portfolio/export.csv/route.ts": {
    anonymous: "signed-in",
    // A customer user may not read the portfolio at all; a consultant's export holds only their customers.
    probes: ({ victim }) => [
      { path: "/api/portfolio/export.csv", expect: "no-foreign-data" },
      { path: `/api/portfolio/export.csv?q=${victim.customerId}`, expect: "no-foreign-data" },
    ],
  },
  "app/api/alerts/export.csv/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: "/api/alerts/export.csv", expect: "no-foreign-data" },
      { path: `/api/alerts/export.csv?customer=${victim.customerId}&status=all`, expect: "no-foreign-data" },
    ],
  },
  "app/api/customers/[customerId]/attachments/[attachmentId]/route.ts": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/api/customers/${victim.customerId}/attachments/${victim.attachmentId}`, expect: "not-found" },
      // B's file under A's URL.
      { path: `/api/customers/${own.customerId}/attachments/${victim.attachmentId}`, expect: "not-found" },
    ],
  },
  "app/api/customers/[customerId]/attestations/[attestationId]/attachments/route.ts": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => {
      const file = { name: "evidence.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") };
      return [
        {
          path: `/api/customers/${victim.customerId}/attestations/${victim.attestationId}/attachments`,
          method: "POST",
          multipart: { file },
          expect: "not-found",
        },
        {
          path: `/api/customers/${own.customerId}/attestations/${victim.attestationId}/attachments`,
          method: "POST",
          multipart: { file },
          expect: "not-found",
        },
      ];
    },
  },
  "app/api/customers/[customerId]/evidence-packs/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [{ path: `/api/customers/${victim.customerId}/evidence-packs`, expect: "not-found" }],
  },
  "app/api/customers/[customerId]/evidence-packs/[packId]/download/route.ts": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/api/customers/${victim.customerId}/evidence-packs/${victim.packId}/download`, expect: "not-found" },
      // The mixed pair: the attacker's own customer in the path, B's pack after it.
      { path: `/api/customers/${own.customerId}/evidence-packs/${victim.packId}/download`, expect: "not-found" },
    ],
  },
  "app/api/customers/[customerId]/changes/export.csv/route.ts": {
    anonymous: "signed-in",
    probes: ({ own, victim }) => [
      { path: `/api/customers/${victim.customerId}/changes/export.csv`, expect: "not-found" },
      {
        path: `/api/customers/${own.customerId}/changes/export.csv?account=${victim.accountId}`,
        expect: "no-foreign-data",
      },
    ],
  },
  "app/api/customers/[customerId]/changes/export.pdf/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [
      { path: `/api/customers/${victim.customerId}/changes/export.pdf`, expect: "not-found" },
      { path: `/api/customers/${victim.customerId}/changes/export.pdf?status=CLOSED`, expect: "not-found" },
    ],
  },
  "app/api/customers/[customerId]/sync-status/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [{ path: `/api/customers/${victim.customerId}/sync-status`, expect: "not-found" }],
  },
  "app/api/customers/[customerId]/controls/route.ts": {
    anonymous: "signed-in",
    probes: ({ victim }) => [{ path: `/api/customers/${victim.customerId}/controls`, expect: "not-found" }],
  },
};
