import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type AppRoute, enumerateAppRoutes } from "../../e2e/isolation-routes";

// What the fuzzer attacks, discovered rather than listed: every page and route handler under app/
// (the same walk the isolation suite uses), every server action in the build's server-reference
// manifest (with a page that hosts it), and the query keys each page reads (zod object keys in the
// page and in the lib/ modules it imports).

export interface PageTarget extends AppRoute {
  /** Query keys worth trying on this route, discovered from its source. */
  queryKeys: string[];
}

export interface ActionTarget {
  id: string;
  name: string;
  /** The page's file pattern, e.g. "/customers/[customerId]". */
  pagePattern: string;
}

export interface FuzzTargets {
  routes: PageTarget[];
  actions: ActionTarget[];
}

const MANIFEST = path.join(".next", "server", "server-reference-manifest.json");

export function discoverTargets(root = process.cwd()): FuzzTargets {
  const routes = enumerateAppRoutes(root).map((route) => ({ ...route, queryKeys: queryKeysOf(root, route.file) }));
  return { routes, actions: discoverActions(root) };
}

export function discoverActions(root = process.cwd()): ActionTarget[] {
  const file = path.join(root, MANIFEST);
  if (!existsSync(file)) throw new Error(`No ${MANIFEST}: run \`NODE_ENV=production npx next build\` first.`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? id,
    pagePattern: patternOfWorker(Object.keys(entry.workers)[0] ?? ""),
  }));
}

/** "app/(app)/customers/[customerId]/page" → "/customers/[customerId]". */
export function patternOfWorker(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && segment !== "page" && !(segment.startsWith("(") && segment.endsWith(")")));
  return `/${segments.join("/")}`;
}

const KEY_PATTERN = /\b([a-zA-Z][a-zA-Z0-9]{1,30})\s*:\s*z\b/g;
const SEARCH_PARAM_PATTERN = /searchParams(?:\??\.get\(\s*"([^"]+)"|\??\.([a-zA-Z][a-zA-Z0-9]*))/g;
const IMPORT_PATTERN = /from\s+"@\/(lib\/[^"]+)"/g;

function queryKeysOf(root: string, file: string): string[] {
  const keys = new Set<string>();
  const read = (relative: string) => {
    for (const candidate of [relative, `${relative}.ts`, `${relative}.tsx`, path.join(relative, "index.ts")]) {
      const absolute = path.join(root, candidate);
      if (existsSync(absolute) && !absolute.endsWith(path.sep) && /\.tsx?$/.test(absolute)) {
        return readFileSync(absolute, "utf8");
      }
    }
    return "";
  };
  const source = read(file);
  const sources = [source, ...[...source.matchAll(IMPORT_PATTERN)].map((match) => read(match[1]))];
  for (const text of sources) {
    for (const match of text.matchAll(KEY_PATTERN)) keys.add(match[1]);
    for (const match of text.matchAll(SEARCH_PARAM_PATTERN)) keys.add(match[1] ?? match[2]);
  }
  keys.delete("get");
  return [...keys].sort();
}
