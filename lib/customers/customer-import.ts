import { parse } from "csv-parse/sync";
import { z } from "zod";
import { aliasSchema, createCustomerSchema, environmentSchema, regionsSchema } from "@/lib/actions/customer-schemas";
import { accountNumberSchema, roleArnSchema } from "@/lib/aws/sts";
import { ENVIRONMENTS, type EnvironmentName } from "@/lib/customers/environments";
import { slugify } from "@/lib/customers/identifiers";

// `npm run customers:import` reads a CSV of customer accounts. This module is the pure part: the header,
// each line checked with the same schemas as the Settings forms, and duplicates within the file. The
// database part (existing customers and accounts, the one transaction) is lib/actions/customer-import.ts.

/** Required columns, in this order; `alias` may follow as a sixth. */
export const IMPORT_COLUMNS = ["customer", "account_id", "role_name", "regions", "environment"] as const;
export const OPTIONAL_IMPORT_COLUMNS = ["alias"] as const;
export const IMPORT_HEADER = IMPORT_COLUMNS.join(",");

export interface ImportRow {
  line: number;
  customerName: string;
  customerSlug: string;
  accountNumber: string;
  roleArn: string;
  regions: string[];
  environment: EnvironmentName;
  alias: string;
}

export interface ImportProblem {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  message: string;
}

// IAM CreateRole: a role name is 1-64 of [\w+=,.@-]; a path may precede it (/path/ segments).
const roleNameSchema = z
  .string()
  .regex(
    /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
    "expected an IAM role name such as RampartAudit (letters, digits and + = , . @ _ -, at most 64)",
  );

function environmentOf(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}

/** Parses and checks the file; every problem comes back with its line, and rows only when there are none. */
export function parseCustomerImport(text: string): { rows: ImportRow[]; problems: ImportProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      comment: "#",
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, message: `not valid CSV: ${(error as Error).message}` }] };
  }
  const [header, ...lines] = records;
  if (!header)
    return { rows: [], problems: [{ line: 1, message: `empty file: expected the header ${IMPORT_HEADER}` }] };

  const names = header.record.map((name) => name.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((column) => !names.includes(column));
  const unknown = names.filter(
    (name) =>
      !(IMPORT_COLUMNS as readonly string[]).includes(name) &&
      !(OPTIONAL_IMPORT_COLUMNS as readonly string[]).includes(name),
  );
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length ? `missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")}` : "",
      unknown.length ? `unknown column${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}` : "",
    ].filter(Boolean);
    return {
      rows: [],
      problems: [
        {
          line: header.info.lines,
          message: `header: ${parts.join("; ")}. Expected ${IMPORT_HEADER} (optionally ,alias)`,
        },
      ],
    };
  }
  const index = (column: string) => names.indexOf(column);

  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of lines) {
    const line = info.lines;
    const lineProblems: string[] = [];
    if (record.length !== names.length) {
      lineProblems.push(
        `${record.length} column${record.length === 1 ? "" : "s"}, expected ${names.length} (${names.join(", ")})`,
      );
      problems.push({ line, message: lineProblems.join("; ") });
      continue;
    }
    const value = (column: string) => (index(column) >= 0 ? (record[index(column)] ?? "").trim() : "");
    const empty = IMPORT_COLUMNS.filter((column) => value(column) === "");
    if (empty.length > 0) lineProblems.push(`missing ${empty.join(", ")}`);

    const customerName = value("customer");
    if (customerName) {
      const name = createCustomerSchema.shape.name.safeParse(customerName);
      if (!name.success) lineProblems.push(`customer: ${name.error.issues[0]?.message}`);
      else if (!slugify(customerName)) lineProblems.push("customer: the name needs letters or digits");
    }
    const accountNumber = value("account_id");
    if (accountNumber) {
      const parsed = accountNumberSchema.safeParse(accountNumber);
      if (!parsed.success) lineProblems.push(`account_id "${accountNumber}": ${parsed.error.issues[0]?.message}`);
    }
    const roleName = value("role_name");
    let roleArn = "";
    if (roleName) {
      const parsed = roleNameSchema.safeParse(roleName);
      if (!parsed.success) lineProblems.push(`role_name "${roleName}": ${parsed.error.issues[0]?.message}`);
      else {
        roleArn = `arn:aws:iam::${accountNumber}:role/${roleName}`;
        if (accountNumberSchema.safeParse(accountNumber).success && !roleArnSchema.safeParse(roleArn).success)
          lineProblems.push(`role_name "${roleName}": does not make a valid role ARN`);
      }
    }
    let regions: string[] = [];
    if (value("regions")) {
      const parsed = regionsSchema.safeParse(value("regions"));
      if (!parsed.success) lineProblems.push(`regions: ${parsed.error.issues[0]?.message}`);
      else regions = parsed.data;
    }
    let environment: EnvironmentName | undefined;
    if (value("environment")) {
      const parsed = environmentSchema.safeParse(environmentOf(value("environment")));
      if (!parsed.success)
        lineProblems.push(
          `environment "${value("environment")}": expected one of ${ENVIRONMENTS.map((name) => name.toLowerCase().replaceAll("_", " ")).join(", ")}`,
        );
      else environment = parsed.data;
    }
    const alias = value("alias") || accountNumber;
    if (alias) {
      const parsed = aliasSchema.safeParse(alias);
      if (!parsed.success) lineProblems.push(`alias "${alias}": ${parsed.error.issues[0]?.message}`);
    }
    if (accountNumber) {
      const first = firstLineOf.get(accountNumber);
      if (first !== undefined)
        lineProblems.push(
          `account_id ${accountNumber} is already on line ${first} (an account belongs to one customer, once)`,
        );
      else firstLineOf.set(accountNumber, line);
    }
    if (lineProblems.length > 0 || !environment) {
      problems.push({ line, message: lineProblems.join("; ") || "incomplete line" });
      continue;
    }
    rows.push({
      line,
      customerName,
      customerSlug: slugify(customerName),
      accountNumber,
      roleArn,
      regions,
      environment,
      alias,
    });
  }
  if (lines.length === 0 && problems.length === 0)
    problems.push({ line: header.info.lines, message: "no accounts after the header" });
  return problems.length > 0 ? { rows: [], problems } : { rows, problems };
}
