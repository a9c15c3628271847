// How old the open Inspector findings of a scorecard are, in the buckets its grid shows (0–15, 16–30,
// 31–90 and over 90 days: the SOP's remediation deadlines). The scorecard's query counts into them in SQL,
// by index into this list.
export const FINDING_AGE_BUCKETS = ["0–15 days", "16–30 days", "31–90 days", "over 90 days"] as const;
export type FindingAgeBucket = (typeof FINDING_AGE_BUCKETS)[number];
