// The scope label of evidence that is not regional (IAM, Organizations, the account's contacts): stored in
// place of a region. Apart from lib/aws/clients.ts so rules and read models can name it without the SDK.
export const GLOBAL_SCOPE_LABEL = "global";
