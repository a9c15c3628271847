/** The audit role's name the CloudFormation StackSet template deploys in every member account by default. */
export const STACKSET_ROLE_NAME = "RampartAudit";
