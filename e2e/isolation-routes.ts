import { readdirSync, statSync } from "node:fs";
import path from "node:path";

// Walks app/ the way Next's App Router does, so the isolation suite knows every page and route handler
// that exists — and fails when one has no attacker case.

export interface AppRoute {
  kind: "page" | "route";
  /** Path relative to the repository, e.g. "app/(app)/customers/[customerId]/page.tsx". */
  file: string;
  /** URL pattern without route groups, e.g. "/customers/[customerId]". */
  pattern: string;
  /** Dynamic segment names in order, e.g. ["customerId"]. */
  params: string[];
}

const ROUTE_FILES: Record<string, AppRoute["kind"]> = {
  "page.tsx": "page",
  "page.ts": "page",
  "page.jsx": "page",
  "page.js": "page",
  "route.ts": "route",
  "route.js": "route",
};

/** A folder's contribution to the URL: route groups "(x)" add nothing; "_private" and "@slot" folders are not routes. */
export function segmentOf(folder: string): { url: string | null; param?: string } | "skip" {
  if (folder.startsWith("_") || folder.startsWith("@")) return "skip";
  if (folder.startsWith("(") && folder.endsWith(")")) return { url: null };
  const dynamic = /^\[(?:\[)?(?:\.\.\.)?([^\]]+)\]?\]$/.exec(folder);
  if (dynamic) return { url: folder, param: dynamic[1] };
  return { url: folder };
}

export function enumerateAppRoutes(root = process.cwd(), appDir = "app"): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (relativeDir: string, urlSegments: string[], params: string[]) => {
    const absolute = path.join(root, relativeDir);
    for (const entry of readdirSync(absolute).sort()) {
      const entryPath = path.join(absolute, entry);
      if (statSync(entryPath).isDirectory()) {
        const segment = segmentOf(entry);
        if (segment === "skip") continue;
        walk(
          path.join(relativeDir, entry),
          segment.url ? [...urlSegments, segment.url] : urlSegments,
          segment.param ? [...params, segment.param] : params,
        );
      } else if (ROUTE_FILES[entry]) {
        routes.push({
          kind: ROUTE_FILES[entry],
          file: path.join(relativeDir, entry).split(path.sep).join("/"),
          pattern: `/${urlSegments.join("/")}`,
          params,
        });
      }
    }
  };
  walk(appDir, [], []);
  return routes;
}

/** Fills a pattern's dynamic segments; every parameter must be given. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\[)?(?:\.\.\.)?([^\]]+)\]?\]/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
    return encodeURIComponent(value);
  });
}
