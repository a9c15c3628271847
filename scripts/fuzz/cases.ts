import type { ActionTarget, FuzzTargets, PageTarget } from "./targets";

// Hostile requests, one generator per family of input that once reached a 5xx (issue 16). Every
// choice comes from a seeded PRNG, so a run is reproducible from its seed.

export interface FuzzRequest {
  family: string;
  /** Which target this request is aimed at, for the coverage count ("page /alerts", "action x"). */
  target: string;
  method: string;
  /** Raw request target: sent as is, so malformed %-encoding stays malformed. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export type Random = () => number;

/** mulberry32: tiny, fast and good enough to pick cases reproducibly. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Values that each once broke something: NUL, bad encoding, far dates, prototype keys, size, types. */
export const HOSTILE_VALUES = [
  "%00",
  "a%00b",
  "%E0%A4%A",
  "%",
  "%zz",
  "%C0%AF",
  "%FF%FE",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "0000-01-01",
  "0000-00-00",
  "10000-01-01",
  "-000001-01-01",
  "+275760-09-13",
  "-271821-04-20",
  "1970-01-01T00:00:00.000Z",
  "2026-02-30",
  "99999999999999999999",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "%27%20OR%201%3D1--",
  "..%2F..%2Fetc%2Fpasswd",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%F0%9F%92%A3",
  "%E2%80%AE",
  "%0D%0ASet-Cookie:%20x=1",
  "",
  "x".repeat(2048),
  "9".repeat(400),
];

const GENERIC_QUERY_KEYS = [
  "page",
  "sort",
  "dir",
  "order",
  "q",
  "search",
  "status",
  "severity",
  "from",
  "to",
  "since",
  "until",
  "date",
  "customerId",
  "accountId",
  "error",
  "callbackUrl",
  "token",
  "view",
  "area",
  "range",
  "days",
  "preset",
  "pageSize",
  "cursor",
  "__proto__",
  "constructor",
];

const NEXTAUTH_GETS = [
  "signin",
  "signout",
  "session",
  "csrf",
  "providers",
  "error",
  "signin/credentials",
  "callback/credentials",
  "callback/oidc",
  "verify-request",
  "_log",
  "nope",
];
const NEXTAUTH_POSTS = [
  "signin/credentials",
  "callback/credentials",
  "signout",
  "_log",
  "session",
  "signin/oidc",
  "callback/oidc",
];
const BAD_CALLBACK_URLS = [
  "not a url",
  "http://",
  "//evil.example",
  "javascript:alert(1)",
  "%00",
  "%E0%A4%A",
  "http://[::1",
  "constructor",
  "x".repeat(4000),
];

export interface CaseContext {
  targets: FuzzTargets;
  /** Real ids per dynamic segment name (customerId, accountId, …), so deep code paths run too. */
  paramValues: Record<string, string[]>;
  baseUrl: string;
}

function fill(route: Pick<PageTarget, "pattern">, random: Random, context: CaseContext, hostile: boolean): string {
  return route.pattern.replace(/\[(?:\[)?(?:\.\.\.)?([^\]]+)\]?\]/g, (_, name: string) => {
    const real = context.paramValues[name] ?? [];
    if (!hostile && real.length > 0) return encodeURIComponent(pick(random, real));
    return hostile || real.length === 0 ? pick(random, HOSTILE_VALUES) || "x" : pick(random, real);
  });
}

