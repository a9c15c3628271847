import { z } from "zod";

// One place that turns validation problems into what a form shows next to its fields.
//
// next-safe-action's "flattened" shape keeps only errors whose path is one level deep, so a problem in
// `regions[1]` or `items[0].version` arrived as an empty field error and the form said nothing
// (issue 19 §2). Here every nested message is lifted to its top-level field.

interface FlattenedValidationErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

type Formatted = { _errors?: string[] } & { [key: string]: unknown };

function collectMessages(node: unknown, into: string[]): void {
  if (node === null || typeof node !== "object") return;
  const record = node as Formatted;
  for (const message of record._errors ?? []) if (!into.includes(message)) into.push(message);
  for (const [key, child] of Object.entries(record)) if (key !== "_errors") collectMessages(child, into);
}

/** next-safe-action's formatted errors (nested `_errors`) → one list of messages per top-level field. */
export function flattenDeep(validationErrors: unknown): FlattenedValidationErrors {
  const result: FlattenedValidationErrors = { formErrors: [], fieldErrors: {} };
  if (validationErrors === null || typeof validationErrors !== "object") return result;
  for (const [key, value] of Object.entries(validationErrors as Formatted)) {
    if (key === "_errors") {
      result.formErrors = [...((value as string[] | undefined) ?? [])];
      continue;
    }
    const messages: string[] = [];
    collectMessages(value, messages);
    if (messages.length > 0) result.fieldErrors[key] = messages;
  }
  return result;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/**
 * Plain words for zod's built-in messages ("Too big: expected array to have <=30 items" → "Choose at
 * most 30"). A schema's own message always wins; this only replaces zod's defaults.
 */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `Use at most ${plural(max, "character", "characters")}`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${max.toLocaleString("en")}`;
      return `Must be at most ${max.toLocaleString("en")}`;
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return min <= 1 ? "Required" : `Use at least ${plural(min, "character", "characters")}`;
      if (issue.origin === "array" || issue.origin === "set")
        return min <= 1 ? "Choose at least one" : `Choose at least ${min}`;
      return `Must be at least ${min.toLocaleString("en")}`;
    }
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === "" ? "Required" : "Not a valid value";
    case "invalid_value":
      return "Choose one of the options";
    case "invalid_format":
      if (issue.format === "email") return "Enter an e-mail address like name@example.com";
      if (issue.format === "url") return "Enter a web address starting with https://";
      if (issue.format === "date") return "Enter a date as YYYY-MM-DD";
      if (issue.format === "datetime") return "Enter a date and time";
      return "Not in the expected format";
    case "unrecognized_keys":
      return "Contains a field this form does not have";
    case "not_multiple_of":
      return `Must be a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });
