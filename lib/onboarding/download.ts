import "server-only";
import { strToU8, zipSync } from "fflate";
import { recordAudit } from "../audit/record-audit";
import type { RequestContext } from "../audit/request-context";
import type { Actor } from "../authz/policy";
import { db } from "../db/client";
import { getAuditRoleTemplateInput } from "../queries/onboarding";
import { type TemplateFormat, templateFileName, templateFiles } from "./templates";

export interface TemplateDownload {
  fileName: string;
  contentType: string;
  body: Uint8Array | string;
}

// A template carries the customer's ExternalId, so every download is audit-logged (who, which
// customer, which format; never the ExternalId itself).

/** customerId: not yet authorized (getAuditRoleTemplateInput authorizes and scopes it). */
export async function downloadAuditRoleTemplate(
  actor: Actor,
  customerId: string,
  format: TemplateFormat,
  request: RequestContext = {},
): Promise<TemplateDownload> {
  const input = await getAuditRoleTemplateInput(actor, customerId);
  const files = templateFiles(input, format);
  await recordAudit(db(), {
    actor,
    action: "onboarding.template_downloaded",
    targetType: "Customer",
    targetId: customerId,
    customerId,
    metadata: { format },
    ip: request.ip,
    userAgent: request.userAgent,
  });
  if (format === "terraform") {
    // One zip with the module's folder, so it unpacks as a ready-to-use module.
    const archive = zipSync(Object.fromEntries(files.map((file) => [file.name, strToU8(file.content)])), {
      mtime: new Date("2026-01-01T00:00:00Z"),
    });
    return { fileName: `${templateFileName(input, format)}.zip`, contentType: "application/zip", body: archive };
  }
  return { fileName: files[0].name, contentType: "application/yaml; charset=utf-8", body: files[0].content };
}
