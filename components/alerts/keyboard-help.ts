// Shared by the server page (help text) and the client queue (which implements the keys): a plain module,
// because a constant exported from a "use client" file reaches server components as a client reference.
export const KEYBOARD_HELP = "j or ↓ next alert · k or ↑ previous · Enter opens it · x selects it";
export const KEYBOARD_HELP_READ_ONLY = "j or ↓ next alert · k or ↑ previous · Enter opens it";
