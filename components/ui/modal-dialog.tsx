"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { cn } from "./cn";

/**
 * A modal on the native <dialog> element: focus is trapped and restored by the browser, Escape closes it
 * (reported through onClose), and the page behind is inert. Rendered only while `open`.
 */
export function ModalDialog({
  open,
  title,
  description,
  onClose,
  children,
  className,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      className={cn(
        "w-[calc(100vw-2rem)] max-w-lg rounded-lg bg-white p-5 text-left shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40",
        className,
      )}
    >
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {description ? (
        <div id={descriptionId} className="mt-2 space-y-2 text-sm text-slate-700">
          {description}
        </div>
      ) : null}
      <div className="mt-4">{children}</div>
    </dialog>
  );
}
