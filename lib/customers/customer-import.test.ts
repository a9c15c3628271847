import { describe, expect, it } from "vitest";
import { IMPORT_HEADER, parseCustomerImport } from "./customer-import";

const header = `${IMPORT_HEADER}\n`;

describe("parseCustomerImport", () => {
  it("reads good lines: role name into an ARN, regions split on spaces, semicolons or quoted commas, environment labels", () => {
    const { rows, problems } = parseCustomerImport(
      `${header}Acme Corp,111122223333,RampartAudit,us-east-1 eu-west-1,production\n` +
        `# a comment line\n\n` +
        `Acme Corp,111122224444,audit/RampartAudit,"eu-west-1, eu-central-1",Shared services\n` +
        `Bluebird,111122225555,RampartAudit,us-west-2;us-east-2,SANDBOX\n`,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        customerName: "Acme Corp",
        customerSlug: "acme-corp",
        accountNumber: "111122223333",
        roleArn: "arn:aws:iam::111122223333:role/RampartAudit",
        regions: ["us-east-1", "eu-west-1"],
        environment: "PRODUCTION",
        alias: "111122223333",
      },
      expect.objectContaining({
        line: 5,
        roleArn: "arn:aws:iam::111122224444:role/audit/RampartAudit",
        regions: ["eu-west-1", "eu-central-1"],
        environment: "SHARED_SERVICES",
      }),
      expect.objectContaining({ line: 6, customerSlug: "bluebird", regions: ["us-west-2", "us-east-2"] }),
    ]);
  });

  it("takes an optional alias column and columns in any order", () => {
    const { rows, problems } = parseCustomerImport(
      "environment,alias,customer,account_id,role_name,regions\nstaging,log-archive,Acme,111122223333,R,us-east-1\n",
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ alias: "log-archive", environment: "STAGING", customerName: "Acme" });
  });

  it("reports every bad line with its number and what was expected, and returns no rows", () => {
    const { rows, problems } = parseCustomerImport(
      `${header}` +
        "Acme,12345,RampartAudit,us-east-1,production\n" + // 2: bad id
        "Acme,111122223333,Rampart Audit!,us-east-1,production\n" + // 3: bad role name
        "Acme,111122224444,RampartAudit,mars-north-1,production\n" + // 4: unknown region
        "Acme,111122225555,RampartAudit,us-east-1,prod\n" + // 5: unknown environment
        "Acme,111122226666,RampartAudit,us-east-1\n" + // 6: missing column
        "Acme,111122227777,RampartAudit,us-east-1,production\n" + // 7: good
        "Bluebird,111122227777,RampartAudit,us-east-1,production\n" + // 8: duplicate account
        ",111122228888,,us-east-1,production\n", // 9: empty values
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 2, message: expect.stringContaining('account_id "12345": An AWS account ID is exactly 12 digits') },
      { line: 3, message: expect.stringContaining('role_name "Rampart Audit!": expected an IAM role name') },
      { line: 4, message: expect.stringContaining('regions: "mars-north-1" is not an AWS region') },
      { line: 5, message: expect.stringContaining('environment "prod": expected one of production, staging') },
      { line: 6, message: "4 columns, expected 5 (customer, account_id, role_name, regions, environment)" },
      { line: 8, message: "account_id 111122227777 is already on line 7 (an account belongs to one customer, once)" },
      { line: 9, message: "missing customer, role_name" },
    ]);
  });

  it("refuses a header without a required column or with an unknown one", () => {
    expect(
      parseCustomerImport("customer,account_id,role_name,regions\nAcme,111122223333,R,us-east-1\n").problems,
    ).toEqual([
      {
        line: 1,
        message:
          "header: missing column environment. Expected customer,account_id,role_name,regions,environment (optionally ,alias)",
      },
    ]);
    expect(parseCustomerImport(`${IMPORT_HEADER},owner\n`).problems[0]?.message).toContain("unknown column owner");
    expect(parseCustomerImport("").problems).toEqual([
      { line: 1, message: `empty file: expected the header ${IMPORT_HEADER}` },
    ]);
    expect(parseCustomerImport(header).problems).toEqual([{ line: 1, message: "no accounts after the header" }]);
  });

  it("reports broken CSV quoting with its line", () => {
    const { problems } = parseCustomerImport(`${header}Acme,111122223333,R,"us-east-1,production\n`);
    expect(problems[0]?.message).toMatch(/^not valid CSV/);
  });
});
