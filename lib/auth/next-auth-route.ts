import { logger } from "@/lib/logger";

// next-auth v4 throws (and Next answers 500) on a callbackUrl that is not a URL, a JSON or otherwise
// unparseable POST body, or a value that cannot go into a Location header. These requests are bad
// input: refused here with 400 before next-auth sees them, and logged once (issue 16).

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

const FORM = "application/x-www-form-urlencoded";

/** A callbackUrl next-auth can use: a same-site path, or an absolute http(s) URL (next-auth keeps it on this origin). */
export function isUsableCallbackUrl(value: string): boolean {
  if (value.length > 2048) return false;
  if (value.startsWith("/")) return !value.startsWith("//") && !value.startsWith("/\\");
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Why next-auth would fail on this request, or null when it is fine to pass on. */
export async function nextAuthRequestProblem(request: Request): Promise<string | null> {
  const url = new URL(request.url);
  // The credentials provider has no GET callback (next-auth answers that with a 500 of its own).
  if (request.method !== "POST" && /\/callback\/credentials\/?$/.test(url.pathname)) return "use POST";
  const queryCallback = url.searchParams.get("callbackUrl");
  if (queryCallback !== null && !isUsableCallbackUrl(queryCallback)) return "callbackUrl is not a usable URL";
  if (request.method !== "POST") return null;
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  // next-auth's client posts forms only; it parses anything else as JSON and throws.
  if (contentType !== FORM) return "the body must be a form (application/x-www-form-urlencoded)";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await request.clone().arrayBuffer());
  } catch {
    return "the body is not UTF-8";
  }
  if (text.length > 16_384) return "the body is too large";
  let form: URLSearchParams;
  try {
    for (const pair of text.split("&"))
      for (const part of pair.split("=")) decodeURIComponent(part.replace(/\+/g, " "));
    form = new URLSearchParams(text);
  } catch {
    return "the body is not a valid form";
  }
  const bodyCallback = form.get("callbackUrl");
  if (bodyCallback !== null && !isUsableCallbackUrl(bodyCallback)) return "callbackUrl is not a usable URL";
  return null;
}

function badRequest(reason: string): Response {
  return new Response(JSON.stringify({ error: { code: "BAD_INPUT", message: reason } }), {
    status: 400,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** next-auth's route handler behind the checks above; anything it still throws is answered 400, not 500. */
export function guardNextAuth<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (request, context) => {
    const path = new URL(request.url).pathname.slice(0, 100);
    const problem = await nextAuthRequestProblem(request);
    if (problem) {
      logger.warn({ method: request.method, path, reason: problem }, "auth request refused");
      if (problem === "use POST") {
        return new Response(null, { status: 405, headers: { allow: "POST", "cache-control": "no-store" } });
      }
      return badRequest(problem);
    }
    try {
      return await handler(request, context);
    } catch (error) {
      // Only what next-auth throws on input it cannot read lands here (its own errors become redirects).
      logger.warn({ method: request.method, path, error: (error as Error)?.name }, "auth request failed on its input");
      return badRequest("The request could not be read.");
    }
  };
}