function query(random: Random, keys: string[], count: number): string {
  const pairs: string[] = [];
  const pool = [...keys, ...GENERIC_QUERY_KEYS];
  for (let i = 0; i < count; i++) pairs.push(`${pick(random, pool)}=${pick(random, HOSTILE_VALUES)}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

function nested(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

const INVALID_UTF8 = Buffer.from([0x5b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x00, 0x22, 0x5d]);

/** One request against a page or route handler. */
export function routeCase(route: PageTarget, random: Random, context: CaseContext): FuzzRequest {
  const target = `${route.kind} ${route.pattern}`;
  const hostilePath = route.params.length > 0 && random() < 0.5;
  const path = fill(route, random, context, hostilePath);
  const family = pick(random, [
    "query",
    "query",
    "query",
    "nul",
    "dates",
    "method",
    "multipart-no-boundary",
    "form-garbage",
  ] as const);
  switch (family) {
    case "nul":
      return { family, target, method: "GET", path: `${path}/%00${query(random, route.queryKeys, 1)}`, headers: {} };
    case "dates": {
      const key = pick(random, route.queryKeys.length ? route.queryKeys : GENERIC_QUERY_KEYS);
      const value = pick(random, ["0000-01-01", "10000-12-31", "-000001-01-01", "+275760-09-13", "0001-01-01"]);
      return { family, target, method: "GET", path: `${path}?${key}=${value}`, headers: {} };
    }
    case "method":
      return {
        family,
        target,
        method: pick(random, ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "CONNECTX"]),
        path,
        headers: {},
      };
    case "multipart-no-boundary":
      return {
        family,
        target,
        method: "POST",
        path,
        headers: {
          "content-type": pick(random, [
            "multipart/form-data",
            "multipart/form-data; boundary=",
            'multipart/form-data; boundary="x',
          ]),
          origin: context.baseUrl,
        },
        body: Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n'),
      };
    case "form-garbage":
      return {
        family,
        target,
        method: "POST",
        path,
        headers: {
          "content-type": pick(random, ["application/x-www-form-urlencoded", "application/json", "text/plain"]),
          origin: context.baseUrl,
        },
        body: pick(random, [INVALID_UTF8, Buffer.from('{"a":'), Buffer.from("a=%zz&b=%00"), Buffer.from(nested(5000))]),
      };
    default:
      return {
        family,
        target,
        method: "GET",
        path: `${path}${query(random, route.queryKeys, 1 + Math.floor(random() * 3))}`,
        headers: {},
      };
  }
}

/** One request against a server action, posted to a page that hosts it, the way a browser would. */
export function actionCase(action: ActionTarget, random: Random, context: CaseContext): FuzzRequest {
  const target = `action ${action.name}`;
  const path = fill({ pattern: action.pagePattern }, random, context, false);
  const headers: Record<string, string> = {
    "next-action": action.id,
    "content-type": "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin: context.baseUrl,
  };
  const family = pick(random, [
    "action-args",
    "action-args",
    "action-origin",
    "action-dollar",
    "action-encoding",
    "action-deep",
    "action-oversize",
    "action-multipart",
    "action-unknown-id",
  ] as const);
  const request = (body: Buffer | string, extra: Record<string, string> = {}): FuzzRequest => ({
    family,
    target,
    method: "POST",
    path,
    headers: { ...headers, ...extra },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  });
  switch (family) {
    case "action-origin": {
      const origin = pick(random, ["https://evil.example", "null", "::::", "http://[::1", "", undefined]);
      const extra = { ...headers };
      if (origin === undefined) delete extra.origin;
      else extra.origin = origin;
      return { family, target, method: "POST", path, headers: extra, body: Buffer.from("[{}]") };
    }
    case "action-dollar":
      return request(
        pick(random, [
          '["$F1"]',
          '["$@0"]',
          '[{"a":"$Q"}]',
          '["$K1"]',
          '["$T"]',
          '["$B0"]',
          '["$$"]',
          '["$n1"]',
          '["$D"]',
        ]),
      );
    case "action-encoding":
      return request(pick(random, [INVALID_UTF8, Buffer.from("{not json"), Buffer.from(""), Buffer.from("null")]), {
        "content-type": pick(random, [
          "text/plain;charset=UTF-8",
          "application/json",
          "application/octet-stream",
          "text/x-component",
        ]),
      });
    case "action-deep":
      return request(`[${nested(20_000)}]`);
    case "action-oversize":
      return request(`["${"a".repeat(1_100_000)}"]`);
    case "action-multipart":
      return request('--b\r\nContent-Disposition: form-data; name="1"\r\n\r\n{"a"', {
        "content-type": pick(random, ["multipart/form-data; boundary=b", "multipart/form-data"]),
      });
    case "action-unknown-id":
      return request("[{}]", { "next-action": pick(random, ["", "00", "x".repeat(200), "%00", "constructor"]) });
    default: {
      const value = pick(random, [
        "{}",
        "null",
        "[]",
        '"x"',
        "1e309",
        '{"customerId":"%00"}',
        '{"customerId":"a\\u0000b"}',
        '{"validUntil":"10000-01-01"}',
        '{"expiresAt":"-000001-01-01"}',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
        `{"name":"${"x".repeat(5000)}"}`,
      ]);
      return request(`[${value}]`);
    }
  }
}

/** One request against next-auth's own endpoints. */
export function nextAuthCase(random: Random, context: CaseContext): FuzzRequest {
  if (random() < 0.5) {
    const action = pick(random, NEXTAUTH_GETS);
    const q = pick(random, [
      `?callbackUrl=${encodeURIComponent(pick(random, BAD_CALLBACK_URLS))}`,
      `?callbackUrl=${pick(random, BAD_CALLBACK_URLS)}`,
      `?error=${pick(random, ["constructor", "__proto__", "toString", "%00", "x".repeat(3000), "CredentialsSignin"])}`,
      "",
    ]);
    return {
      family: "nextauth-get",
      target: `nextauth GET ${action}`,
      method: "GET",
      path: `/api/auth/${action}${q}`,
      headers: {},
    };
  }
  const action = pick(random, NEXTAUTH_POSTS);
  const body = pick(random, [
    INVALID_UTF8,
    Buffer.from("csrfToken=%zz&email=%00&password="),
    Buffer.from(
      `email=fuzz${Math.floor(random() * 1e6)}@fuzz.example&password=x&callbackUrl=${encodeURIComponent("not a url")}`,
    ),
    Buffer.from('{"email":'),
    Buffer.from(nested(20_000)),
    Buffer.from("a=b&a=c&__proto__=x&constructor=y"),
  ]);
  return {
    family: "nextauth-post",
    target: `nextauth POST ${action}`,
    method: "POST",
    path: `/api/auth/${action}`,
    headers: {
      "content-type": pick(random, [
        "application/x-www-form-urlencoded",
        "application/json",
        "multipart/form-data",
        "text/plain",
      ]),
      origin: pick(random, [context.baseUrl, "https://evil.example", "null"]),
    },
    body,
  };
}

/** Every target once (coverage first), then random targets; `count` requests in all. */
export function generateCases(context: CaseContext, random: Random, count: number): FuzzRequest[] {
  const { routes, actions } = context.targets;
  const cases: FuzzRequest[] = [];
  for (const route of routes) cases.push(routeCase(route, random, context));
  for (const action of actions) cases.push(actionCase(action, random, context));
  for (const action of NEXTAUTH_POSTS)
    cases.push({ ...nextAuthCase(random, context), target: `nextauth POST ${action}` });
  while (cases.length < count) {
    const roll = random();
    if (roll < 0.55) cases.push(routeCase(pick(random, routes), random, context));
    else if (roll < 0.85 && actions.length) cases.push(actionCase(pick(random, actions), random, context));
    else cases.push(nextAuthCase(random, context));
  }
  return cases.slice(0, Math.max(count, cases.length));
}
