// Security headers (CommonJS so next.config.js can load it without a build step).
// Pages get their Content-Security-Policy from proxy.ts with a fresh nonce per request: scripts run
// only with that nonce (and what they load, 'strict-dynamic'), never as inline code an attacker
// injected; Next puts the nonce on its own bootstrap scripts when it finds it in the request's CSP
// header. Styles keep 'unsafe-inline' (React's style attributes; no script runs through CSS).

/** @param {{ production: boolean, nonce: string }} options */
function contentSecurityPolicy({ production, nonce }) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

// Responses proxy.ts does not see (next-auth's endpoints, the health check, static files) run no
// script of their own: nothing may run or frame them at all.
const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** @param {{ production: boolean }} options */
function securityHeaders({ production }) {
  return [
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
    // Browsers honour HSTS only over https, so it is harmless on a plain-http demo; production sends it.
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

module.exports = { securityHeaders, contentSecurityPolicy, LOCKED_DOWN_CSP };
