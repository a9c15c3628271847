import { CopyButton } from "./copy-button";

/**
 * A command, policy or template to copy: it wraps inside its own box so the page never
 * scrolls sideways on a phone, with a copy button under it.
 */
export function CodeBlock({ code, copyLabel }: { code: string; copyLabel: string }) {
  return (
    <div className="mt-1 min-w-0 max-w-full">
      <pre className="max-w-full whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs ring-1 ring-slate-200">
        {code}
      </pre>
      <div className="mt-1">
        <CopyButton text={code} label={copyLabel} />
      </div>
    </div>
  );
}
