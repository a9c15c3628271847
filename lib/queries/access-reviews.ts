import "server-only";
import { z } from "zod";
import { matchesReviewItemFilters, quarterLabel, type ReviewItemFilters } from "../access-reviews/filters";
import { isSnapshotStale, loadCurrentIamEvidence, MAX_SNAPSHOT_AGE_HOURS } from "../access-reviews/iam-evidence";
import { isRisky, riskWeight } from "../access-reviews/risk-flags";
import { isOwnIamUser } from "../access-reviews/self-review";
import type { UserSnapshot } from "../access-reviews/snapshot";
import { allowsOperation, decideRefusal, isOverdue, MAX_DUE_DAYS, signOffRefusal } from "../access-reviews/workflow";
import {
  type Actor,
  authorize,
  can,
  type Role,
  usersWhoCan,
  withCustomerIdScope,
  withCustomerScope,
} from "../authz/policy";
import { addDaysToIsoDay, utcToday } from "../dates";
import { db } from "../db/client";
import type { AccessReviewStatus, Prisma, ReviewDecision } from "../db/generated/client";
import { notFound } from "../errors";

// Read models of access-review campaigns: the list, the start form (customers, accounts with the age of
// their IAM evidence, eligible reviewers), one campaign with its users (risky first), and its export.
// Every query is AND-ed with the actor's customer scope; out-of-scope ids read as absent (404).

const REVIEW_NOT_FOUND = "Access review not found";
const LIST_LIMIT = 100;

export interface AccessReviewListRow {
  id: string;
  period: string;
  status: AccessReviewStatus;
  dueAt: Date;
  snapshotAt: Date;
  signedOffAt: Date | null;
  customer: { id: string; name: string };
  users: number;
  undecided: number;
  riskyUndecided: number;
  overdue: boolean;
}

/** Access-review campaigns of the actor's customers, newest first (the first LIST_LIMIT). */
export async function listAccessReviews(actor: Actor, now: Date = new Date()): Promise<AccessReviewListRow[]> {
  authorize(actor, "review:read");
  return reviewRows(withCustomerScope(actor, {}), 0, LIST_LIMIT, now);
}

/** Campaigns per page of the Reviews list. */
export const REVIEW_PAGE_SIZE = 25;

/** The Reviews list's `page` search param: a page number from 1; anything else is the first page. */
export const reviewListQuerySchema = z.object({
  page: z.preprocess(
    (value) => (Array.isArray(value) ? value[0] : value),
    z.coerce.number().int().min(1).max(100_000).catch(1),
  ),
});

export interface AccessReviewPage {
  rows: AccessReviewListRow[];
  /** Every campaign of the actor's customers. */
  total: number;
  /** The page shown (the last one when the page asked for is past it). */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** One page of the access-review campaigns of the actor's customers, newest first: every campaign reachable. */
export async function listAccessReviewPage(
  actor: Actor,
  input: { page?: unknown } = {},
  now: Date = new Date(),
): Promise<AccessReviewPage> {
  authorize(actor, "review:read");
  const { page: asked } = reviewListQuerySchema.parse(input);
  const where = withCustomerScope(actor, {});
  const total = await db().accessReview.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));
  const page = Math.min(asked, pageCount);
  const rows = await reviewRows(where, (page - 1) * REVIEW_PAGE_SIZE, REVIEW_PAGE_SIZE, now);
  return { rows, total, page, pageCount, pageSize: REVIEW_PAGE_SIZE };
}

