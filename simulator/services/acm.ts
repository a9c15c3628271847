import { AwsError } from "../core/errors";
import { pageSize } from "../core/pagination";
import type { OperationContext, ServiceDefinition } from "../core/service";
import type { SimDate } from "../estate/dates";

// ACM (awsJson1_1, regional). ListCertificates shows only RSA_1024/RSA_2048 keys unless
// Includes.keyTypes says otherwise (ACM API reference).

const DEFAULT_KEY_TYPES = ["RSA_1024", "RSA_2048"];

function certificatesInRegion(context: OperationContext) {
  return context.index.certificates.filter((certificate) => certificate.region === context.region);
}

/** When a certificate without dates was requested, if the estate does not say. */
const A_DAY_AGO: SimDate = { kind: "relative", offsetMs: -86_400_000 };

/** A pending (or failed) certificate has no validity dates: AWS omits NotBefore, NotAfter and IssuedAt. */
function optionalDate(context: OperationContext, value: SimDate | undefined): Date | undefined {
  return value === undefined ? undefined : context.date(value);
}

export const acmService: ServiceDefinition = {
  key: "acm",
  protocol: "json",
  signingName: "acm",
  actionPrefix: "acm",
  errorCodes: { invalidPaginationToken: { code: "InvalidArgsException", status: 400 } },
  operations: {
    ListCertificates(input, context) {
      const statuses: string[] | undefined = input.CertificateStatuses;
      const keyTypes: string[] = input.Includes?.keyTypes ?? DEFAULT_KEY_TYPES;
      const certificates = certificatesInRegion(context).filter(
        (certificate) =>
          (!statuses?.length || statuses.includes(certificate.item.status)) &&
          keyTypes.includes(certificate.item.keyAlgorithm),
      );
      const page = context.paginate(
        certificates,
        input.NextToken,
        pageSize(input.MaxItems, { defaultSize: 1000, maximum: 1000, parameter: "maxItems" }),
        [statuses, keyTypes],
      );
      return {
        CertificateSummaryList: page.items.map(({ item, arn }) => ({
          CertificateArn: arn,
          DomainName: item.domainName,
          SubjectAlternativeNameSummaries: [item.domainName, ...item.subjectAlternativeNames],
          HasAdditionalSubjectAlternativeNames: false,
          Status: item.status,
          Type: item.type,
          KeyAlgorithm: item.keyAlgorithm.replace("_", "-"),
          KeyUsages: ["DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"],
          ExtendedKeyUsages: ["TLS_WEB_SERVER_AUTHENTICATION", "TLS_WEB_CLIENT_AUTHENTICATION"],
          InUse: item.inUseBy.length > 0,
          Exported: false,
          RenewalEligibility: item.renewalEligibility,
          NotBefore: optionalDate(context, item.notBefore),
          NotAfter: optionalDate(context, item.notAfter),
          CreatedAt: context.date(item.createdAt ?? item.notBefore ?? A_DAY_AGO),
          IssuedAt: item.type === "AMAZON_ISSUED" ? optionalDate(context, item.notBefore) : undefined,
          ImportedAt:
            item.type === "IMPORTED" ? context.date(item.createdAt ?? item.notBefore ?? A_DAY_AGO) : undefined,
        })),
        NextToken: page.nextToken,
      };
    },
    DescribeCertificate(input, context) {
      const certificate = certificatesInRegion(context).find((candidate) => candidate.arn === input.CertificateArn);
      if (!certificate)
        throw new AwsError(
          "ResourceNotFoundException",
          `Could not find certificate ${String(input.CertificateArn)}.`,
          400,
        );
      const { item, arn } = certificate;
      return {
        Certificate: {
          CertificateArn: arn,
          DomainName: item.domainName,
          SubjectAlternativeNames: [item.domainName, ...item.subjectAlternativeNames],
          Serial: arn
            .slice(-20)
            .replace(/-/g, "")
            .replace(/(..)(?!$)/g, "$1:"),
          Subject: `CN=${item.domainName}`,
          Issuer: item.type === "AMAZON_ISSUED" ? "Amazon" : "Imported CA",
          CreatedAt: context.date(item.createdAt ?? item.notBefore ?? A_DAY_AGO),
          IssuedAt: item.type === "AMAZON_ISSUED" ? optionalDate(context, item.notBefore) : undefined,
          ImportedAt:
            item.type === "IMPORTED" ? context.date(item.createdAt ?? item.notBefore ?? A_DAY_AGO) : undefined,
          Status: item.status,
          NotBefore: optionalDate(context, item.notBefore),
          NotAfter: optionalDate(context, item.notAfter),
          KeyAlgorithm: item.keyAlgorithm.replace("_", "-"),
          SignatureAlgorithm: "SHA256WITHRSA",
          InUseBy: item.inUseBy,
          Type: item.type,
          RenewalEligibility: item.renewalEligibility,
          KeyUsages: [{ Name: "DIGITAL_SIGNATURE" }, { Name: "KEY_ENCIPHERMENT" }],
          ExtendedKeyUsages: [
            { Name: "TLS_WEB_SERVER_AUTHENTICATION", OID: "1.3.6.1.5.5.7.3.1" },
            { Name: "TLS_WEB_CLIENT_AUTHENTICATION", OID: "1.3.6.1.5.5.7.3.2" },
          ],
          Options: { CertificateTransparencyLoggingPreference: "ENABLED" },
        },
      };
    },
  },
};
