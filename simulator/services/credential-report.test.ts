import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { resolveSimDate } from "../estate/dates";
import { buildEstateIndex } from "../estate/indexed";
import { parseEstate } from "../estate/schema";
import { buildCredentialReport, CREDENTIAL_REPORT_COLUMNS } from "./credential-report";

const now = Date.parse("2026-06-01T00:00:00Z");
const estate = parseEstate(
  {
    accountId: "123456789012",
    createdAt: "2020-01-01",
    regions: ["us-east-1"],
    auditRole: { name: "RampartAudit", trustedPrincipals: ["arn:aws:iam::999999999999:root"] },
    root: {
      mfa: "none",
      accessKeys: [{ lastRotated: "2020-02-01", lastUsed: { date: "-1d", region: "us-east-1", service: "s3" } }],
    },
    iam: {
      passwordPolicy: { maxPasswordAge: 90 },
      users: [
        {
          name: "console",
          createdAt: "2024-01-01",
          password: { lastUsed: null, lastChanged: "2026-05-01" },
          mfa: "virtual",
        },
        {
          name: "robot,1",
          createdAt: "2024-01-01",
          accessKeys: [
            { lastRotated: "-120d", lastUsed: null },
            { active: false, lastRotated: "-10d" },
          ],
        },
      ],
    },
  },
  "report",
);

function rows() {
  const csv = buildCredentialReport(estate, buildEstateIndex(estate), (date) => resolveSimDate(date, now));
  const [header, ...lines] = csv.split("\n");
  return { header, lines };
}

describe("credential report", () => {
  it("has AWS's 22 columns in order", () => {
    expect(CREDENTIAL_REPORT_COLUMNS).toHaveLength(22);
    expect(rows().header).toBe(CREDENTIAL_REPORT_COLUMNS.join(","));
  });

  it("writes the root row with not_supported password fields and real key columns", () => {
    expect(rows().lines[0].split(",")).toEqual([
      "<root_account>",
      "arn:aws:iam::123456789012:root",
      "2020-01-01T00:00:00+00:00",
      "not_supported",
      "no_information",
      "not_supported",
      "not_supported",
      "false",
      "true",
      "2020-02-01T00:00:00+00:00",
      "2026-05-31T00:00:00+00:00",
      "us-east-1",
      "s3",
      "false",
      "N/A",
      "N/A",
      "N/A",
      "N/A",
      "false",
      "N/A",
      "false",
      "N/A",
    ]);
  });

  it("uses no_information for a password never used and computes the next rotation", () => {
    const cells = rows().lines[1].split(",");
    expect(cells.slice(3, 8)).toEqual([
      "true",
      "no_information",
      "2026-05-01T00:00:00+00:00",
      "2026-07-30T00:00:00+00:00",
      "true",
    ]);
  });

  it("quotes names with commas and reports N/A for a key never used", () => {
    const line = rows().lines[2];
    expect(line.startsWith('"robot,1","arn:aws:iam::123456789012:user/robot,1",')).toBe(true);
    const [cells] = parse(line) as string[][];
    expect(cells[0]).toBe("robot,1");
    expect(cells.slice(3, 7)).toEqual(["false", "N/A", "N/A", "N/A"]);
    expect(cells.slice(8, 13)).toEqual(["true", "2026-02-01T00:00:00+00:00", "N/A", "N/A", "N/A"]);
    expect(cells[13]).toBe("false");
  });
});