/** Campaigns matching `where` (already scoped), newest first, with their undecided and risky counts. */
async function reviewRows(
  where: Prisma.AccessReviewWhereInput,
  skip: number,
  take: number,
  now: Date,
): Promise<AccessReviewListRow[]> {
  const reviews = await db().accessReview.findMany({
    where,
    select: {
      id: true,
      period: true,
      status: true,
      dueAt: true,
      snapshotAt: true,
      signedOffAt: true,
      customer: { select: { id: true, name: true } },
      _count: { select: { items: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    skip,
    take,
  });
  const undecided = await db().accessReviewItem.findMany({
    where: { reviewId: { in: reviews.map((review) => review.id) }, decision: null },
    select: { reviewId: true, riskFlags: true },
  });
  const counts = new Map<string, { undecided: number; risky: number }>();
  for (const item of undecided) {
    const count = counts.get(item.reviewId) ?? { undecided: 0, risky: 0 };
    count.undecided += 1;
    if (isRisky(item.riskFlags)) count.risky += 1;
    counts.set(item.reviewId, count);
  }
  return reviews.map((review) => ({
    id: review.id,
    period: review.period,
    status: review.status,
    dueAt: review.dueAt,
    snapshotAt: review.snapshotAt,
    signedOffAt: review.signedOffAt,
    customer: review.customer,
    users: review._count.items,
    undecided: counts.get(review.id)?.undecided ?? 0,
    riskyUndecided: counts.get(review.id)?.risky ?? 0,
    overdue: isOverdue(review, now),
  }));
}

// ---------- Start form ----------

export interface StartReviewAccount {
  id: string;
  alias: string;
  accountNumber: string;
  environment: string;
  /** When the current IAM evidence was last confirmed by a sync; null = never collected. */
  iamEvidenceAt: Date | null;
  /** No evidence, or older than MAX_SNAPSHOT_AGE_HOURS: sync first. */
  needsSync: boolean;
}

export interface StartReviewForm {
  customers: { id: string; name: string }[];
  selected: {
    customer: { id: string; name: string };
    accounts: StartReviewAccount[];
    reviewers: { id: string; name: string; email: string; role: Role }[];
    existingPeriods: string[];
  } | null;
  defaultPeriod: string;
  dueDate: { min: string; max: string; suggested: string };
  maxSnapshotAgeHours: number;
}

/** What the "Start a review" page needs; `customerId` (not yet authorized) selects a customer. */
export async function getStartReviewForm(
  actor: Actor,
  customerId: string | null,
  now: Date = new Date(),
): Promise<StartReviewForm> {
  authorize(actor, "review:run");
  const customers = await db().customer.findMany({
    where: withCustomerIdScope(actor, { archivedAt: null }),
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const today = utcToday(now);
  const base = {
    customers,
    defaultPeriod: quarterLabel(now),
    dueDate: {
      min: addDaysToIsoDay(today, 1),
      max: addDaysToIsoDay(today, MAX_DUE_DAYS),
      suggested: addDaysToIsoDay(today, 21),
    },
    maxSnapshotAgeHours: MAX_SNAPSHOT_AGE_HOURS,
  };
  if (!customerId) return { ...base, selected: null };
  const customer = customers.find((candidate) => candidate.id === customerId);
  if (!customer) throw notFound("Customer not found");
  authorize(actor, "review:run", { customerId: customer.id });

  const [accounts, reviewers, existing] = await Promise.all([
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { customerId: customer.id }),
      select: { id: true, alias: true, accountNumber: true, environment: true },
      orderBy: { alias: "asc" },
    }),
    db().user.findMany({
      where: usersWhoCan("review:decide", customer.id),
      select: { id: true, name: true, email: true, role: true },
      orderBy: [{ role: "asc" }, { name: "asc" }],
    }),
    db().accessReview.findMany({
      where: withCustomerScope(actor, { customerId: customer.id }),
      select: { period: true },
    }),
  ]);
  const evidence = await loadCurrentIamEvidence(
    db(),
    accounts.map((account) => account.id),
  );
  return {
    ...base,
    selected: {
      customer,
      accounts: accounts.map((account) => {
        const iamEvidenceAt = evidence.get(account.id)?.confirmedAt ?? null;
        return {
          ...account,
          iamEvidenceAt,
          needsSync: !iamEvidenceAt || isSnapshotStale(iamEvidenceAt, now),
        };
      }),
      reviewers,
      existingPeriods: existing.map((review) => review.period),
    },
  };
}

// ---------- One campaign ----------

export interface AccessReviewItemView {
  id: string;
  awsAccountId: string;
  account: string;
  userName: string;
  userArn: string;
  snapshot: UserSnapshot;
  riskFlags: string[];
  decision: ReviewDecision | null;
  modification: string | null;
  justification: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
  verificationStatus: string | null;
  verifiedAt: Date | null;
  /** The IAM user looks like the signed-in reviewer's own (see lib/access-reviews/self-review.ts). */
  isOwnUser: boolean;
}

export interface AccessReviewView {
  id: string;
  period: string;
  status: AccessReviewStatus;
  customer: { id: string; name: string };
  accounts: { id: string; alias: string; accountNumber: string }[];
  dueAt: Date;
  overdue: boolean;
  snapshotAt: Date;
  createdAt: Date;
  createdBy: string;
  reviewers: { id: string; name: string; role: string }[];
  signedOffBy: string | null;
  signedOffAt: Date | null;
  endedAt: Date | null;
  endedReason: string | null;
  counts: {
    users: number;
    risky: number;
    decided: number;
    undecided: number;
    riskyUndecided: number;
    keep: number;
    revoke: number;
    modify: number;
    verified: number;
  };
  /** Items after the filters, risky first (most serious flags first), then by account and name. */
  items: AccessReviewItemView[];
  viewer: {
    isReviewer: boolean;
    canDecide: boolean;
    canSignOff: boolean;
    canEnd: boolean;
    /** Why the viewer cannot decide, when they hold review:decide (read-only campaign, not a reviewer). */
    decideBlockedBecause: string | null;
  };
}

/** One campaign within the actor's scope; `customerId` (from a URL) must be its customer when given. */
export async function getAccessReview(
  actor: Actor,
  reviewId: string,
  options: { filters?: ReviewItemFilters; customerId?: string; now?: Date } = {},
): Promise<AccessReviewView> {
  authorize(actor, "review:read");
  const now = options.now ?? new Date();
  const review = await db().accessReview.findFirst({
    where: withCustomerScope(actor, {
      id: reviewId,
      ...(options.customerId ? { customerId: options.customerId } : {}),
    }),
    select: {
      id: true,
      customerId: true,
      period: true,
      status: true,
      dueAt: true,
      snapshotAt: true,
      accountIds: true,
      createdAt: true,
      signedOffAt: true,
      endedAt: true,
      endedReason: true,
      customer: { select: { id: true, name: true } },
      createdBy: { select: { name: true, email: true } },
      signedOffBy: { select: { name: true, email: true } },
      reviewers: { select: { user: { select: { id: true, name: true, role: true } } } },
    },
  });
  if (!review) throw notFound(REVIEW_NOT_FOUND);
  authorize(actor, "review:read", { customerId: review.customerId });

  const [accounts, items] = await Promise.all([
    db().awsAccount.findMany({
      where: withCustomerScope(actor, { customerId: review.customerId, id: { in: review.accountIds } }),
      select: { id: true, alias: true, accountNumber: true },
      orderBy: { alias: "asc" },
    }),
    db().accessReviewItem.findMany({
      where: { reviewId: review.id, review: withCustomerScope(actor, {}) },
      select: {
        id: true,
        awsAccountId: true,
        userName: true,
        userArn: true,
        snapshot: true,
        riskFlags: true,
        decision: true,
        modification: true,
        justification: true,
        decidedAt: true,
        version: true,
        verificationStatus: true,
        verifiedAt: true,
        decidedBy: { select: { name: true, email: true } },
      },
    }),
  ]);
  const accountLabel = new Map(accounts.map((account) => [account.id, `${account.alias} (${account.accountNumber})`]));
  const accountOrder = new Map(accounts.map((account, index) => [account.id, index]));

  const views: AccessReviewItemView[] = items.map((item) => ({
    id: item.id,
    awsAccountId: item.awsAccountId,
    account: accountLabel.get(item.awsAccountId) ?? "",
    userName: item.userName,
    userArn: item.userArn,
    snapshot: item.snapshot as unknown as UserSnapshot,
    riskFlags: item.riskFlags,
    decision: item.decision,
    modification: item.modification,
    justification: item.justification,
    decidedBy: item.decidedBy ? item.decidedBy.name || item.decidedBy.email : null,
    decidedAt: item.decidedAt,
    version: item.version,
    verificationStatus: item.verificationStatus,
    verifiedAt: item.verifiedAt,
    isOwnUser: isOwnIamUser(actor, item.userName),
  }));
  views.sort(
    (a, b) =>
      riskWeight(b.riskFlags) - riskWeight(a.riskFlags) ||
      (accountOrder.get(a.awsAccountId) ?? 0) - (accountOrder.get(b.awsAccountId) ?? 0) ||
      Number(b.snapshot.isRoot) - Number(a.snapshot.isRoot) ||
      a.userName.localeCompare(b.userName),
  );

  const counts = {
    users: views.length,
    risky: views.filter((item) => isRisky(item.riskFlags)).length,
    decided: views.filter((item) => item.decision !== null).length,
    undecided: views.filter((item) => item.decision === null).length,
    riskyUndecided: views.filter((item) => item.decision === null && isRisky(item.riskFlags)).length,
    keep: views.filter((item) => item.decision === "KEEP").length,
    revoke: views.filter((item) => item.decision === "REVOKE").length,
    modify: views.filter((item) => item.decision === "MODIFY").length,
    verified: views.filter((item) => item.verificationStatus === "verified").length,
  };

  const isReviewer = review.reviewers.some((reviewer) => reviewer.user.id === actor.userId);
  const holdsDecide = can(actor, "review:decide");
  const readOnlyBecause = decideRefusal({ status: review.status });
  const decideBlockedBecause = !holdsDecide
    ? null
    : (readOnlyBecause ?? (!isReviewer ? "You are not a reviewer of this access review." : null));
  const filters = options.filters ?? {};
  const personName = (person: { name: string; email: string } | null) => (person ? person.name || person.email : null);
  return {
    id: review.id,
    period: review.period,
    status: review.status,
    customer: review.customer,
    accounts,
    dueAt: review.dueAt,
    overdue: isOverdue(review, now),
    snapshotAt: review.snapshotAt,
    createdAt: review.createdAt,
    createdBy: personName(review.createdBy) ?? "",
    reviewers: review.reviewers.map(({ user }) => user),
    signedOffBy: personName(review.signedOffBy),
    signedOffAt: review.signedOffAt,
    endedAt: review.endedAt,
    endedReason: review.endedReason,
    counts,
    items: views.filter((item) => matchesReviewItemFilters(item, filters)),
    viewer: {
      isReviewer,
      canDecide: holdsDecide && allowsOperation(review.status, "decide") && isReviewer,
      canSignOff: can(actor, "review:signoff") && signOffRefusal({ status: review.status }, counts.undecided) === null,
      canEnd: can(actor, "review:run") && allowsOperation(review.status, "end"),
      decideBlockedBecause,
    },
  };
}
