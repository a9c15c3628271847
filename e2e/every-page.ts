import type { PrismaClient } from "../lib/db/client";
import { DEMO_USERS, type DemoUser } from "../prisma/demo-users";

// Every page of app/ with real ids from the demo, for one demo user: the list the phone-width and
// accessibility specs walk. A page the role may not open answers 404 and is skipped by the specs
// (the isolation suites check those answers).
export const PAGE_TEMPLATES = [
  "/",
  "/portfolio",
  "/trends",
  "/alerts",
  "/alerts/sla",
  "/alerts/:alertId",
  "/reviews",
  "/reviews/new",
  "/reviews/:reviewId",
  "/settings",
  "/customers/:customerId",
  "/customers/:customerId/accounts/:accountId",
  "/customers/:customerId/controls/:controlId",
  "/customers/:customerId/records",
  "/admin",
  "/admin/users",
  "/admin/assignments",
  "/admin/audit-log",
] as const;

export const SIGNED_OUT_PAGES = ["/sign-in", "/signed-out", "/auth-error"] as const;

export type PageTemplate = (typeof PAGE_TEMPLATES)[number];

/** The page's path with the demo's ids for this user, or null when the demo has no such record. */
export async function pagePathFor(
  db: PrismaClient,
  key: DemoUser["key"],
  template: PageTemplate,
): Promise<string | null> {
  const ids = await demoIdsFor(db, key);
  let missing = false;
  const path = template.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id) missing = true;
    return id ?? "";
  });
  return missing ? null : path;
}

export async function everyPageFor(db: PrismaClient, key: DemoUser["key"]): Promise<string[]> {
  const paths: string[] = [];
  for (const template of PAGE_TEMPLATES) {
    const path = await pagePathFor(db, key, template);
    if (path) paths.push(path);
  }
  return paths;
}

async function demoIdsFor(db: PrismaClient, key: DemoUser["key"]): Promise<Record<string, string | undefined>> {
  const user = DEMO_USERS.find((candidate) => candidate.key === key);
  const slug = user?.customerSlug ?? user?.assignedCustomerSlugs?.[0] ?? "bluefin-logistics";
  const customer = await db.customer.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  const account = await db.awsAccount.findFirstOrThrow({
    where: { customerId: customer.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  const failing = await db.controlResult.findFirst({
    where: { customerId: customer.id, status: "FAIL", isCurrent: true },
    orderBy: { controlId: "asc" },
    select: { controlId: true },
  });
  const alert = await db.alert.findFirst({
    where: { customerId: customer.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  const review = await db.accessReview.findFirst({
    where: { customerId: customer.id },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return {
    customerId: customer.id,
    accountId: account.id,
    controlId: failing?.controlId ?? "IAM-1",
    alertId: alert?.id,
    reviewId: review?.id,
  };
}
