"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { Fragment, useState } from "react";
import { FormMessage, fieldErrorsOf } from "@/components/forms/action-feedback";
import { ConfirmOverwrite } from "@/components/forms/confirm-overwrite";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Select, Textarea, TextField } from "@/components/ui/field";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { iamUserLabel } from "@/lib/access-reviews/labels";
import type { AccessKeySnapshot, UserSnapshot } from "@/lib/access-reviews/snapshot";
import { decideAccessReviewItemAction, decideAccessReviewItemsAction } from "@/lib/actions/access-reviews";
import { DAY_MS, isoDay } from "@/lib/dates";
import { DecisionBadge, RiskFlagBadges } from "./review-badges";

export interface ReviewItemRow {
  id: string;
  account: string;
  userName: string;
  userArn: string;
  snapshot: UserSnapshot;
  riskFlags: string[];
  decision: string | null;
  modification: string | null;
  justification: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
  verificationStatus: string | null;
  verifiedAt: Date | null;
  isOwnUser: boolean;
}

function day(value: Date | string | null): string {
  if (!value) return "never";
  return typeof value === "string" ? value.slice(0, 10) : isoDay(value);
}

function daysOld(from: string | null, asOf: string): string {
  if (!from) return "age unknown";
  return `${Math.floor((Date.parse(asOf) - Date.parse(from)) / DAY_MS)} d old`;
}

function KeyLine({ accessKey, asOf }: { accessKey: AccessKeySnapshot; asOf: string }) {
  const use = accessKey.lastUsedAt
    ? `last used ${day(accessKey.lastUsedAt)}${accessKey.lastUsedService ? ` (${accessKey.lastUsedService}${accessKey.lastUsedRegion ? `, ${accessKey.lastUsedRegion}` : ""})` : ""}`
    : "never used";
  return (
    <li>
      Key {accessKey.slot}: {accessKey.active ? "active" : "inactive"}, {daysOld(accessKey.lastRotatedAt, asOf)}, {use}
    </li>
  );
}

function needsJustification(item: ReviewItemRow): string | null {
  if (item.isOwnUser) return "This looks like your own IAM user: state why you may keep this access.";
  if (item.riskFlags.length > 0) return "Required: this user has risk flags.";
  return null;
}

/** The decision fields shared by the per-user form and the bulk bar. */
function DecisionFields({
  idPrefix,
  errors,
  justificationHint,
}: {
  idPrefix: string;
  errors: Record<string, string>;
  justificationHint: string;
}) {
  const [decision, setDecision] = useState("");
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <Field id={id("decision")} label="Decision" error={errors.decision}>
        <Select
          id={id("decision")}
          name="decision"
          required
          value={decision}
          onChange={(event) => setDecision(event.target.value)}
          aria-invalid={Boolean(errors.decision)}
        >
          <option value="" disabled>
            Choose…
          </option>
          <option value="KEEP">Keep</option>
          <option value="REVOKE">Revoke</option>
          <option value="MODIFY">Modify</option>
        </Select>
      </Field>
      {decision === "MODIFY" ? (
        <TextField
          id={id("modification")}
          name="modification"
          label="What to change"
          hint='e.g. "remove from group admins", "deactivate key 2"'
          error={errors.modification}
          required
          maxLength={1000}
        />
      ) : null}
      <div className="md:col-span-2">
        <Field id={id("justification")} label="Justification" hint={justificationHint} error={errors.justification}>
          <Textarea
            id={id("justification")}
            name="justification"
            rows={2}
            maxLength={2000}
            aria-invalid={Boolean(errors.justification)}
            aria-describedby={describedBy(id("justification"), {
              hint: justificationHint,
              error: errors.justification,
            })}
          />
        </Field>
      </div>
    </>
  );
}

function ItemDecisionForm({ reviewId, item, onDone }: { reviewId: string; item: ReviewItemRow; onDone: () => void }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(decideAccessReviewItemAction, {
    onSuccess: () => {
      onDone();
      router.refresh();
    },
    // A conflict means someone else decided: show their decision (and its new version) beside the message.
    onError: ({ error }) => {
      if (error.serverError) router.refresh();
    },
  });
  const errors = fieldErrorsOf(result);
  const hint = needsJustification(item) ?? "Optional for a user without risk flags.";
  return (
    <form
      aria-label={`Decide on ${iamUserLabel(item.userName)}`}
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({
          reviewId,
          itemId: item.id,
          version: item.version,
          decision: String(data.get("decision") ?? "") as "KEEP",
          modification: String(data.get("modification") ?? ""),
          justification: String(data.get("justification") ?? ""),
        });
      }}
    >
      <DecisionFields idPrefix={`decide-${item.id}`} errors={errors} justificationHint={hint} />
      <div className="md:col-span-2 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save decision"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <div className="md:col-span-2">
        <FormMessage error={result.serverError} />
      </div>
    </form>
  );
}

