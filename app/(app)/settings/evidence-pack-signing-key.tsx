import { Card, CardHeader } from "@/components/ui/card";
import type { Actor } from "@/lib/authz/policy";
import { getEvidencePackSigningKey } from "@/lib/queries/evidence-packs";

/** The public half of the installation's evidence-pack signing key, for auditors to pin (issue 14). */
export async function EvidencePackSigningKey({ actor }: { actor: Actor }) {
  const key = await getEvidencePackSigningKey(actor);
  if (!key) return null;
  return (
    <Card className="mt-6" aria-labelledby="evidence-pack-signing-key">
      <CardHeader
        title="Evidence pack signing key"
        description="Every evidence pack's manifest is signed with this installation's Ed25519 key. Give auditors the fingerprint: npm run evidence:verify -- pack.zip --key <fingerprint> checks a pack against it."
      />
      <p id="evidence-pack-signing-key" className="text-sm">
        Fingerprint (SHA-256 of the public key):{" "}
        <code className="break-all font-mono text-xs" data-testid="signing-key-fingerprint">
          {key.fingerprint}
        </code>
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">Public key (PEM), created {key.createdAt.slice(0, 10)}</summary>
        <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">
          {key.publicKeyPem}
        </pre>
      </details>
    </Card>
  );
}
