import {
  ACMClient,
  type CertificateDetail,
  DescribeCertificateCommand,
  KeyAlgorithm,
  paginateListCertificates,
} from "@aws-sdk/client-acm";
import type { AcmEvidence, CertificateEvidence } from "../evidence/acm";
import { CallRecorder, type FailedCall } from "./call-recorder";
import { withSessionClient } from "./clients";
import { type AwsCallContext, callAws } from "./errors";
import { collectPages, mapConcurrently, toIsoString } from "./pagination";
import type { CollectorDefinition } from "./types";

const SERVICE = "acm";
const context = (operation: string, region: string): AwsCallContext => ({ service: SERVICE, operation, region });

// ListCertificates returns only RSA_1024/RSA_2048 certificates unless keyTypes names the others (api-map §1).
const ALL_KEY_TYPES = Object.values(KeyAlgorithm);

export async function listCertificates(client: ACMClient, region: string): Promise<string[]> {
  const summaries = await collectPages(
    context("ListCertificates", region),
    () => paginateListCertificates({ client, pageSize: 1000 }, { Includes: { keyTypes: ALL_KEY_TYPES } }),
    (page) => page.CertificateSummaryList,
  );
  return summaries.flatMap((summary) => (summary.CertificateArn ? [summary.CertificateArn] : []));
}

/**
 * ACM responses spell key algorithms with a hyphen (RSA-2048, EC-prime256v1) while the model enum and
 * the ListCertificates keyTypes filter use an underscore (RSA_2048, EC_prime256v1); evidence uses the enum.
 */
export function normalizeKeyAlgorithm(keyAlgorithm: string | undefined): string | null {
  return keyAlgorithm ? keyAlgorithm.replace(/^(RSA|EC)-/, "$1_") : null;
}

export function mapCertificate(certificate: CertificateDetail): CertificateEvidence {
  const inUseBy = certificate.InUseBy ?? [];
  return {
    certificateArn: certificate.CertificateArn ?? "",
    domainName: certificate.DomainName ?? null,
    subjectAlternativeNames: certificate.SubjectAlternativeNames ?? [],
    status: certificate.Status ?? null,
    type: certificate.Type ?? null,
    keyAlgorithm: normalizeKeyAlgorithm(certificate.KeyAlgorithm),
    notBefore: toIsoString(certificate.NotBefore),
    notAfter: toIsoString(certificate.NotAfter),
    inUseBy,
    inUse: inUseBy.length > 0,
    renewalEligibility: certificate.RenewalEligibility ?? null,
    renewalStatus: certificate.RenewalSummary?.RenewalStatus ?? null,
  };
}

export async function describeCertificate(
  client: ACMClient,
  region: string,
  certificateArn: string,
): Promise<CertificateEvidence | null> {
  const response = await callAws(context("DescribeCertificate", region), () =>
    client.send(new DescribeCertificateCommand({ CertificateArn: certificateArn })),
  );
  return response.Certificate ? mapCertificate(response.Certificate) : null;
}

/**
 * Per-call evidence (issue 12 item 1): a certificate whose DescribeCertificate failed is left out and the
 * call is named; the others are kept. NET-8 needs both calls (a certificate's dates are its evidence), so
 * it reads UNKNOWN in that region unless another region already fails it.
 */
export async function collectAcm(
  client: ACMClient,
  region: string,
): Promise<{ evidence: AcmEvidence; failedCalls: FailedCall[] }> {
  const calls = new CallRecorder();
  const arns = await calls.attempt(listCertificates(client, region), []);
  const described = await mapConcurrently(arns, (arn) => calls.attempt(describeCertificate(client, region, arn), null));
  calls.throwIfNothingAnswered();
  return {
    evidence: {
      region,
      certificates: described.filter((certificate): certificate is CertificateEvidence => certificate !== null),
    },
    failedCalls: calls.failedCalls,
  };
}

export const acmCollector: CollectorDefinition<AcmEvidence> = {
  key: "acm",
  service: SERVICE,
  scope: "regional",
  async collect(session, region) {
    const { evidence, failedCalls } = await withSessionClient(ACMClient, session, region, (client) =>
      collectAcm(client, region),
    );
    return { evidence, failedCalls, itemCount: evidence.certificates.length };
  },
};
