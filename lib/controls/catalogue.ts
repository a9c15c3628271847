import { notFound } from "../errors";
import type { ControlSeverity } from "./types";

// The control catalogue as data. Ids, severities and sources are those of
// ../shared/spec/controls.md (catalogue.test.ts checks them against the spec itself); rationales
// cite the SOPs in ../shared/seeds/ (000 Intcomex SOP, 001/002 SEC-002 evidence, 003 QRC account
// creation SOP, 004 security engagement SOP).

export type ControlSource = "AUTOMATED" | "ATTESTED";

/** The nine sections of the spec, in its order. `key` is stable (stored, used in URLs); `name` is for display. */
export const CONTROL_AREAS = [
  { key: "root", name: "Root account" },
  { key: "logging", name: "CloudTrail and logging" },
  { key: "iam", name: "IAM users and access" },
  { key: "change", name: "Change control and deployment" },
  { key: "network", name: "Network" },
  { key: "kms", name: "Encryption keys" },
  { key: "detection", name: "Detection and response" },
  { key: "backup", name: "Patching, backup and recovery" },
  { key: "governance", name: "Governance and cost" },
] as const;

export type ControlAreaKey = (typeof CONTROL_AREAS)[number]["key"];

export interface ControlArea {
  readonly key: ControlAreaKey;
  readonly name: string;
}

export interface ControlDefinition {
  /** Stable id as in the spec ("ROOT-1"): reports, alerts and history refer to it. */
  readonly id: string;
  readonly area: ControlArea;
  readonly title: string;
  /** The product owner's default; an admin may re-weight it per customer. */
  readonly severity: ControlSeverity;
  /** AUTOMATED: decided by a rule from collected evidence. ATTESTED: decided by a consultant's attestation. */
  readonly source: ControlSource;
  /** A valid attestation can decide the control: every ATTESTED control, and BAK-4 as its fallback. */
  readonly acceptsAttestation: boolean;
  /** The SOP clauses it comes from, e.g. "000 §1, 003 §3.1". */
  readonly sopReference: string;
  /** The spec's Reference column (CIS control, AWS Config rule, FSBP control or SOP clause); null for "—". */
  readonly reference: string | null;
  /** What Rampart reads (AWS API and field, or Rampart record) to decide it. */
  readonly evidenceDescription: string;
  /** Why the SOP asks for it. */
  readonly rationale: string;
  /** Steps a consultant can follow in the console or CLI, in order. */
  readonly remediation: readonly string[];
}

interface ControlEntry extends Omit<ControlDefinition, "area" | "acceptsAttestation"> {
  area: ControlAreaKey;
  acceptsAttestation?: true;
}

