export function contentSecurityPolicy(options: { production: boolean; nonce: string }): string;
export function securityHeaders(options: { production: boolean }): { key: string; value: string }[];
export const LOCKED_DOWN_CSP: string;
