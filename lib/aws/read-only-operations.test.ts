import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { isReadOnlyOperation, READ_ONLY_OPERATIONS } from "./read-only-operations";

const AWS_DIR = path.dirname(new URL(import.meta.url).pathname);
const CLIENT_PACKAGE = /^@aws-sdk\/client-(.+)$/;

interface ImportedOperation {
  file: string;
  clientPackage: string;
  operation: string;
  importedName: string;
}

interface ScanResult {
  operations: ImportedOperation[];
  /** Imports that cannot be checked statically (namespace, dynamic import, require, re-export of all). */
  uncheckable: string[];
}

/** Every SDK command (`XCommand`) and paginator (`paginateX`) a source file imports from `@aws-sdk/client-*`. */
function scanSource(file: string, source: string): ScanResult {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const operations: ImportedOperation[] = [];
  const uncheckable: string[] = [];

  const recordName = (clientPackage: string, importedName: string) => {
    const command = /^(\w+)Command$/.exec(importedName);
    const paginator = /^paginate(\w+)$/.exec(importedName);
    const operation = command?.[1] ?? paginator?.[1];
    if (operation) operations.push({ file, clientPackage, operation, importedName });
  };

  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clientPackage = CLIENT_PACKAGE.exec(node.moduleSpecifier.text)?.[1];
      if (clientPackage) {
        if (ts.isImportDeclaration(node)) {
          const bindings = node.importClause?.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) uncheckable.push(`${file}: import * from ${clientPackage}`);
          if (bindings && ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) {
              recordName(clientPackage, (element.propertyName ?? element.name).text);
            }
          }
        } else if (node.exportClause && ts.isNamedExports(node.exportClause)) {
          for (const element of node.exportClause.elements) {
            recordName(clientPackage, (element.propertyName ?? element.name).text);
          }
        } else {
          uncheckable.push(`${file}: export * from ${clientPackage}`);
        }
      }
    }
    if (ts.isCallExpression(node)) {
      const [argument] = node.arguments;
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isDynamicImport || isRequire) && argument && ts.isStringLiteralLike(argument)) {
        if (CLIENT_PACKAGE.test(argument.text)) uncheckable.push(`${file}: dynamic load of ${argument.text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { operations, uncheckable };
}

/** Operations imported in the source that READ_ONLY_OPERATIONS does not allow for their package. */
function findViolations(scan: ScanResult): string[] {
  return [
    ...scan.uncheckable,
    ...scan.operations
      .filter(({ clientPackage, operation }) => !isReadOnlyOperation(clientPackage, operation))
      .map(({ file, clientPackage, importedName }) => `${file}: ${importedName} from @aws-sdk/client-${clientPackage}`),
  ];
}

function awsSourceFiles(): string[] {
  return readdirSync(AWS_DIR, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(AWS_DIR, name));
}

describe("read-only allowlist", () => {
  it("every SDK command and paginator imported in lib/aws is on READ_ONLY_OPERATIONS for its package", () => {
    const scans = awsSourceFiles().map((file) => scanSource(path.relative(AWS_DIR, file), readFileSync(file, "utf8")));
    const imported = scans.flatMap((scan) => scan.operations);
    // The scan must actually see the collectors' imports, or it would pass vacuously.
    expect(imported.length).toBeGreaterThan(40);
    expect(imported.map((entry) => `${entry.clientPackage}:${entry.operation}`)).toEqual(
      expect.arrayContaining(["iam:GetCredentialReport", "s3-control:GetPublicAccessBlock", "sts:AssumeRole"]),
    );
    expect(scans.flatMap(findViolations)).toEqual([]);
  });

  it("rejects a synthetic source that imports a mutating command", () => {
    const source = `
      import { DeleteUserCommand, ListUsersCommand as Users, paginateListPolicies } from "@aws-sdk/client-iam";
      import { PutBucketPolicyCommand } from "@aws-sdk/client-s3";
      import { GetKeyRotationStatusCommand } from "@aws-sdk/client-kms";
    `;
    expect(findViolations(scanSource("synthetic.ts", source))).toEqual([
      "synthetic.ts: DeleteUserCommand from @aws-sdk/client-iam",
      "synthetic.ts: ListUsersCommand from @aws-sdk/client-iam",
      "synthetic.ts: paginateListPolicies from @aws-sdk/client-iam",
      "synthetic.ts: PutBucketPolicyCommand from @aws-sdk/client-s3",
    ]);
  });

  it("attributes an operation to the package it is imported from", () => {
    // GetPublicAccessBlock is allowed for s3 and s3-control, not for ec2.
    const source = `import { GetPublicAccessBlockCommand } from "@aws-sdk/client-ec2";`;
    expect(findViolations(scanSource("wrong-package.ts", source))).toEqual([
      "wrong-package.ts: GetPublicAccessBlockCommand from @aws-sdk/client-ec2",
    ]);
  });

  it("flags imports it cannot check statically", () => {
    const source = `
      import * as iam from "@aws-sdk/client-iam";
      export * from "@aws-sdk/client-s3";
      const ec2 = await import("@aws-sdk/client-ec2");
      const kms = require("@aws-sdk/client-kms");
    `;
    expect(findViolations(scanSource("sneaky.ts", source))).toHaveLength(4);
  });

  it("the allowlist itself holds only Get/List/Describe/BatchGet, GenerateCredentialReport and STS AssumeRole/GetCallerIdentity", () => {
    const readOnlyPrefix = /^(Get|List|Describe|BatchGet)[A-Z]/;
    const exceptions: Record<string, string[]> = {
      iam: ["GenerateCredentialReport"],
      sts: ["AssumeRole"],
    };
    const offenders = Object.entries(READ_ONLY_OPERATIONS).flatMap(([clientPackage, operations]) =>
      (operations as readonly string[])
        .filter((operation) => !readOnlyPrefix.test(operation) && !exceptions[clientPackage]?.includes(operation))
        .map((operation) => `${clientPackage}:${operation}`),
    );
    expect(offenders).toEqual([]);
    // Exceptions are tied to their package: AssumeRole on iam would be an offender.
    expect(isReadOnlyOperation("iam", "AssumeRole")).toBe(false);
    expect(READ_ONLY_OPERATIONS.sts).toEqual(["AssumeRole", "GetCallerIdentity"]);
  });
});
