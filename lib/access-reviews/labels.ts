// Words for an access review's states and users, shared by its pages and its exports (issue 19 §11:
// "Status: SIGNED_OFF" and "<root_account>" are the database's and AWS's words, not a reader's).

export const REVIEW_STATUS_LABELS: Record<string, string> = {
  OPEN: "Open",
  COMPLETED: "Ready for sign-off",
  SIGNED_OFF: "Signed off",
  ENDED: "Ended early",
};

export function reviewStatusLabel(status: string): string {
  return REVIEW_STATUS_LABELS[status] ?? status;
}

/** The credential report names the account's root user `<root_account>`. */
export function iamUserLabel(userName: string): string {
  return userName === "<root_account>" ? "Root user" : userName;
}
