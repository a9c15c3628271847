// Vitest runs outside React's server environment; the real guard applies in Next builds.
export {};
