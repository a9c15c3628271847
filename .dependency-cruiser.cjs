// The layers of ../shared/STYLE.md, held by the linter (`npm run lint:layers`, part of `npm test`'s lint stage).
// Data flows one way: AWS → lib/aws collectors → evidence in Postgres → lib/controls evaluators → results →
// lib/queries read models → pages. Type-only imports never load a module at run time, so the rules about what
// a layer may *load* (Prisma, the AWS SDK) ignore them; the rules about cycles do not.
// No violation is tolerated: there is no known-violations list (the last ones, components reading constants
// from read models, moved to lib/portfolio, lib/trends and lib/findings).

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "Import cycles make load order matter and hide who owns what. Break them with a lower module.",
      from: { path: "^(app|components|lib|scripts|simulator|prisma|e2e|test)/" },
      to: { circular: true, dependencyTypesNot: ["type-only", "type-import"] },
    },
    {
      name: "pages-never-load-the-database",
      severity: "error",
      comment: "app/ and components/ read through lib/queries and write through lib/actions; never Prisma or lib/db.",
      from: { path: "^(app|components)/" },
      to: {
        path: "^(lib/db/|node_modules/(@prisma|\\.prisma|pg|pg-boss)/)",
        dependencyTypesNot: ["type-only", "type-import"],
      },
    },
    {
      name: "components-get-data-as-props",
      severity: "error",
      comment: "Shared components render what a page hands them; reading data is the page's job.",
      from: { path: "^components/" },
      to: { path: "^lib/(queries|collectors|evaluation|jobs|db)/", dependencyTypesNot: ["type-only", "type-import"] },
    },
    {
      name: "routes-never-call-aws",
      severity: "error",
      comment: "Pages and route handlers never call AWS; collectors do, in the worker.",
      from: { path: "^(app|components)/" },
      to: {
        path: "^(node_modules/@aws-sdk/|lib/aws/(?!read-only-operations))",
        dependencyTypesNot: ["type-only", "type-import"],
      },
    },
    {
      name: "evaluators-never-load-the-aws-sdk",
      severity: "error",
      comment:
        "Rules are pure functions of stored evidence: no SDK client, no network, no database. Their tests may feed them through the collectors' own parsers.",
      from: { path: "^lib/(controls|scoring)/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^(node_modules/@aws-sdk/|lib/aws/|lib/db/|lib/collectors/|lib/jobs/)",
        dependencyTypesNot: ["type-only", "type-import"],
      },
    },
    {
      name: "evaluators-read-the-evidence-contract",
      severity: "error",
      comment:
        "Rules take evidence types, collector keys and the scope label from lib/evidence/contract.ts, not from the SDK-backed collectors, not even as types (issue 17 item 4).",
      from: { path: "^lib/controls/", pathNot: "\\.(test|integration\\.test)\\.tsx?$" },
      to: { path: "^(node_modules/@aws-sdk/|node_modules/@smithy/|lib/aws/|lib/collectors/)" },
    },
    {
      name: "the-evidence-contract-has-no-sdk",
      severity: "error",
      comment: "lib/evidence is the SDK-free side of collection: shapes and pure readers of stored evidence.",
      from: { path: "^lib/evidence/" },
      to: { path: "^(node_modules/@aws-sdk/|node_modules/@smithy/|lib/aws/|lib/collectors/|lib/db/|lib/jobs/)" },
    },
    {
      name: "read-models-never-reach-aws",
      severity: "error",
      comment: "Read models read PostgreSQL only.",
      from: { path: "^lib/queries/" },
      to: {
        path: "^(node_modules/@aws-sdk/|lib/aws/|lib/collectors/)",
        dependencyTypesNot: ["type-only", "type-import"],
      },
    },
    {
      name: "simulator-knows-rampart-only-through-the-operation-list",
      severity: "error",
      comment:
        "The simulator stands in for AWS: it may share Rampart's list of read-only operations, their IAM action names and AWS's region list, nothing else.",
      from: { path: "^simulator/" },
      to: {
        path: "^(lib|app|components|prisma)/",
        pathNot: "^lib/(aws/read-only-operations|onboarding/iam-actions|evidence/known-regions)\\.ts$",
      },
    },
    {
      name: "lib-never-imports-the-ui",
      severity: "error",
      comment: "Domain code is usable without Next: it never imports routes or components (tests may render them).",
      from: { path: "^lib/", pathNot: "\\.(test|integration\\.test)\\.tsx?$" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "production-never-imports-tests",
      severity: "error",
      comment: "Test helpers stay out of what ships.",
      from: { path: "^(app|components|lib)/", pathNot: "\\.(test|integration\\.test)\\.tsx?$|/testing/" },
      to: { path: "(\\.test\\.tsx?$|^test/|^e2e/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|lib/db/generated)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
