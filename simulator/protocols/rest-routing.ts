import { getShape, type ServiceModel } from "../models";
import type { HttpRequestData } from "./types";

// restJson1 / restXml requests are identified by method + path template from the model
// (e.g. "/backup/plans/{backupPlanId}/selections/", "/{Bucket}?versioning").

interface CompiledRoute {
  operation: string;
  method: string;
  segments: string[];
  queryLiterals: string[];
}

const routeCache = new WeakMap<ServiceModel, CompiledRoute[]>();

function pathSegments(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function compileRoutes(model: ServiceModel): CompiledRoute[] {
  const cached = routeCache.get(model);
  if (cached) return cached;
  const routes = Object.entries(model.operations).map(([operation, definition]) => {
    const [path, queryPart = ""] = definition.http.requestUri.split("?");
    return {
      operation,
      method: definition.http.method,
      segments: pathSegments(path),
      queryLiterals: queryPart.split("&").filter((literal) => literal !== ""),
    };
  });
  // Most specific first: a route demanding ?versioning beats the bare /{Bucket}.
  routes.sort((a, b) => b.queryLiterals.length - a.queryLiterals.length);
  routeCache.set(model, routes);
  return routes;
}

function matchSegments(templateSegments: string[], requestSegments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let index = 0; index < templateSegments.length; index++) {
    const template = templateSegments[index];
    const greedy = /^\{(.+)\+\}$/.exec(template);
    if (greedy) {
      params[greedy[1]] = requestSegments.slice(index).map(decodeURIComponent).join("/");
      return params;
    }
    const actual = requestSegments[index];
    if (actual === undefined) return undefined;
    const label = /^\{(.+)\}$/.exec(template);
    if (label) params[label[1]] = decodeURIComponent(actual);
    else if (template !== actual) return undefined;
  }
  return templateSegments.length === requestSegments.length ? params : undefined;
}

export function matchRestOperation(
  model: ServiceModel,
  request: HttpRequestData,
): { operation: string; pathParams: Record<string, string> } | undefined {
  const requestSegments = pathSegments(request.rawPath);
  const queryKeys = new Map(request.query);
  for (const route of compileRoutes(model)) {
    if (route.method !== request.method) continue;
    const literalsPresent = route.queryLiterals.every((literal) => {
      const [key, value] = literal.split("=");
      return queryKeys.has(key) && (value === undefined || queryKeys.get(key) === value);
    });
    if (!literalsPresent) continue;
    const pathParams = matchSegments(route.segments, requestSegments);
    if (pathParams) return { operation: route.operation, pathParams };
  }
  return undefined;
}

function convertScalar(type: string, raw: string): unknown {
  if (type === "integer" || type === "long") return Number.parseInt(raw, 10);
  if (type === "boolean") return raw === "true";
  if (type === "timestamp") return /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  return raw;
}

/** Input members from the path, query string and headers; body members are merged by the caller. */
export function restBoundInput(
  model: ServiceModel,
  shapeName: string | undefined,
  request: HttpRequestData,
  pathParams: Record<string, string>,
): Record<string, unknown> {
  if (!shapeName) return {};
  const out: Record<string, unknown> = {};
  for (const [name, reference] of Object.entries(getShape(model, shapeName).members ?? {})) {
    const wireName = reference.locationName ?? name;
    const memberShape = getShape(model, reference.shape);
    if (reference.location === "uri" && pathParams[wireName] !== undefined) {
      out[name] = pathParams[wireName];
    } else if (reference.location === "querystring") {
      const values = request.query.filter(([key]) => key === wireName).map(([, value]) => value);
      if (values.length === 0) continue;
      out[name] =
        memberShape.type === "list"
          ? values.flatMap((value) => value.split(","))
          : convertScalar(memberShape.type, values[0]);
    } else if (reference.location === "header") {
      const value = request.headers[wireName.toLowerCase()];
      if (value !== undefined) out[name] = convertScalar(memberShape.type, value);
    }
  }
  return out;
}
