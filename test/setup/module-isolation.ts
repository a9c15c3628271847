// Test files that replace modules (vi.mock, vi.doMock) or re-import them (vi.resetModules). Every other file
// shares its worker's module graph with the files before it (`--no-isolate`, a third of the tests' CPU time:
// ADR 008), where a replaced module would be served to, or leak from, the wrong file. Each file listed here
// runs in its own module graph instead (vitest.config.ts). test/module-isolation.test.ts fails when a file
// that needs it is missing from these lists.
export const UNIT_FILES_NEEDING_ISOLATION = ["lib/http/with-actor.test.ts", "lib/auth/options.test.ts"];

// The session and Next's cache are replaced for every integration file alike (test/setup/signed-in-as.ts);
// only files that replace something else are listed.
export const INTEGRATION_FILES_NEEDING_ISOLATION = [
  "lib/actions/customer-management.integration.test.ts",
  "lib/alerts/alert-pages.integration.test.ts",
];