const DECISION_WORDS: Record<string, string> = { KEEP: "Keep", REVOKE: "Revoke", MODIFY: "Modify" };

interface BulkRequest {
  decision: "KEEP" | "REVOKE" | "MODIFY";
  modification: string;
  justification: string;
}

/** Selected users whose existing decision this bulk request would replace. */
function decisionsReplacedBy(selected: ReviewItemRow[], request: BulkRequest): ReviewItemRow[] {
  return selected.filter(
    (item) =>
      item.decision !== null &&
      (item.decision !== request.decision ||
        (request.decision === "MODIFY" && (item.modification ?? "") !== request.modification.trim())),
  );
}

function BulkDecisionForm({
  reviewId,
  selected,
  onDone,
}: {
  reviewId: string;
  selected: ReviewItemRow[];
  onDone: () => void;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<{ request: BulkRequest; replaced: ReviewItemRow[] } | null>(null);
  const { execute, result, isPending, reset } = useAction(decideAccessReviewItemsAction, {
    onSuccess: () => {
      setPending(null);
      onDone();
      router.refresh();
    },
    onError: ({ error }) => {
      setPending(null);
      if (error.serverError) router.refresh();
    },
  });
  const errors = fieldErrorsOf(result);
  const risky = selected.filter((item) => needsJustification(item) !== null).length;
  const hint =
    risky > 0
      ? `Required: ${risky} of the selected users have risk flags or look like your own user. The justification applies to every selected user.`
      : "Optional; applies to every selected user.";
  const send = (request: BulkRequest, items: ReviewItemRow[], replaceDecided: boolean) =>
    execute({
      reviewId,
      items: items.map((item) => ({ itemId: item.id, version: item.version })),
      ...request,
      replaceDecided,
    });
  const undecidedOnly = pending ? selected.filter((item) => !pending.replaced.includes(item)) : [];
  return (
    <form
      aria-label="Decide on the selected users"
      className="grid gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 md:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const request: BulkRequest = {
          decision: String(data.get("decision") ?? "") as "KEEP",
          modification: String(data.get("modification") ?? ""),
          justification: String(data.get("justification") ?? ""),
        };
        reset();
        const replaced = decisionsReplacedBy(selected, request);
        if (replaced.length > 0) setPending({ request, replaced });
        else send(request, selected, false);
      }}
    >
      <p className="md:col-span-2 text-sm font-medium text-slate-800" aria-live="polite">
        {selected.length === 0
          ? "Select users in the table (or all shown) to decide on them at once."
          : `${selected.length} ${selected.length === 1 ? "user" : "users"} selected`}
      </p>
      <DecisionFields idPrefix="bulk" errors={errors} justificationHint={hint} />
      <div className="md:col-span-2 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isPending || selected.length === 0 || pending !== null}>
          {isPending ? "Saving…" : `Apply to ${selected.length} selected`}
        </Button>
      </div>
      {pending ? (
        <div className="md:col-span-2">
          <ConfirmOverwrite
            title={`${pending.replaced.length} of the selected users already ${
              pending.replaced.length === 1 ? "has a decision" : "have decisions"
            }. "${DECISION_WORDS[pending.request.decision]}" would replace:`}
            changes={pending.replaced.map(
              (item) =>
                `${iamUserLabel(item.userName)}: ${DECISION_WORDS[item.decision ?? ""] ?? item.decision}${
                  item.modification ? ` (${item.modification})` : ""
                } → ${DECISION_WORDS[pending.request.decision]}`,
            )}
            replaceLabel={`Replace ${pending.replaced.length === 1 ? "this decision" : `these ${pending.replaced.length} decisions`}`}
            skipLabel={
              undecidedOnly.length > 0
                ? `Apply only to the other ${undecidedOnly.length} ${undecidedOnly.length === 1 ? "user" : "users"}`
                : undefined
            }
            onReplace={() => send(pending.request, selected, true)}
            onSkip={() => send(pending.request, undecidedOnly, false)}
            onCancel={() => setPending(null)}
            disabled={isPending}
          />
        </div>
      ) : null}
      <div className="md:col-span-2">
        <FormMessage
          error={result.serverError ?? errors.items}
          success={result.data ? `Saved ${result.data.decided} decisions.` : undefined}
        />
        {result.serverError ? (
          <Button variant="ghost" onClick={() => reset()}>
            Dismiss
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** The campaign's users, risky first, with per-user and bulk decisions for its reviewers. */
export function ReviewItems({
  reviewId,
  items,
  canDecide,
  caption,
}: {
  reviewId: string;
  items: ReviewItemRow[];
  canDecide: boolean;
  caption: string;
}) {
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const selected = items.filter((item) => selectedIds.has(item.id));
  const allSelected = items.length > 0 && selected.length === items.length;
  const toggle = (id: string) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = canDecide ? 7 : 6;
  return (
    <div className="space-y-4">
      {canDecide ? (
        <BulkDecisionForm reviewId={reviewId} selected={selected} onDone={() => setSelectedIds(new Set())} />
      ) : null}
      <Table caption={caption}>
        <thead>
          <tr>
            {canDecide ? (
              <Th className="w-8">
                <input
                  type="checkbox"
                  aria-label="Select all users shown"
                  checked={allSelected}
                  onChange={() => setSelectedIds(allSelected ? new Set() : new Set(items.map((item) => item.id)))}
                  className="h-4 w-4 rounded border-slate-300"
                />
              </Th>
            ) : null}
            <Th>User</Th>
            <Th>Sign-in and keys</Th>
            <Th>Permissions</Th>
            <Th>Risk flags</Th>
            <Th>Decision</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            const user = item.snapshot;
            return (
              <Fragment key={item.id}>
                <Tr>
                  {canDecide ? (
                    <Td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${iamUserLabel(item.userName)}`}
                        checked={selectedIds.has(item.id)}
                        onChange={() => toggle(item.id)}
                        className="h-4 w-4 rounded border-slate-300"
                      />
                    </Td>
                  ) : null}
                  <Td>
                    <p className="font-medium">
                      {iamUserLabel(item.userName)} {item.isOwnUser ? <Badge tone="info">Possibly you</Badge> : null}
                    </p>
                    <p className="text-xs text-slate-600">{item.account}</p>
                    <p className="text-xs text-slate-500">Created {day(user.createdAt)}</p>
                  </Td>
                  <Td className="text-xs">
                    <p>
                      Console: {user.consoleAccess === null ? "unknown" : user.consoleAccess ? "yes" : "no"}
                      {user.consoleAccess ? `, MFA ${user.mfaActive ? "on" : "off"}` : ""}
                    </p>
                    <p>Last sign-in: {day(user.lastSignInAt)}</p>
                    {user.accessKeys.length > 0 ? (
                      <ul>
                        {user.accessKeys.map((key) => (
                          <KeyLine key={key.slot} accessKey={key} asOf={user.asOf} />
                        ))}
                      </ul>
                    ) : (
                      <p>No access key</p>
                    )}
                  </Td>
                  <Td className="text-xs">
                    {user.isRoot ? <p>Unrestricted (root)</p> : null}
                    {user.groups.length > 0 ? <p>Groups: {user.groups.join(", ")}</p> : null}
                    {user.attachedPolicies.length > 0 ? (
                      <p>Attached: {user.attachedPolicies.map((policy) => policy.name).join(", ")}</p>
                    ) : null}
                    {user.inlinePolicies.length > 0 ? <p>Inline: {user.inlinePolicies.join(", ")}</p> : null}
                    {!user.isRoot && user.adminVia.length > 0 ? (
                      <p className="text-red-800">Admin through {user.adminVia.join("; ")}</p>
                    ) : null}
                    {!user.isRoot &&
                    user.groups.length + user.attachedPolicies.length + user.inlinePolicies.length === 0 ? (
                      <p className="text-slate-500">No group or policy</p>
                    ) : null}
                  </Td>
                  <Td>
                    <RiskFlagBadges flags={item.riskFlags} />
                  </Td>
                  <Td className="text-xs">
                    <DecisionBadge decision={item.decision} />
                    {item.modification ? <p className="mt-1">Change: {item.modification}</p> : null}
                    {item.justification ? <p className="mt-1 text-slate-700">“{item.justification}”</p> : null}
                    {item.decidedBy ? (
                      <p className="mt-1 text-slate-500">
                        {item.decidedBy},{" "}
                        {item.decidedAt ? `${item.decidedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}
                      </p>
                    ) : null}
                    {item.verificationStatus ? (
                      <p className="mt-1">
                        <Badge tone={item.verificationStatus === "verified" ? "good" : "warn"}>
                          {item.verificationStatus === "verified"
                            ? `Verified ${day(item.verifiedAt)}`
                            : "Not yet carried out"}
                        </Badge>
                      </p>
                    ) : null}
                  </Td>
                  <Td>
                    {canDecide ? (
                      <Button
                        variant="secondary"
                        aria-expanded={openId === item.id}
                        onClick={() => setOpenId(openId === item.id ? null : item.id)}
                      >
                        {item.decision ? "Change" : "Decide"}
                        <span className="sr-only"> for {iamUserLabel(item.userName)}</span>
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
                {canDecide && openId === item.id ? (
                  <tr>
                    <td colSpan={columns} className="bg-slate-50 px-3 py-3">
                      <ItemDecisionForm reviewId={reviewId} item={item} onDone={() => setOpenId(null)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
