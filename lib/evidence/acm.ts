// The acm evidence as its collector (lib/aws/acm.ts) stores it and the rules read it: no SDK here (contract.ts).

export interface CertificateEvidence {
  certificateArn: string;
  domainName: string | null;
  subjectAlternativeNames: string[];
  /** ISSUED, EXPIRED, PENDING_VALIDATION, … */
  status: string | null;
  /** AMAZON_ISSUED, IMPORTED, PRIVATE. */
  type: string | null;
  keyAlgorithm: string | null;
  notBefore: string | null;
  /** NET-8 counts days until this date. */
  notAfter: string | null;
  /** ARNs of the resources using the certificate; NET-8 judges only certificates in use. */
  inUseBy: string[];
  inUse: boolean;
  renewalEligibility: string | null;
  renewalStatus: string | null;
}

export interface AcmEvidence {
  region: string;
  certificates: CertificateEvidence[];
}
