// Is the IAM user under review the reviewer themself? A reviewer may not approve (KEEP or MODIFY) their
// own access without a stated reason. IAM user names follow no fixed convention, so the match is
// deliberately generous: a false match only asks for a reason, a missed one lets a self-approval through.
//
// Both sides are normalised (lower case, accents removed, everything but letters and digits dropped,
// so "Carlos.Consultant", "carlos_consultant" and "carlos-consultant" are all "carlosconsultant"). The
// IAM user name (its last path segment, e.g. "ops/carlos" → "carlos") matches when it equals one of:
//   - the e-mail address, or its local part without a "+tag" ("carlos.consultant+aws@x" → "carlosconsultant");
//   - the full name ("Carlos Consultant"), given + family name, family + given name;
//   - the given name's initial + family name ("cconsultant") or given name + family initial ("carlosc");
//   - the given name alone ("carlos"), or the local part's first dotted segment ("carlos" of "carlos.c@x").
// The root user never matches: it belongs to the account, not to a person.

export function normalizeIdentity(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The normalised names an IAM user of this reviewer could plausibly have. */
export function reviewerIdentityCandidates(reviewer: { email: string; name: string }): Set<string> {
  const candidates = new Set<string>();
  const add = (value: string | undefined) => {
    const normalized = value ? normalizeIdentity(value) : "";
    if (normalized.length >= 2) candidates.add(normalized);
  };
  const email = reviewer.email.trim().toLowerCase();
  const localPart = (email.split("@")[0] ?? "").split("+")[0] ?? "";
  add(email);
  add(localPart);
  add(localPart.split(/[._-]/)[0]);

  // Names such as "Rita Reviewer (Bluefin)": the part in brackets is not the person's name.
  const words = reviewer.name
    .replace(/\(.*?\)/g, " ")
    .split(/\s+/)
    .map(normalizeIdentity)
    .filter(Boolean);
  if (words.length > 0) {
    const given = words[0]!;
    const family = words[words.length - 1]!;
    add(words.join(""));
    add(given);
    if (words.length > 1) {
      add(`${given}${family}`);
      add(`${family}${given}`);
      add(`${given[0]}${family}`);
      add(`${given}${family[0]}`);
    }
  }
  return candidates;
}

/** True when `iamUserName` is, by the rules above, the reviewer's own IAM user. */
export function isOwnIamUser(reviewer: { email: string; name: string }, iamUserName: string): boolean {
  if (iamUserName === "<root_account>") return false;
  const lastSegment = iamUserName.split("/").pop() ?? iamUserName;
  const normalized = normalizeIdentity(lastSegment);
  if (normalized.length < 2) return false;
  return reviewerIdentityCandidates(reviewer).has(normalized);
}
