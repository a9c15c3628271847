/** A change's before or after state as plain lines: rule lists one per line, other fields as "name: value". */
export function ChangeState({ label, state }: { label: string; state: unknown }) {
  return (
    <section aria-label={label} className="min-w-0">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      {state === null || state === undefined ? (
        <p className="text-sm text-slate-600">{label === "Before" ? "did not exist" : "gone"}</p>
      ) : (
        <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
          {stateLines(state).join("\n")}
        </pre>
      )}
    </section>
  );
}

export function stateLines(state: unknown): string[] {
  if (typeof state !== "object" || state === null) return [String(state)];
  return Object.entries(state as Record<string, unknown>).flatMap(([key, value]) => {
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
      return value.length === 0 ? [`${key}: none`] : [`${key}:`, ...value.map((item) => `  ${item}`)];
    }
    if (value === null) return [`${key}: none`];
    if (typeof value === "object") return [`${key}: ${JSON.stringify(value)}`];
    return [`${key}: ${String(value)}`];
  });
}
