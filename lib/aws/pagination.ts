import pLimit from "p-limit";
import { type AwsCallContext, toAwsCallError } from "./errors";

/**
 * Drains an SDK paginator (`paginateX`) into one list. A failure on any page is rethrown as an
 * AwsCallError for the operation, so a half-read listing never becomes evidence.
 */
export async function collectPages<TPage, TItem>(
  context: AwsCallContext,
  pages: () => AsyncIterable<TPage>,
  itemsOf: (page: TPage) => readonly TItem[] | undefined,
): Promise<TItem[]> {
  const items: TItem[] = [];
  try {
    for await (const page of pages()) {
      const pageItems = itemsOf(page);
      if (pageItems) items.push(...pageItems);
    }
  } catch (error) {
    throw toAwsCallError(error, context);
  }
  return items;
}

/** Per-resource follow-up calls (DescribeKey per key, GetBucketX per bucket) run a few at a time. */
export const PER_RESOURCE_CONCURRENCY = 5;

export async function mapConcurrently<TItem, TResult>(
  items: readonly TItem[],
  map: (item: TItem) => Promise<TResult>,
  concurrency: number = PER_RESOURCE_CONCURRENCY,
): Promise<TResult[]> {
  const limit = pLimit(concurrency);
  return Promise.all(items.map((item) => limit(() => map(item))));
}

/** ISO 8601 string for evidence; SDK Dates and report strings alike. Invalid or absent → null. */
export function toIsoString(value: Date | string | number | undefined | null): string | null {
  if (value === undefined || value === null || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
