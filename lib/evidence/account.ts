// The account evidence as its collector (lib/aws/account.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface AlternateContactEvidence {
  name: string | null;
  title: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
}

export interface AccountEvidence {
  /** null = no SECURITY alternate contact (ResourceNotFoundException): ROOT-5 fails. */
  securityContact: AlternateContactEvidence | null;
}