const ENTRIES: readonly ControlEntry[] = [
  // 1. Root account
  {
    id: "ROOT-1",
    area: "root",
    title: "Root user has MFA enabled",
    severity: "CRITICAL",
    source: "AUTOMATED",
    sopReference: "000 §1, 003 §3.1, 004 §3, 001/002",
    reference: "CIS 1.5 / ROOT_ACCOUNT_MFA_ENABLED",
    evidenceDescription:
      "IAM GetAccountSummary AccountMFAEnabled; falls back to the credential report's root user row, mfa_active.",
    rationale:
      "SOP 000 §1 requires MFA on the root account, kept in 1Password under the assigned consultant, and 003 §3.1 and 004 §3 make it the first step after account creation. The root user can do anything in the account, including closing it, so a password alone is not enough.",
    remediation: [
      "Sign in as the root user (e-mail and password from the customer's vault) at https://console.aws.amazon.com/.",
      "Open the account menu > Security credentials > Multi-factor authentication (MFA) > Assign MFA device.",
      "Choose a security key or hardware TOTP token (preferred, see ROOT-4) or an authenticator app on a secure device, and enter the codes it shows.",
      "Store the MFA device or its recovery material in the vault under the assigned consultant (ROOT-6).",
      "Check with `aws iam get-account-summary --query SummaryMap.AccountMFAEnabled` (expect 1), then sync the account in Rampart.",
    ],
  },
  {
    id: "ROOT-2",
    area: "root",
    title: "Root user has no access keys",
    severity: "CRITICAL",
    source: "AUTOMATED",
    sopReference: "000 §1",
    reference: "CIS 1.4 / IAM_ROOT_ACCESS_KEY_CHECK",
    evidenceDescription:
      "IAM GetAccountSummary AccountAccessKeysPresent; falls back to the credential report's root user row, access_key_1_active and access_key_2_active.",
    rationale:
      "SOP 000 §1 disables programmatic access to the root account, because an exposed root key gives full access to the account. Automation uses service users or roles with least privilege instead.",
    remediation: [
      "Sign in as the root user and open Security credentials > Access keys.",
      "Note each key's Last used date; find what still uses it in CloudTrail Event history (User name = root, filter by Access key id).",
      "Move that automation to an IAM role or a least-privilege service user.",
      "Make the root key Inactive, wait a few days for breakage, then Delete it.",
      "Check with `aws iam get-account-summary --query SummaryMap.AccountAccessKeysPresent` (expect 0).",
    ],
  },
  {
    id: "ROOT-3",
    area: "root",
    title: "Root user not used for daily work (no root sign-in or key use in the last 90 days)",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §1, 003 §3.2, 004 §2",
    reference: "CIS 1.7",
    evidenceDescription: "IAM credential report, root user row: password_last_used and access_key_N_last_used_date.",
    rationale:
      "SOP 000 §1 and 004 §2 keep the root account for exceptional tasks that IAM users and roles cannot do, never for daily work. Recent root sign-ins or key use show that rule is broken, or that someone else holds the credentials.",
    remediation: [
      "Download the credential report: `aws iam generate-credential-report` then `aws iam get-credential-report --query Content --output text | base64 -d`, and read the root user's row (`<root_account>`): password_last_used and access_key_N_last_used_date.",
      "In CloudTrail > Event history, filter User name = root for that date to see what was done and from which source IP.",
      "If the use was not an agreed exceptional task by the assigned consultant, treat it as an incident: change the root password, check the MFA devices and the root access keys.",
      "Give the person who needed root an IAM role or IAM Identity Center permission set for that task instead.",
    ],
  },
  {
    id: "ROOT-4",
    area: "root",
    title: "Root user has hardware MFA (recommended)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "004 §3, 003 §3.1",
    reference: "CIS 1.6 / ROOT_ACCOUNT_HARDWARE_MFA_ENABLED",
    evidenceDescription:
      "IAM ListVirtualMFADevices: a virtual MFA device whose User.Arn ends in :root means the root MFA is not hardware.",
    rationale:
      "SOP 004 §3 prefers a hardware MFA device for root (a virtual MFA only on a secure device); a hardware device cannot be copied from a phone backup. CIS 1.6 recommends hardware MFA for root.",
    remediation: [
      "Obtain a FIDO2 security key or a hardware TOTP token for the account.",
      "Sign in as root > Security credentials > Assign MFA device, choose Security key or Hardware TOTP token, and register it.",
      "Sign out and back in with the new device, then Remove the virtual MFA device from the same page.",
      "Store the hardware device and its backup as ROOT-6 describes.",
      "Check with `aws iam list-virtual-mfa-devices --assignment-status Assigned` that no device's User.Arn ends in :root.",
    ],
  },
  {
    id: "ROOT-5",
    area: "root",
    title: "Account contacts set to corporate addresses (security alternate contact present)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §1, 004 §4",
    reference: "CIS 1.2",
    evidenceDescription:
      "Account GetAlternateContact (AlternateContactType SECURITY): the contact and its e-mail address, checked against the customer's corporate e-mail domains when configured.",
    rationale:
      "SOP 000 §1 and 004 §4 link the account to corporate addresses so that critical alerts and notifications reach the organisation, not one individual. AWS sends security and abuse notices to the security alternate contact.",
    remediation: [
      "Console: account menu > Account > Alternate contacts > Edit, and fill in Security contact with a corporate distribution address (for example security@customer-domain), name, title and phone.",
      'Or CLI: `aws account put-alternate-contact --alternate-contact-type SECURITY --email-address security@customer-domain --name "Security team" --title "Security" --phone-number "+1 555 0100"`.',
      "Use an address in one of the customer's corporate e-mail domains configured in Rampart.",
      "Also confirm the root user's e-mail (Account > Account settings) is a corporate mailbox, not a person's.",
    ],
  },
  {
    id: "ROOT-6",
    area: "root",
    title: "Root credentials and MFA backup stored in the vault under the assigned consultant",
    severity: "MEDIUM",
    source: "ATTESTED",
    sopReference: "000 §1, 004 §2–3, 003 §3.2",
    reference: "000 §1, 004 §2–3",
    evidenceDescription:
      "Consultant attestation: the vault item (reference, never the secret), who checked it and until when.",
    rationale:
      "SOP 000 §1 keeps the root MFA in 1Password under the assigned consultant, and 004 §2–3 store the root credentials in a secure vault with the MFA backup codes kept apart. No AWS API can see where credentials are kept, so a consultant attests it.",
    remediation: [
      "Store the root e-mail, password and MFA recovery (backup codes or the hardware device's location) in the customer's 1Password vault, in an item owned by the assigned consultant.",
      "Keep the MFA backup apart from the password (SOP 004 §3): a separate item or a separate vault.",
      "Check that only the assigned consultant and its backup can open the item.",
      "In Rampart, record an attestation for ROOT-6 with the vault item reference (not the secret) and a valid-until date.",
    ],
  },

  // 2. CloudTrail and logging
  {
    id: "TRAIL-1",
    area: "logging",
    title: "A multi-region trail is logging management events (read+write)",
    severity: "CRITICAL",
    source: "AUTOMATED",
    sopReference: "000 §2, 003 §7.1, 004 §5, 001/002",
    reference: "CIS 3.1 / MULTI_REGION_CLOUD_TRAIL_ENABLED",
    evidenceDescription:
      "CloudTrail DescribeTrails (IsMultiRegionTrail, home region), GetTrailStatus IsLogging, GetEventSelectors (classic or advanced selectors for management events).",
    rationale:
      "SOP 000 §2 enables CloudTrail across all accounts and regions for full visibility, and 003 §7.1 and 004 §5 apply the trail to all regions. Without a logging multi-region trail recording reads and writes, incidents and audits have no record of who did what.",
    remediation: [
      "Console: CloudTrail > Trails > Create trail (console trails are multi-region), or edit the existing trail.",
      "CLI: `aws cloudtrail create-trail --name management-events --s3-bucket-name cloudtrail-logs-<account-id> --is-multi-region-trail --enable-log-file-validation`, or `aws cloudtrail update-trail --name <trail> --is-multi-region-trail` for an existing one.",
      'Record management reads and writes: `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'`.',
      "Start it: `aws cloudtrail start-logging --name <trail>`, and check `aws cloudtrail get-trail-status --name <trail> --query IsLogging` (expect true).",
    ],
  },
  {
    id: "TRAIL-2",
    area: "logging",
    title: "Log file validation enabled",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §2, 001/002",
    reference: "CIS 3.2 / CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
    evidenceDescription: "CloudTrail DescribeTrails LogFileValidationEnabled, for every qualifying trail (TRAIL-1).",
    rationale:
      "Log file validation lets an auditor prove that delivered CloudTrail logs were not altered or deleted; the SOP evidence (002) shows a trail with validation disabled. SOP 000 §2 relies on these logs for audits and incidents.",
    remediation: [
      "Console: CloudTrail > Trails > <trail> > General details > Edit > Log file validation: Enabled.",
      "Or CLI: `aws cloudtrail update-trail --name <trail> --enable-log-file-validation`.",
      "After an hour, check digests with `aws cloudtrail validate-logs --trail-arn <trail-arn> --start-time <time-after-the-change>`.",
    ],
  },
  {
    id: "TRAIL-3",
    area: "logging",
    title: "Trail delivers to CloudWatch Logs",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §2, 003 §9.2",
    reference: "CIS 3.4 / CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
    evidenceDescription:
      "CloudTrail DescribeTrails CloudWatchLogsLogGroupArn; GetTrailStatus LatestCloudWatchLogsDeliveryTime (within 1 day).",
    rationale:
      "SOP 000 §2 stores CloudTrail logs in CloudWatch so they can be searched and alarmed on, and 003 §9.2 centralises logs in CloudWatch Logs. A last delivery older than a day means the integration is broken.",
    remediation: [
      "Console: CloudTrail > Trails > <trail> > CloudWatch Logs > Edit > Enabled, choose or create a log group and let the console create the IAM role.",
      "Or CLI: `aws logs create-log-group --log-group-name aws-cloudtrail-logs-<account-id>`, create a role trusted by cloudtrail.amazonaws.com allowing logs:CreateLogStream and logs:PutLogEvents on that group, then `aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>`.",
      "If the group is set but delivery is stale, read LatestCloudWatchLogsDeliveryError from `aws cloudtrail get-trail-status --name <trail>` (usually the role's permissions or trust policy) and fix it.",
    ],
  },
  {
    id: "TRAIL-4",
    area: "logging",
    title: "CloudTrail log group retention ≥ 180 days (or never expire)",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §2",
    reference: "000 §2",
    evidenceDescription:
      "CloudWatch Logs DescribeLogGroups retentionInDays of the log group a qualifying trail delivers to (absent = never expire).",
    rationale:
      "SOP 000 §2 keeps CloudTrail logs in CloudWatch with a minimum retention of 180 days, for audits and incident investigation.",
    remediation: [
      "If the trail does not deliver to CloudWatch Logs, fix TRAIL-3 first.",
      "Console: CloudWatch > Log groups > <group> > Actions > Edit retention setting > 180 days or more (or Never expire).",
      "Or CLI: `aws logs put-retention-policy --log-group-name <group> --retention-in-days 180` (use the customer's minimum if it is higher, e.g. 365).",
    ],
  },
  {
    id: "TRAIL-5",
    area: "logging",
    title: "Trail logs encrypted with KMS (SSE-KMS)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §7.1, 000 §5, 001/002",
    reference: "CIS 3.5 / CLOUD_TRAIL_ENCRYPTION_ENABLED",
    evidenceDescription: "CloudTrail DescribeTrails KmsKeyId, for every qualifying trail.",
    rationale:
      "SOP 003 §7.1 stores trail logs in a bucket with encryption and 000 §5 uses KMS for encryption at rest; the SOP evidence (002) shows a trail with SSE-KMS not enabled. A KMS key adds a second permission check before anyone can read the logs.",
    remediation: [
      "Create or choose a customer-managed symmetric key whose key policy lets cloudtrail.amazonaws.com call kms:GenerateDataKey* (condition aws:SourceArn = the trail ARN) and lets log readers call kms:Decrypt.",
      "Console: CloudTrail > Trails > <trail> > General details > Edit > Log file SSE-KMS encryption: Enabled, choose the key.",
      "Or CLI: `aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>`.",
      "Check that new log files arrive (GetTrailStatus LatestDeliveryTime) and that the people who read logs can still decrypt them.",
    ],
  },
  {
    id: "TRAIL-6",
    area: "logging",
    title: "Trail S3 bucket has versioning enabled",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "004 §5",
    reference: "004 §5",
    evidenceDescription: "S3 GetBucketVersioning Status of each qualifying trail's bucket.",
    rationale:
      "SOP 004 §5 enables versioning on the CloudTrail bucket to keep a history of log files and prevent their accidental deletion.",
    remediation: [
      "Console: S3 > <bucket> > Properties > Bucket Versioning > Edit > Enable.",
      "Or CLI: `aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled`.",
      "Add a lifecycle rule expiring noncurrent versions after the retention the customer needs, so storage does not grow without bound (not possible once MFA delete is on, see TRAIL-7).",
    ],
  },
  {
    id: "TRAIL-7",
    area: "logging",
    title: "Trail S3 bucket has MFA delete enabled",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "004 §5",
    reference: "004 §5",
    evidenceDescription: "S3 GetBucketVersioning MFADelete of each qualifying trail's bucket.",
    rationale:
      "SOP 004 §5 enables MFA delete on the CloudTrail bucket so that logs cannot be deleted without MFA, protecting the audit trail from a stolen credential.",
    remediation: [
      "Only the root user with its MFA device can change MFA delete, and only through the API or CLI (not the console).",
      'With root credentials (if you create a temporary root access key for this, delete it right after, see ROOT-2), run `aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::<account-id>:mfa/<root-mfa-device> <current-code>"`.',
      "Note that a bucket with MFA delete cannot use lifecycle rules; plan log expiry before enabling it.",
      "Check with `aws s3api get-bucket-versioning --bucket <bucket>` (MFADelete: Enabled).",
    ],
  },
  {
    id: "TRAIL-8",
    area: "logging",
    title: "Trail S3 bucket not publicly accessible (block public access on, no public policy)",
    severity: "CRITICAL",
    source: "AUTOMATED",
    sopReference: "004 §5, 001/002",
    reference: "CIS 3.3",
    evidenceDescription:
      "S3 GetPublicAccessBlock (bucket and account level) and GetBucketPolicyStatus IsPublic of each qualifying trail's bucket.",
    rationale:
      "SOP 004 §5 restricts the CloudTrail bucket to the roles and users that need it, and SEC-002 (001/002) is about preventing public access to cloud resources. Public logs would expose the account's whole activity history.",
    remediation: [
      "Turn on all four Block Public Access settings: `aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true` (or for the whole account: `aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration ...`).",
      'Review `aws s3api get-bucket-policy --bucket <bucket>` and remove statements with "Principal": "*" that have no restricting condition; keep the cloudtrail.amazonaws.com statements with their aws:SourceArn condition.',
      "Check with `aws s3api get-bucket-policy-status --bucket <bucket>` (IsPublic: false).",
    ],
  },
  {
    id: "TRAIL-9",
    area: "logging",
    title: "Trail S3 bucket has server access logging",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "004 §5, 004 §6",
    reference: "CIS 3.6",
    evidenceDescription: "S3 GetBucketLogging LoggingEnabled of each qualifying trail's bucket.",
    rationale:
      "Server access logs record who read or deleted objects in the CloudTrail bucket, supporting the access restriction of SOP 004 §5 and the regular audits of 004 §6 (CIS 3.6).",
    remediation: [
      "Create or choose a separate bucket for access logs (never the trail bucket itself) and allow logging.s3.amazonaws.com to s3:PutObject into it with a bucket policy.",
      "Console: S3 > <trail bucket> > Properties > Server access logging > Edit > Enable, choose the target bucket and a prefix.",
      'Or CLI: `aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"cloudtrail-bucket/"}}\'`.',
    ],
  },

  // 3. IAM users and access
  {
    id: "IAM-1",
    area: "iam",
    title: "Password policy: minimum length ≥ 14",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "003 §5.2, 001/002",
    reference: "CIS 1.8 / IAM_PASSWORD_POLICY",
    evidenceDescription:
      "IAM GetAccountPasswordPolicy MinimumPasswordLength (NoSuchEntity = the AWS default policy of 8 characters, which fails). The minimum is a per-customer parameter, 14 by default.",
    rationale:
      "SOP 003 §5.2 enforces strong passwords, and the SOP evidence (001/002) shows the AWS default policy of 8 characters, which is too short; CIS 1.8 asks for at least 14.",
    remediation: [
      "Console: IAM > Account settings > Password policy > Edit > Custom, set Password minimum length to 14 (or the customer's minimum).",
      "Or CLI, setting every option at once because the call replaces the whole policy: `aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --max-password-age 180 --password-reuse-prevention 24 --allow-users-to-change-password`.",
      "Tell the users: the new rules apply at their next password change.",
    ],
  },
  {
    id: "IAM-2",
    area: "iam",
    title: "Password policy requires upper, lower, number and symbol",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §5.2",
    reference: "003 §5.2",
    evidenceDescription:
      "IAM GetAccountPasswordPolicy RequireUppercaseCharacters, RequireLowercaseCharacters, RequireNumbers, RequireSymbols.",
    rationale:
      "SOP 003 §5.2 enforces strong passwords; requiring all four character classes goes beyond the AWS default of three out of four shown in the SOP evidence (002).",
    remediation: [
      "Console: IAM > Account settings > Password policy > Edit > Custom, tick uppercase, lowercase, numbers and non-alphanumeric characters.",
      "Or CLI with the full policy (the call replaces it): `aws iam update-account-password-policy --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --max-password-age 180 --password-reuse-prevention 24 --allow-users-to-change-password`.",
    ],
  },
  {
    id: "IAM-3",
    area: "iam",
    title: "Passwords expire within 180 days",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §3, 003 §5.2",
    reference: "000 §3",
    evidenceDescription:
      "IAM GetAccountPasswordPolicy ExpirePasswords and MaxPasswordAge ≤ 180 (a per-customer parameter).",
    rationale:
      "SOP 000 §3 rotates passwords every 180 days through the AWS password policy, shortening the window in which a compromised password works; the SOP evidence (002) shows 'Never expire password'.",
    remediation: [
      "Console: IAM > Account settings > Password policy > Edit > Custom, tick Turn on password expiration and set 180 days (or the customer's maximum).",
      "Or CLI with the full policy (the call replaces it): `aws iam update-account-password-policy --max-password-age 180 --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --password-reuse-prevention 24 --allow-users-to-change-password`.",
      "Keep Allow users to change their own password on, so that expiry does not lock people out.",
    ],
  },
  {
    id: "IAM-4",
    area: "iam",
    title: "Password reuse prevention ≥ 24",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §5.2",
    reference: "CIS 1.9",
    evidenceDescription: "IAM GetAccountPasswordPolicy PasswordReusePrevention ≥ 24 (a per-customer parameter).",
    rationale:
      "SOP 003 §5.2 enforces reuse prevention so that password rotation (IAM-3) is not defeated by cycling back to an old password; CIS 1.9 asks AWS to remember 24.",
    remediation: [
      "Console: IAM > Account settings > Password policy > Edit > Custom, tick Prevent password reuse and set 24.",
      "Or CLI with the full policy (the call replaces it): `aws iam update-account-password-policy --password-reuse-prevention 24 --minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers --require-symbols --max-password-age 180 --allow-users-to-change-password`.",
    ],
  },
  {
    id: "IAM-5",
    area: "iam",
    title: "Every IAM user with a console password has MFA",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §3, 003 §5.2",
    reference: "CIS 1.10 / MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS",
    evidenceDescription: "IAM credential report password_enabled and mfa_active for every non-root user.",
    rationale:
      "SOP 000 §3 makes MFA mandatory for all users and 003 §5.2 requires it for every user with console access; the SOP evidence (002) shows an 'Add MFA for yourself' warning.",
    remediation: [
      "List the users Rampart names (credential report: password_enabled true, mfa_active false).",
      "Ask each one to assign a device: IAM > Users > <user> > Security credentials > Assign MFA device (or, for the user, account menu > Security credentials).",
      "If the user does not need the console, remove the password instead: `aws iam delete-login-profile --user-name <user>`.",
      "Enforce it: attach to the users' groups a policy that denies everything except MFA self-management when aws:MultiFactorAuthPresent is false (AWS's documented 'force MFA' example).",
    ],
  },
  {
    id: "IAM-6",
    area: "iam",
    title: "No credentials unused for 45+ days (passwords and active keys)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §3",
    reference: "CIS 1.12",
    evidenceDescription:
      "IAM credential report: password_last_used (else password_last_changed, else user_creation_time) and access_key_N_last_used_date (else access_key_N_last_rotated) for every non-root user; 45 days is a per-customer parameter.",
    rationale:
      "SOP 000 §3's quarterly review exists to avoid accumulating inactive users; an unused password or key is attack surface that nobody watches.",
    remediation: [
      "Confirm with the customer that the named users' passwords or keys are no longer needed.",
      "Deactivate an unused key: `aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive`.",
      "Remove an unused console password: `aws iam delete-login-profile --user-name <user>`.",
      "After a waiting period with nothing broken, delete the key (`aws iam delete-access-key`) or the whole user, and record it in the next access review (IAM-12).",
    ],
  },
  {
    id: "IAM-7",
    area: "iam",
    title: "Active access keys rotated within 90 days",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §1, 001/002",
    reference: "CIS 1.14 / ACCESS_KEYS_ROTATED",
    evidenceDescription:
      "IAM credential report access_key_N_active and access_key_N_last_rotated for every non-root user; 90 days is a per-customer parameter, keys a year old or more are named 'over a year'.",
    rationale:
      "The SOP evidence (002) flags access keys unused for more than a year, and 000 §1 gives programmatic access to service users with least privilege; rotating keys every 90 days limits how long a leaked key works (CIS 1.14).",
    remediation: [
      "Create the replacement: `aws iam create-access-key --user-name <user>` (a user can hold two keys during the switch).",
      "Put the new key in the application's secret store and deploy; confirm with `aws iam get-access-key-last-used --access-key-id <old-key-id>` that the old key is no longer used.",
      "Deactivate the old key (`aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive`), then delete it (`aws iam delete-access-key`).",
      "Where possible replace the key with a role: an instance profile, or GitHub Actions OIDC for the CI/CD pipelines of SOP 000 §4.",
    ],
  },
  {
    id: "IAM-8",
    area: "iam",
    title: "No user has two active access keys",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "000 §3",
    reference: "CIS 1.13",
    evidenceDescription: "IAM credential report access_key_1_active and access_key_2_active for every non-root user.",
    rationale:
      "Two active keys on one user usually means the old key was never retired after a rotation, doubling the credentials that can leak (CIS 1.13).",
    remediation: [
      "For each named user, find the key in use: `aws iam get-access-key-last-used --access-key-id <key-id>` for both keys.",
      "Deactivate the one that is not used: `aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive`.",
      "Delete it once nothing has broken: `aws iam delete-access-key --user-name <user> --access-key-id <key-id>`.",
    ],
  },
  {
    id: "IAM-9",
    area: "iam",
    title: "Permissions granted through groups, not directly attached to users",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §5.1, 001/002",
    reference: "CIS 1.15 / IAM_USER_NO_POLICIES_CHECK",
    evidenceDescription: "IAM ListAttachedUserPolicies and ListUserPolicies for every user.",
    rationale:
      "SOP 003 §5.1 attaches policies to groups, and the SOP evidence (001/002) shows users classified into groups by role; permissions attached to one user are easy to miss in the quarterly review.",
    remediation: [
      "List what each named user holds: `aws iam list-attached-user-policies --user-name <user>` and `aws iam list-user-policies --user-name <user>`.",
      "Choose or create a group for that role and give it the permissions: `aws iam attach-group-policy --group-name <group> --policy-arn <arn>` (turn an inline policy into a managed one first).",
      "Add the user: `aws iam add-user-to-group --group-name <group> --user-name <user>`.",
      "Remove the direct grants: `aws iam detach-user-policy --user-name <user> --policy-arn <arn>` and `aws iam delete-user-policy --user-name <user> --policy-name <name>`.",
    ],
  },
  {
    id: "IAM-10",
    area: "iam",
    title: "No customer-managed policy grants full *:* admin",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §3",
    reference: "CIS 1.16 / IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
    evidenceDescription:
      "IAM ListPolicies (Scope=Local, attached) and GetPolicyVersion of the default version: an Allow statement with Action * and Resource *.",
    rationale:
      "SOP 000 §3 assigns roles and policies following least privilege; a customer-managed policy allowing * on * is full administrator access under a custom name.",
    remediation: [
      "Read the policy: `aws iam get-policy-version --policy-arn <arn> --version-id <default-version>`, and see who holds it with `aws iam list-entities-for-policy --policy-arn <arn>`.",
      "Write the actions those principals need instead (IAM Access Analyzer can generate a policy from their CloudTrail activity).",
      "Publish it: `aws iam create-policy-version --policy-arn <arn> --policy-document file://policy.json --set-as-default`, then delete the old versions.",
      "Real administrators get the AWS managed AdministratorAccess through an admin group with MFA, so full access stays visible.",
    ],
  },
  {
    id: "IAM-11",
    area: "iam",
    title: "A support role exists (AWSSupportAccess attached to a role)",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "000 §3, 000 §7",
    reference: "CIS 1.17",
    evidenceDescription: "IAM ListEntitiesForPolicy for arn:aws:iam::aws:policy/AWSSupportAccess: at least one role.",
    rationale:
      "A role with AWSSupportAccess lets the consultant who manages incidents (SOP 000 §7) open AWS Support cases without administrator rights, in line with least privilege (000 §3, CIS 1.17).",
    remediation: [
      "Create a role trusted by the account's administrators: `aws iam create-role --role-name AWSSupportAccessRole --assume-role-policy-document file://trust.json` (trust the account or the admin group's principals).",
      "Attach the policy: `aws iam attach-role-policy --role-name AWSSupportAccessRole --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess`.",
      "Tell the consultants to assume that role to open support cases.",
    ],
  },
  {
    id: "IAM-12",
    area: "iam",
    title: "Quarterly user and permission review completed within the last 92 days",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §3",
    reference: "000 §3",
    evidenceDescription:
      "Rampart access review records: the latest sign-off of a review covering the account (92 days is a per-customer parameter).",
    rationale:
      "SOP 000 §3 requires a quarterly review of active users and permissions to remove unneeded access and inactive users; Rampart records its sign-off.",
    remediation: [
      "In Rampart, open the customer's Reviews page and start an access review covering the account.",
      "Go through every user, group, role and attached policy with the customer; remove what is no longer needed (IAM-6, IAM-9 and IAM-10 point at the usual findings).",
      "Sign the review off; the next one is due within 92 days.",
    ],
  },
  {
    id: "IAM-13",
    area: "iam",
    title: "Each partner administrator has dedicated credentials (no shared users)",
    severity: "MEDIUM",
    source: "ATTESTED",
    sopReference: "001/002",
    reference: "001/002",
    evidenceDescription: "Consultant attestation, with a reference to the list of administrator users checked.",
    rationale:
      "The SOP evidence (001/002) requires each partner administrator to have dedicated credentials, so every action in CloudTrail traces to one person. IAM cannot tell whether a user is shared, so a consultant attests it.",
    remediation: [
      "List the IAM users and IAM Identity Center users with administrator rights, and match each to one named person.",
      "For any shared user (a team or company name, a password known to several people), create a named user or Identity Center user per person, move them over and delete the shared user.",
      "In Rampart, record an attestation for IAM-13 linking the reviewed user list.",
    ],
  },
  {
    id: "IAM-14",
    area: "iam",
    title: "Regional STS endpoints in use / global endpoint tokens valid in all regions",
    severity: "LOW",
    source: "ATTESTED",
    sopReference: "001/002",
    reference: "001/002",
    evidenceDescription: "Consultant attestation of the IAM > Account settings > Security Token Service (STS) setting.",
    rationale:
      "The SOP evidence (001/002) shows that session tokens from the global STS endpoint are valid only in regions enabled by default, which breaks access once an opt-in region is enabled. Regional endpoints, or global tokens valid in all regions, avoid that.",
    remediation: [
      "Console: IAM > Account settings > Security Token Service (STS) > Session tokens from the STS endpoints > Global endpoint > Change > Valid in all AWS Regions.",
      "Or CLI: `aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token`.",
      "Prefer regional endpoints in SDKs and the CLI (`AWS_STS_REGIONAL_ENDPOINTS=regional`, the default in current SDKs).",
      "In Rampart, record an attestation for IAM-14 with a screenshot or document reference.",
    ],
  },

  // 4. Change control and deployment
  {
    id: "CHG-1",
    area: "change",
    title: "Changes go through change requests with approval, rollback plan and validation (ICR log kept)",
    severity: "MEDIUM",
    source: "ATTESTED",
    sopReference: "000 §11",
    reference: "000 §11",
    evidenceDescription: "Consultant attestation with a link to the customer's ICR (change request) log.",
    rationale:
      "SOP 000 §11 starts every infrastructure change with a change request that is assessed, approved, executed with a rollback plan, validated and recorded in the ICR log. It is a process, so a consultant attests it with a link to the log.",
    remediation: [
      "Keep an ICR log per customer: each change request has a description, justification, affected components, impact assessment, proposed window and responsible role (SOP 000 §11).",
      "Record for each change its approval (technical manager, and the customer in shared environments), rollback plan, execution and post-change validation.",
      "Update the log when each change is closed, with the result and archived e-mails.",
      "In Rampart, record an attestation for CHG-1 linking the ICR log.",
    ],
  },
  {
    id: "CHG-2",
    area: "change",
    title: "Changes tested in a quality environment before production",
    severity: "MEDIUM",
    source: "ATTESTED",
    sopReference: "000 §4",
    reference: "000 §4",
    evidenceDescription: "Consultant attestation, with a link to the pipeline or test evidence.",
    rationale:
      "SOP 000 §4 always tests changes in a quality environment before production, with a rollback plan, to minimise the impact on production.",
    remediation: [
      "Confirm the customer has a quality environment (a separate account or Terraform workspace) that mirrors production.",
      "Make the deployment path go through it: a GitHub Actions workflow that deploys to quality first, with a protected production environment that needs an approval.",
      "In Rampart, record an attestation for CHG-2 linking the pipeline or a recent change's test evidence.",
    ],
  },

  // 5. Network
  {
    id: "NET-1",
    area: "network",
    title: "No security group allows 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389)",
    severity: "CRITICAL",
    source: "AUTOMATED",
    sopReference: "000 §5, 003 §8.2",
    reference: "CIS 5.2/5.3 / RESTRICTED_INCOMING_TRAFFIC",
    evidenceDescription: "EC2 DescribeSecurityGroups ingress permissions, in every configured region.",
    rationale:
      "SOP 000 §5 allows administrative access only from the jumpbox subnet, never from the internet; SSH and RDP open to the world are among the most scanned entry points.",
    remediation: [
      "For each named group and port: `aws ec2 revoke-security-group-ingress --region <region> --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'` (and the same with Ipv6Ranges=[{CidrIpv6=::/0}]; use the rule's own protocol and port range).",
      "Allow administration only from the jumpbox subnet or its security group (SOP 000 §5): `aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 22 --source-group <jumpbox-sg-id>`.",
      "Better still, drop inbound SSH and RDP entirely and use SSM Session Manager or EC2 Instance Connect Endpoint.",
    ],
  },
  {
    id: "NET-2",
    area: "network",
    title:
      "No security group allows the internet to any admin or database port (22, 3389, 3306, 5432, 1433, 1521, 27017, 6379, 9200)",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §5",
    reference: "000 §5",
    evidenceDescription:
      "EC2 DescribeSecurityGroups ingress permissions, in every configured region; the port list is a per-customer parameter.",
    rationale:
      "SOP 000 §5 opens only the ports that are needed and keeps administrative access off the internet, and the SOP evidence (001/002) keeps data stores in private subnets; admin and database ports open to the internet bypass both.",
    remediation: [
      "For each named group and port, revoke the internet rule: `aws ec2 revoke-security-group-ingress --region <region> --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=<port>,ToPort=<port>,IpRanges=[{CidrIp=0.0.0.0/0}]'` (and Ipv6Ranges=[{CidrIpv6=::/0}]).",
      "Allow database ports only from the application tier's security group (`--source-group <app-sg-id>`) and admin ports only from the jumpbox.",
      "If a partner needs access, allow its fixed IP range, never 0.0.0.0/0.",
    ],
  },
  {
    id: "NET-3",
    area: "network",
    title: "Default security group of every VPC restricts all traffic",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §5, 003 §8.2",
    reference: "CIS 5.4 / VPC_DEFAULT_SECURITY_GROUP_CLOSED",
    evidenceDescription:
      "EC2 DescribeSecurityGroups (group-name default): its ingress and egress rules, in every configured region.",
    rationale:
      "The default security group is attached to anything launched without an explicit group; SOP 003 §8.2 configures security groups by least privilege, so the default group should allow nothing (CIS 5.4).",
    remediation: [
      "Find what uses the group: `aws ec2 describe-network-interfaces --region <region> --filters Name=group-id,Values=<sg-id>`, and move those resources to dedicated groups.",
      "Console: VPC > Security groups > <default group> > Inbound rules > Edit > delete all; same for Outbound rules.",
      'Or CLI: `aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <sg-id> --query SecurityGroups[0].IpPermissions)"` and the same with revoke-security-group-egress and IpPermissionsEgress.',
    ],
  },
  {
    id: "NET-4",
    area: "network",
    title: "VPC flow logs enabled",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §5, 000 §7, 003 §9.2",
    reference: "CIS 3.9",
    evidenceDescription:
      "EC2 DescribeVpcs and DescribeFlowLogs (an ACTIVE flow log per VPC), in every configured region.",
    rationale:
      "Flow logs record the traffic reaching each VPC, which the consultant needs to investigate incidents (SOP 000 §7) and to confirm the subnet isolation of 000 §5.",
    remediation: [
      "Console: VPC > Your VPCs > <vpc> > Flow logs > Create flow log, filter All, destination CloudWatch Logs or S3.",
      "Or CLI: `aws ec2 create-flow-logs --region <region> --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<bucket>/vpc-flow-logs/` (for CloudWatch Logs add --log-group-name and --deliver-logs-permission-arn).",
      "Check the flow log status is ACTIVE: `aws ec2 describe-flow-logs --filter Name=resource-id,Values=<vpc-id>`.",
    ],
  },
  {
    id: "NET-5",
    area: "network",
    title: "Network ACLs do not allow 0.0.0.0/0 to admin ports",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §8.2, 000 §5",
    reference: "CIS 5.1",
    evidenceDescription:
      "EC2 DescribeNetworkAcls: ingress entries of every subnet-associated ACL for ports 22 and 3389 from 0.0.0.0/0 and ::/0, in every configured region.",
    rationale:
      "SOP 003 §8.2 sets stateless NACL rules at subnet level and 000 §5 keeps administrative access off the internet; a NACL that admits SSH or RDP from anywhere removes that second barrier (CIS 5.1).",
    remediation: [
      "Add deny entries numbered before the allow entry: `aws ec2 create-network-acl-entry --region <region> --network-acl-id <acl-id> --ingress --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny` (and the same for 3389, and with --ipv6-cidr-block ::/0).",
      "Or narrow the allow entry itself to the jumpbox range: `aws ec2 replace-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number <n> --protocol tcp --port-range From=22,To=22 --cidr-block <jumpbox-cidr> --rule-action allow`.",
      "Keep the return-traffic (ephemeral port) entries intact: NACLs are stateless.",
    ],
  },
  {
    id: "NET-6",
    area: "network",
    title: "Data stores are not publicly accessible (RDS PubliclyAccessible false)",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "001/002, 000 §5",
    reference: '001/002 "data stores in private subnets"',
    evidenceDescription: "RDS DescribeDBInstances PubliclyAccessible, in every configured region.",
    rationale:
      "The SOP evidence (001/002) states that data stores are in private subnets, and SOP 000 §5 separates a data tier; a publicly accessible DB instance gets a DNS name that resolves to a public IP.",
    remediation: [
      "Console: RDS > Databases > <instance> > Modify > Connectivity > Additional configuration > Not publicly accessible > Apply immediately (or in the maintenance window).",
      "Or CLI: `aws rds modify-db-instance --region <region> --db-instance-identifier <instance> --no-publicly-accessible --apply-immediately`.",
      "Make sure its DB subnet group contains only private subnets, and that its security group allows the database port only from the application tier.",
    ],
  },
  {
    id: "NET-7",
    area: "network",
    title: "Every public endpoint is in the acknowledged inventory",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "000 §5",
    reference: "000 §5",
    evidenceDescription:
      "ELBv2 DescribeLoadBalancers (internet-facing), EC2 DescribeInstances public IPs and DescribeAddresses (Elastic IPs), RDS publicly accessible instances; compared with the endpoints a consultant acknowledged in Rampart. A new public endpoint is flagged until acknowledged.",
    rationale:
      "SOP 000 §5 keeps an up-to-date inventory of public endpoints and monitors them to detect changes in exposure; a new internet-facing endpoint needs a consultant to confirm it is intended.",
    remediation: [
      "In Rampart, open the customer's endpoint inventory and review each new public endpoint with the customer.",
      "If it is intended, acknowledge it with its owner and purpose, and protect it with AWS WAF and CloudFront as SOP 000 §5 describes.",
      "If it is not, remove the exposure: `aws ec2 disassociate-address` / `aws ec2 release-address --allocation-id <id>`, make the load balancer internal (recreate with --scheme internal), or `aws rds modify-db-instance --no-publicly-accessible`.",
    ],
  },
  {
    id: "NET-8",
    area: "network",
    title: "TLS certificates valid for ≥ 30 days (ACM)",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §5, 001/002",
    reference: "000 §5, 002 ACM",
    evidenceDescription:
      "ACM ListCertificates and DescribeCertificate NotAfter and InUse, in every configured region; 30 days is a per-customer parameter.",
    rationale:
      "SOP 000 §5 protects public applications with TLS certificates from ACM, and the SOP evidence (002) shows one with a fixed expiry date; an in-use certificate that expires breaks the application for every visitor.",
    remediation: [
      "Read the certificate: `aws acm describe-certificate --region <region> --certificate-arn <arn>` (Type, RenewalEligibility, RenewalSummary).",
      "Amazon-issued certificate not renewing: restore its DNS validation CNAME (shown under Domains) in Route 53, or request a new one (`aws acm request-certificate --domain-name <domain> --validation-method DNS`) and switch the load balancer listener or CloudFront distribution to it.",
      "Imported certificate: obtain the renewed certificate from its issuer and re-import it under the same ARN: `aws acm import-certificate --certificate-arn <arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem`.",
    ],
  },

  // 6. Encryption keys
  {
    id: "KMS-1",
    area: "kms",
    title: "Customer-managed symmetric keys have rotation enabled",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §6",
    reference: "CIS 3.6 / CMK_BACKING_KEY_ROTATION_ENABLED",
    evidenceDescription:
      "KMS ListKeys, DescribeKey (KeyManager, KeySpec, Origin, KeyState) and GetKeyRotationStatus, in every configured region.",
    rationale:
      "SOP 000 §6 recommends yearly rotation of customer-managed keys and documenting it; KMS automatic rotation does this without re-encrypting data, and the key's rotation status is the record.",
    remediation: [
      "Console: KMS > Customer managed keys > <key> > Key rotation > Automatically rotate this KMS key every year.",
      "Or CLI: `aws kms enable-key-rotation --region <region> --key-id <key-id>` (optionally --rotation-period-in-days 365).",
      "Check with `aws kms get-key-rotation-status --key-id <key-id>` (KeyRotationEnabled: true).",
    ],
  },
  {
    id: "KMS-2",
    area: "kms",
    title: "No customer-managed key is pending deletion",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §6",
    reference: "FSBP KMS.3",
    evidenceDescription:
      "KMS DescribeKey KeyState and DeletionDate of customer-managed keys, in every configured region.",
    rationale:
      "Once a key's waiting period ends, all data encrypted under it is lost for good; SOP 000 §6 has the consultant support the customer in managing its keys, so a scheduled deletion must be deliberate.",
    remediation: [
      "Find what the key protects: CloudTrail events for the key id, its grants (`aws kms list-grants --key-id <key-id>`) and resources that name it.",
      "If it is still needed: `aws kms cancel-key-deletion --region <region> --key-id <key-id>`, then `aws kms enable-key --key-id <key-id>` (a cancelled key stays Disabled).",
      "If the deletion is intended, confirm it with the customer and record a suppression for KMS-2 until the deletion date, with that reason.",
    ],
  },
  {
    id: "KMS-3",
    area: "kms",
    title: "EBS encryption by default enabled in every used region",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §5, 000 §6",
    reference: "CIS 2.2.1",
    evidenceDescription: "EC2 GetEbsEncryptionByDefault, in every configured region.",
    rationale:
      "SOP 000 §5 encrypts data at rest with KMS; EBS encryption by default makes every new volume and snapshot copy in the region encrypted, without relying on each launch.",
    remediation: [
      "Console: EC2 > Settings (Data protection and security) > EBS encryption > Manage > Always encrypt new EBS volumes, in each named region.",
      "Or CLI: `aws ec2 enable-ebs-encryption-by-default --region <region>`; optionally choose the key with `aws ec2 modify-ebs-default-kms-key-id --region <region> --kms-key-id <key-arn>`.",
      "Existing unencrypted volumes are not changed: snapshot them, copy the snapshot with --encrypted, and replace the volume in a maintenance window.",
    ],
  },

  // 7. Detection and response
  {
    id: "DET-1",
    area: "detection",
    title: "AWS Config recorder records all resources and is running, in every used region",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "003 §7.2, 000 §7",
    reference: "CIS 3.3(v3: 3.5)",
    evidenceDescription:
      "Config DescribeConfigurationRecorders (recording group) and DescribeConfigurationRecorderStatus (recording, last status), in every configured region.",
    rationale:
      "SOP 003 §7.2 records all resources supported in each region with AWS Config, and 000 §7 monitors with it; without a running recorder, configuration history and Config rules stop.",
    remediation: [
      "Console: Config > Settings > Edit > Recording strategy: All resource types with customizable overrides, in each named region (include global resource types in one region only).",
      "Or CLI: `aws configservice put-configuration-recorder --region <region> --configuration-recorder name=default,roleARN=arn:aws:iam::<account-id>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig --recording-group allSupported=true,includeGlobalResourceTypes=<true in one region only>`.",
      "Give it a delivery channel (`aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>`) and start it: `aws configservice start-configuration-recorder --configuration-recorder-name default`.",
      "If the last status is FAILURE, read lastErrorCode from `aws configservice describe-configuration-recorder-status` (usually the bucket policy or the role) and fix it.",
    ],
  },
  {
    id: "DET-2",
    area: "detection",
    title: "GuardDuty detector enabled in every used region",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "003 §7.3",
    reference: "FSBP GuardDuty.1",
    evidenceDescription: "GuardDuty ListDetectors and GetDetector Status, in every configured region.",
    rationale:
      "SOP 003 §7.3 enables GuardDuty and notifications for its findings; GuardDuty is regional, so a region without an enabled detector is not watched.",
    remediation: [
      "Console: GuardDuty > Get started > Enable GuardDuty, in each named region.",
      "Or CLI: `aws guardduty create-detector --region <region> --enable`, or for a suspended detector `aws guardduty update-detector --region <region> --detector-id <id> --enable`.",
      'Send findings somewhere people read: an EventBridge rule on source aws.guardduty to an SNS topic with the consultant\'s e-mail (SOP 003 §7.3, "configure findings").',
    ],
  },
  {
    id: "DET-3",
    area: "detection",
    title: "Inspector (v2) scanning enabled for EC2/ECR/Lambda",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §7",
    reference: "000 §7",
    evidenceDescription:
      "Inspector2 BatchGetAccountStatus: account state and the state of each required resource type (EC2 and ECR by default, a per-customer parameter), in every configured region.",
    rationale:
      "SOP 000 §7 monitors with Amazon Inspector to detect security risks; Inspector scans instances, container images and functions for known vulnerabilities only where it is enabled.",
    remediation: [
      "Console: Inspector > Get started > Activate Inspector (or Account management > Activate scanning types), in each named region.",
      "Or CLI: `aws inspector2 enable --region <region> --resource-types EC2 ECR` (add LAMBDA if the customer requires it).",
      "Check with `aws inspector2 batch-get-account-status --region <region>` (state ENABLED for the account and each resource type).",
    ],
  },
  {
    id: "DET-4",
    area: "detection",
    title: "No open critical Inspector finding older than 15 days; no open high older than 30",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §7–8",
    reference: "000 §7–8",
    evidenceDescription:
      "Inspector2 ListFindings: ACTIVE findings with severity CRITICAL or HIGH and their firstObservedAt (15 and 30 days are per-customer parameters).",
    rationale:
      "SOP 000 §7–8 detects vulnerabilities with Inspector and patches them in planned maintenance windows; a critical finding open for more than 15 days, or a high one for more than 30, means patching is not keeping up.",
    remediation: [
      "Console: Inspector > Findings > filter Status Active and Severity Critical or High, sorted by age.",
      "Patch instances in the next maintenance window with SSM Patch Manager: `aws ssm send-command --document-name AWS-RunPatchBaseline --targets Key=InstanceIds,Values=<ids> --parameters Operation=Install` (take a backup first, SOP 000 §8).",
      "Rebuild and redeploy affected container images and Lambda functions with fixed dependency versions.",
      "If a finding is an accepted risk, create an Inspector suppression rule with the justification, so it becomes SUPPRESSED.",
    ],
  },
  {
    id: "DET-5",
    area: "detection",
    title: "No AWS Config rule is non-compliant (the share of compliant rules is shown)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §7.2",
    reference: "003 §7.2",
    evidenceDescription: "Config DescribeComplianceByConfigRule, in every configured region.",
    rationale:
      "SOP 003 §7.2 adds AWS Config rules to check compliance; a non-compliant rule is a known deviation that nobody has fixed.",
    remediation: [
      "List the failing resources: `aws configservice get-compliance-details-by-config-rule --region <region> --config-rule-name <rule> --compliance-types NON_COMPLIANT`.",
      "Fix each resource (the rule's description in Config > Rules says what it expects), or attach the rule's remediation action.",
      "Re-evaluate: `aws configservice start-config-rules-evaluation --config-rule-names <rule>`.",
      "If a rule does not apply to the customer, narrow its scope or delete it rather than leaving it red.",
    ],
  },
  {
    id: "DET-6",
    area: "detection",
    title: "Security Hub enabled (recommended aggregator)",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "000 §7, 000 §10",
    reference: null,
    evidenceDescription: "SecurityHub DescribeHub, in every configured region.",
    rationale:
      "Security Hub gathers GuardDuty, Inspector and Config findings in one place, which supports the monitoring of SOP 000 §7 and the alert review of 000 §10; it is recommended, not required.",
    remediation: [
      "Console: Security Hub > Go to Security Hub > Enable, in each named region.",
      "Or CLI: `aws securityhub enable-security-hub --region <region> --enable-default-standards`.",
      "Optionally aggregate all regions into one: `aws securityhub create-finding-aggregator --region <home-region> --region-linking-mode ALL_REGIONS`.",
    ],
  },
  {
    id: "DET-7",
    area: "detection",
    title: "Incident contact, escalation path and runbooks documented and reviewed",
    severity: "MEDIUM",
    source: "ATTESTED",
    sopReference: "000 §7, 003 §12",
    reference: "000 §7, 003 §12",
    evidenceDescription: "Consultant attestation with a link to the incident response document.",
    rationale:
      "SOP 000 §7 makes the assigned consultant responsible for incidents, coordinating with the client by e-mail, and 003 §12 defines escalation paths, responsibilities and runbooks. These are documents, so a consultant attests that they exist and were reviewed.",
    remediation: [
      "Write or update the customer's incident document: contacts on both sides, e-mail channel, escalation path and who decides what (SOP 000 §7, 003 §12.1).",
      "Add runbooks for the common incidents (leaked key, compromised instance, GuardDuty high finding, root sign-in).",
      "Review it with the customer and note the review date.",
      "In Rampart, record an attestation for DET-7 linking the document.",
    ],
  },

  // 8. Patching, backup and recovery
  {
    id: "BAK-1",
    area: "backup",
    title: "An AWS Backup plan exists with a daily rule retained ≥ 7 days",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §9",
    reference: "000 §9",
    evidenceDescription:
      "Backup ListBackupPlans, GetBackupPlan (rules: ScheduleExpression, Lifecycle.DeleteAfterDays) and ListBackupSelections, in every configured region.",
    rationale:
      "SOP 000 §9 takes a full daily backup with at least 7 days of retention in AWS Backup; a plan without a resource selection backs up nothing.",
    remediation: [
      'Create the plan: `aws backup create-backup-plan --region <region> --backup-plan \'{"BackupPlanName":"daily-7d","Rules":[{"RuleName":"daily","TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 5 * * ? *)","Lifecycle":{"DeleteAfterDays":7}}]}\'` (or AWS Backup > Backup plans > Create backup plan > Build a new plan, with a daily rule kept 7 days or more).',
      'Assign resources: `aws backup create-backup-selection --backup-plan-id <plan-id> --backup-selection \'{"SelectionName":"tagged","IamRoleArn":"arn:aws:iam::<account-id>:role/service-role/AWSBackupDefaultServiceRole","ListOfTags":[{"ConditionType":"STRINGEQUALS","ConditionKey":"backup","ConditionValue":"daily"}]}\'`, or list the resource ARNs.',
      "Check the next day that jobs completed (BAK-3).",
    ],
  },
  {
    id: "BAK-2",
    area: "backup",
    title: "Default retention ladder present: daily 7 d, weekly 4 w, monthly 1 m, yearly 1 y",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §9",
    reference: "000 §9",
    evidenceDescription:
      "Backup GetBackupPlan rules of all plans: schedule frequency (from the cron expression) and Lifecycle.DeleteAfterDays.",
    rationale:
      "SOP 000 §9's default retention policy is daily 7 days, weekly 4 weeks, monthly 1 month and yearly 1 year, to meet operational and regulatory needs.",
    remediation: [
      "Console: AWS Backup > Backup plans > <plan> > Add backup rule, once per missing tier.",
      "Use these schedules and retentions: weekly `cron(0 5 ? * SUN *)` with DeleteAfterDays 28; monthly `cron(0 5 1 * ? *)` with 30; yearly `cron(0 5 1 1 ? *)` with 365; daily `cron(0 5 * * ? *)` with 7.",
      "Or CLI: `aws backup update-backup-plan --backup-plan-id <plan-id> --backup-plan file://plan.json` with all four rules in Rules.",
    ],
  },
  {
    id: "BAK-3",
    area: "backup",
    title: "Backup jobs succeeded in the last 48 h for protected resources",
    severity: "HIGH",
    source: "AUTOMATED",
    sopReference: "000 §9",
    reference: "000 §9",
    evidenceDescription:
      "Backup ListBackupJobs (state, resource, creation and completion dates), in every configured region.",
    rationale:
      "A backup plan only protects data when its jobs succeed; SOP 000 §9 makes the consultant and the client's team responsible for verifying backups.",
    remediation: [
      "Read why jobs failed: `aws backup list-backup-jobs --region <region> --by-state FAILED --by-created-after <date>` (StatusMessage), or AWS Backup > Jobs.",
      "Fix the cause: the backup role's permissions, access to the resource's KMS key, a resource that no longer exists, or a start window too short.",
      "Run a job now to confirm: `aws backup start-backup-job --backup-vault-name Default --resource-arn <arn> --iam-role-arn <role-arn>`.",
    ],
  },
  {
    id: "BAK-4",
    area: "backup",
    title: "A restore test was performed within the customer's agreed period (default 6 months)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    acceptsAttestation: true,
    sopReference: "000 §9, 003 §11.2",
    reference: "000 §9, 003 §11.2",
    evidenceDescription:
      "Backup ListRestoreJobs (a COMPLETED job within 183 days, a per-customer parameter); otherwise a consultant's attestation of a restore test.",
    rationale:
      "SOP 000 §9 and 003 §11.2 require periodic restore tests to prove that backups work. A completed AWS Backup restore job proves it; a test done another way is attested.",
    remediation: [
      "Pick a recent recovery point: `aws backup list-recovery-points-by-backup-vault --region <region> --backup-vault-name Default`.",
      "Restore it: `aws backup get-recovery-point-restore-metadata --backup-vault-name Default --recovery-point-arn <arn>`, then `aws backup start-restore-job --recovery-point-arn <arn> --iam-role-arn <role-arn> --metadata file://metadata.json` (or AWS Backup > Protected resources > Restore).",
      "Validate the restored resource (DNS, IP, load, as SOP 000 §9 says) and delete it afterwards; AWS Backup restore testing plans can repeat this on a schedule.",
      "If the test was done outside AWS Backup, record an attestation for BAK-4 linking the test report.",
    ],
  },
  {
    id: "PATCH-1",
    area: "backup",
    title: "Patch maintenance window defined and patches documented",
    severity: "LOW",
    source: "ATTESTED",
    sopReference: "000 §8",
    reference: "000 §8",
    evidenceDescription:
      "Consultant attestation with a link to the maintenance window and the patch log (SSM DescribeMaintenanceWindows where present).",
    rationale:
      "SOP 000 §8 patches in a 5 to 6 hour maintenance window agreed with the customer, takes backups before critical updates and documents the patches applied, for audits.",
    remediation: [
      "Agree an off-peak window of 5 to 6 hours with the customer (SOP 000 §8).",
      'Define it in Systems Manager: `aws ssm create-maintenance-window --name patching --schedule "cron(0 2 ? * SUN *)" --duration 6 --cutoff 1 --no-allow-unassociated-targets`, register the instances and an AWS-RunPatchBaseline task.',
      "Keep a patch log (what was applied, where, when, result, rollback if any).",
      "In Rampart, record an attestation for PATCH-1 linking the window and the log.",
    ],
  },

  // 9. Governance and cost
  {
    id: "GOV-1",
    area: "governance",
    title: "A budget with an alert threshold exists",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §6.1",
    reference: "003 §6.1",
    evidenceDescription: "Budgets DescribeBudgets and their notifications with subscribers.",
    rationale:
      "SOP 003 §6.1 sets billing alerts and budget thresholds with AWS Budgets, so unexpected spend, often the first sign of a compromised account, is noticed.",
    remediation: [
      "Console: Billing and Cost Management > Budgets > Create budget > Monthly cost budget, with an alert at 80% to the customer's finance address and the consultant.",
      'Or CLI: `aws budgets create-budget --account-id <account-id> --budget \'{"BudgetName":"monthly","BudgetLimit":{"Amount":"<amount>","Unit":"USD"},"TimeUnit":"MONTHLY","BudgetType":"COST"}\' --notifications-with-subscribers \'[{"Notification":{"NotificationType":"ACTUAL","ComparisonOperator":"GREATER_THAN","Threshold":80,"ThresholdType":"PERCENTAGE"},"Subscribers":[{"SubscriptionType":"EMAIL","Address":"<address>"}]}]\'`.',
    ],
  },
  {
    id: "GOV-2",
    area: "governance",
    title: "Required tags (Environment, Department, Project by default; per-customer list) present on resources",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "003 §1.2, 003 §10",
    reference: "003 §10",
    evidenceDescription:
      "Tags from each service's inventory: EC2 instances and volumes, S3 buckets, RDS DB instances, ELBv2 load balancers (the tag keys are a per-customer parameter, compared case-sensitively).",
    rationale:
      "SOP 003 §1.2 and §10 define a tagging strategy (Environment, Department, Project) for cost allocation and management, enforced when resources are created.",
    remediation: [
      "Tag the named resources: `aws resourcegroupstaggingapi tag-resources --region <region> --resource-arn-list <arns> --tags Environment=<value>,Department=<value>,Project=<value>` (or per service: `aws ec2 create-tags`, `aws rds add-tags-to-resource`, `aws elbv2 add-tags`; `aws s3api put-bucket-tagging` replaces the whole tag set, so include the existing tags).",
      "Enforce it at creation: the AWS Config managed rule required-tags, or a tag policy in AWS Organizations.",
      "Activate the tags as cost allocation tags in Billing and Cost Management > Cost allocation tags (SOP 003 §10.2).",
    ],
  },
  {
    id: "GOV-3",
    area: "governance",
    title: "Account is a member of an AWS Organization (SCPs checked when the management account is connected)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "003 §4, 004 §1",
    reference: "003 §4, 004 §1",
    evidenceDescription:
      "Organizations DescribeOrganization (FeatureSet) from the account; ListPoliciesForTarget along its OU path when the management account is connected.",
    rationale:
      "SOP 004 §1 creates accounts through AWS Organizations to put them under central policies, and 003 §4 creates the organisation with all features and attaches SCPs to OUs.",
    remediation: [
      "Not in an organisation: from the management account `aws organizations invite-account-to-organization --target Id=<account-id>,Type=ACCOUNT`, then in this account `aws organizations accept-handshake --handshake-id <id>`.",
      "Consolidated billing only: from the management account `aws organizations enable-all-features`, and have every member accept the handshake.",
      "No SCP beyond FullAWSAccess: `aws organizations enable-policy-type --root-id <root-id> --policy-type SERVICE_CONTROL_POLICY` if needed, `aws organizations create-policy --type SERVICE_CONTROL_POLICY --name baseline --content file://scp.json` (for example deny leaving the organisation and stopping CloudTrail, GuardDuty or Config) and `aws organizations attach-policy --policy-id <id> --target-id <ou-id>`.",
    ],
  },
  {
    id: "GOV-4",
    area: "governance",
    title: "Account alias follows the naming convention (per-customer pattern)",
    severity: "LOW",
    source: "AUTOMATED",
    sopReference: "004 §1",
    reference: "004 §1",
    evidenceDescription: "IAM ListAccountAliases, matched against the customer's alias pattern.",
    rationale:
      "SOP 004 §1 keeps the account name, alias and other identifiers consistent with the organisation's naming convention, so people recognise the account when they sign in.",
    remediation: [
      "Choose an alias that matches the customer's pattern shown in Rampart.",
      "Replace the alias (an account has at most one): `aws iam delete-account-alias --account-alias <old>` then `aws iam create-account-alias --account-alias <new>` (or IAM > Dashboard > AWS Account > Account Alias > Edit).",
      "Tell the users: the sign-in URL https://<alias>.signin.aws.amazon.com/console changes with it.",
    ],
  },
  {
    id: "GOV-5",
    area: "governance",
    title: "Audit of alerts and logs performed at the agreed cadence (3 or 6 months)",
    severity: "MEDIUM",
    source: "AUTOMATED",
    sopReference: "000 §10",
    reference: "000 §10",
    evidenceDescription:
      "Rampart alert-review records for the customer (92 days by default, a per-customer parameter) and open critical or high alerts past their SLA.",
    rationale:
      "SOP 000 §10 has the cloud consulting department review alerts and logs at a cadence agreed with the client, usually every 3 or 6 months, and respond to alerts.",
    remediation: [
      "Work through the customer's open alerts in Rampart: resolve, or acknowledge with an owner, every critical or high alert past its SLA.",
      "Review the CloudWatch alarms, Inspector, GuardDuty and Config findings and CloudTrail activity for the period (SOP 000 §10).",
      "Record the alert review in Rampart; the next one is due within the customer's cadence.",
    ],
  },
];

const AREAS_BY_KEY = new Map<ControlAreaKey, ControlArea>(CONTROL_AREAS.map((area) => [area.key, area]));

export const CONTROL_CATALOGUE: readonly ControlDefinition[] = ENTRIES.map((entry) => ({
  ...entry,
  area: AREAS_BY_KEY.get(entry.area)!,
  acceptsAttestation: entry.source === "ATTESTED" || entry.acceptsAttestation === true,
}));

const CONTROLS_BY_ID = new Map(CONTROL_CATALOGUE.map((control) => [control.id, control]));

/** The control with this id; throws NOT_FOUND for an id that is not in the catalogue. */
export function getControl(id: string): ControlDefinition {
  const control = CONTROLS_BY_ID.get(id);
  if (!control) throw notFound(`Unknown control "${id}".`);
  return control;
}

/** Remediation as one numbered text block, for exports and the Control table's remediation column. */
export function remediationText(control: ControlDefinition): string {
  return control.remediation.map((step, index) => `${index + 1}. ${step}`).join("\n");
}
