import { EvidencePackPanel } from "@/components/evidence-packs/evidence-pack-panel";
import { Card, CardHeader } from "@/components/ui/card";
import { type Actor, can } from "@/lib/authz/policy";
import { listEvidencePacks } from "@/lib/queries/evidence-packs";

/** The scorecard's evidence-pack card: generate a signed pack, download past ones (issue 14). */
export async function EvidencePackSection({ actor, customerId }: { actor: Actor; customerId: string }) {
  if (!can(actor, "evidencePack:generate")) return null;
  const initial = await listEvidencePacks(actor, customerId);
  return (
    <Card className="mt-6">
      <CardHeader
        title="Evidence packs"
        description="A signed zip for an auditor: a PDF report with one chapter per SOP section, the same content as JSON and CSV, and a manifest with the SHA-256 of every file. Check one with npm run evidence:verify."
      />
      <EvidencePackPanel customerId={customerId} initial={initial} />
    </Card>
  );
}
