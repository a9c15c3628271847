import { z } from "zod";
import { requestContextFrom } from "@/lib/audit/request-context";
import { withActor } from "@/lib/http/with-actor";
import { downloadAuditRoleTemplate } from "@/lib/onboarding/download";
import { TEMPLATE_FORMATS } from "@/lib/onboarding/templates";

export const dynamic = "force-dynamic";

// A customer's audit-role template (CloudFormation, StackSet, or the Terraform module as a zip), for
// those allowed to see its ExternalId; another customer's id is 404. Audit-logged.
export const GET = withActor(
  async ({ actor, params, request }) => {
    const download = await downloadAuditRoleTemplate(
      actor,
      params.customerId,
      params.format,
      requestContextFrom(request.headers),
    );
    return new Response(download.body as BodyInit, {
      headers: {
        "Content-Type": download.contentType,
        "Content-Disposition": `attachment; filename="${download.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  {
    permission: "externalId:read",
    params: z.object({ customerId: z.string().trim().min(1).max(64), format: z.enum(TEMPLATE_FORMATS) }),
  },
);
