"use client";

import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useDeferredValue, useState } from "react";
import { Input } from "@/components/ui/field";
import { customerSearchQuery } from "@/lib/api-client/customers";

interface Choice {
  id: string;
  name: string;
}

/**
 * A form field choosing one customer, or all of them: a WAI-ARIA combobox searched on the server (the
 * header switcher's search, `GET /api/customers/search`), so a filter no longer carries every customer of
 * the portfolio in the page. The choice travels in a hidden input named `name`, so the surrounding GET
 * form submits it like the select it replaces. Arrow keys move through the options, Enter picks the one
 * marked, Escape closes the list and restores the current choice.
 */
export function CustomerCombobox({
  id,
  name,
  allLabel,
  selected,
  className,
}: {
  /** The input's id, for the field's label. */
  id: string;
  /** The form field's name. */
  name: string;
  /** The choice of no customer in particular: "All customers", "Every customer". */
  allLabel: string;
  selected: Choice | null;
  className?: string;
}) {
  const listId = `${id}-listbox`;
  const [chosen, setChosen] = useState<Choice | null>(selected);
  const [text, setText] = useState(selected?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = text.trim();
  // The chosen name in the box is not a search: opening the list shows the first customers.
  const search = useDeferredValue(typed === (chosen?.name ?? "") ? "" : typed);
  const { data, isFetching, isError } = useQuery({ ...customerSearchQuery(search), enabled: open });
  const options: Choice[] = [{ id: "", name: allLabel }, ...(data?.customers ?? [])];
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (choice: Choice) => {
    const next = choice.id === "" ? null : choice;
    setChosen(next);
    setText(next?.name ?? "");
    setOpen(false);
    setActive(-1);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
    setText(chosen?.name ?? "");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index <= 0 ? options.length : index) - 1);
    } else if (event.key === "Enter" && open) {
      // With one match typed, Enter takes it; otherwise the marked option. Enter with the list closed submits.
      const matches = options.slice(1);
      const picked = options[active] ?? (typed && matches.length === 1 ? matches[0] : undefined);
      if (picked) {
        event.preventDefault();
        choose(picked);
      }
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  const found = options.length - 1;
  const status = isError
    ? "Customers could not be loaded."
    : isFetching && !data
      ? "Searching…"
      : found === 0
        ? "No customer matches."
        : data?.more
          ? `First ${found} matches; type more to narrow them.`
          : `${found} customer${found === 1 ? "" : "s"}.`;

  return (
    <div className="relative">
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
      <Input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        placeholder={allLabel}
        className={className}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={(event) => {
          event.currentTarget.select();
          setOpen(true);
        }}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <div className="absolute left-0 top-full z-40 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md bg-white py-1 text-sm text-slate-900 shadow-lg ring-1 ring-slate-200">
          <div id={listId} role="listbox" aria-label="Customers" className="max-h-80 overflow-y-auto">
            {options.map((option, index) => (
              <div
                key={option.id || "all"}
                id={optionId(index)}
                role="option"
                // Focus stays in the input (aria-activedescendant); -1 keeps the options out of the tab order.
                tabIndex={-1}
                aria-selected={index === active}
                className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50 text-brand-800" : ""} ${option.id === "" ? "text-slate-600" : ""}`}
                // mousedown, not click: the input's blur would close the list before a click lands.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(option);
                }}
              >
                {option.name}
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
