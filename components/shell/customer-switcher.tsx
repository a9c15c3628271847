"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, useDeferredValue, useId, useState } from "react";
import { customerSearchQuery } from "@/lib/api-client/customers";

/**
 * Jumps to a customer's page. A combobox searched on the server (WAI-ARIA combobox with a listbox popup):
 * the header no longer carries every customer of the portfolio on every page, and the server answers
 * only customers in the actor's scope. Arrow keys move through the options, Enter opens the one marked,
 * Escape closes the list.
 */
export function CustomerSwitcher() {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useDeferredValue(text.trim());
  const { data, isFetching, isError } = useQuery({ ...customerSearchQuery(search), enabled: open });
  const options = data?.customers ?? [];
  const optionId = (index: number) => `${listId}-option-${index}`;

  const go = (customerId: string) => {
    setOpen(false);
    setText("");
    setActive(-1);
    router.push(`/customers/${customerId}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (options.length === 0 ? -1 : (index + 1) % options.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (options.length === 0 ? -1 : (index <= 0 ? options.length : index) - 1));
    } else if (event.key === "Enter") {
      const chosen = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (open && chosen) {
        event.preventDefault();
        go(chosen.id);
      }
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  };

  const status = isError
    ? "Customers could not be loaded."
    : isFetching && options.length === 0
      ? "Searching…"
      : options.length === 0
        ? "No customer matches."
        : data?.more
          ? `First ${options.length} matches; type more to narrow them.`
          : `${options.length} customer${options.length === 1 ? "" : "s"}.`;

  return (
    <div className="relative flex items-center gap-2">
      <label htmlFor={`${listId}-input`} className="text-xs font-medium text-slate-300">
        Customer
      </label>
      <input
        id={`${listId}-input`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder="Find a customer…"
        className="w-44 rounded-md border-0 bg-brand-900/40 px-2 py-1.5 text-sm text-white ring-1 ring-inset ring-white/20 placeholder:text-slate-300 focus:ring-2 focus:ring-white sm:w-56"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="absolute right-0 top-full z-40 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md bg-white py-1 text-sm text-slate-900 shadow-lg ring-1 ring-slate-200">
          <div id={listId} role="listbox" aria-label="Customers" className="max-h-80 overflow-y-auto">
            {options.map((customer, index) => (
              <div
                key={customer.id}
                id={optionId(index)}
                role="option"
                // Focus stays in the input (aria-activedescendant); -1 keeps the options out of the tab order.
                tabIndex={-1}
                aria-selected={index === active}
                className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50 text-brand-800" : ""}`}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  go(customer.id);
                }}
              >
                {customer.name}
              </div>
            ))}
          </div>
          <p className="px-3 py-1 text-xs text-slate-500" aria-live="polite">
            {status}
          </p>
        </div>
      ) : null}
    </div>
  );
}
