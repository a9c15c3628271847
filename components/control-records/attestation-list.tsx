import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { AttestationView } from "@/lib/queries/control-records";
import { AttachmentUploadForm } from "./attachment-upload-form";
import { Day } from "./day";

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Attestations with their status: an expired one fails its control as "attestation expired" unless renewed. */
export function AttestationList({
  customerId,
  attestations,
  showControl,
  caption,
  canAttach = false,
}: {
  customerId: string;
  attestations: AttestationView[];
  showControl: boolean;
  caption: string;
  /** attestation:write: each row offers to attach another evidence file. */
  canAttach?: boolean;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {showControl ? <Th>Control</Th> : null}
          <Th>Applies to</Th>
          <Th>Evidence</Th>
          <Th>Attested</Th>
          <Th>Valid until</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {attestations.map((attestation) => (
          <Tr key={attestation.id}>
            {showControl ? (
              <Td>
                <Link
                  href={`/customers/${customerId}/controls/${attestation.controlId}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {attestation.controlId}
                </Link>
                <span className="block text-xs text-slate-600">{attestation.controlTitle}</span>
              </Td>
            ) : null}
            <Td>
              {attestation.account ? (
                <>
                  {attestation.account.alias}{" "}
                  <span className="font-mono text-xs text-slate-500">{attestation.account.accountNumber}</span>
                </>
              ) : (
                "Every account"
              )}
            </Td>
            <Td className="max-w-md">
              <p className="whitespace-pre-line">{attestation.note}</p>
              {attestation.link ? (
                <a
                  href={attestation.link}
                  rel="noreferrer noopener"
                  target="_blank"
                  className="block break-all text-xs text-brand-700 hover:underline"
                >
                  {attestation.link}
                </a>
              ) : null}
              {attestation.documentRef ? (
                <span className="block text-xs text-slate-600">Document: {attestation.documentRef}</span>
              ) : null}
              {attestation.attachments.length > 0 ? (
                <ul aria-label={`Files of the ${attestation.controlId} attestation`} className="mt-1 space-y-0.5">
                  {attestation.attachments.map((file) => (
                    <li key={file.id} className="text-xs">
                      <a
                        href={`/api/customers/${customerId}/attachments/${file.id}`}
                        download={file.fileName}
                        className="break-all text-brand-700 hover:underline"
                      >
                        {file.fileName}
                      </a>{" "}
                      <span className="text-slate-500">
                        ({fileSize(file.sizeBytes)}, SHA-256{" "}
                        <span className="font-mono">{file.sha256.slice(0, 12)}…</span>)
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {canAttach ? (
                <AttachmentUploadForm
                  customerId={customerId}
                  attestationId={attestation.id}
                  label={`Attach a file to this ${attestation.controlId} attestation`}
                />
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">
              {attestation.attestedBy}
              <span className="block text-xs text-slate-500">
                <Day date={attestation.attestedAt} />
              </span>
            </Td>
            <Td className="whitespace-nowrap">
              <Day date={attestation.validUntil} />
            </Td>
            <Td>
              {attestation.status === "VALID" ? (
                <Badge tone="good">Valid</Badge>
              ) : attestation.renewed ? (
                <Badge tone="neutral" title="A newer attestation of this control is valid">
                  Expired · renewed
                </Badge>
              ) : (
                <Badge tone="critical" title="The control fails as 'attestation expired' until it is attested again">
                  Expired
                </Badge>
              )}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
