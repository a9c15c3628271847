/**
 * A resource id as a reader sees it. The IAM credential report names the root user `<root_account>`, and
 * offenders keep that id (suppressions and alerts match on it); pages show "root user" instead (issue 19 §11).
 */
export function resourceLabel(id: string): string {
  return id.replaceAll("<root_account>", "root user");
}
