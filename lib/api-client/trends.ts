import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { type ScoreChangePage, type ScoreChangesQuery, scoreChangesSearch } from "@/lib/trends/score-changes";
import { fetchJson } from "./fetch-json";

export const trendKeys = {
  all: ["trends"] as const,
  scoreChanges: (search: string) => ["trends", "score-changes", search] as const,
};

/** One page of the Trends score-change table (its view as the route's query string). */
export function scoreChangesQuery(query: ScoreChangesQuery, initialData?: ScoreChangePage) {
  const search = scoreChangesSearch(query);
  return queryOptions({
    queryKey: trendKeys.scoreChanges(search),
    queryFn: () => fetchJson<ScoreChangePage>(`/api/trends/score-changes?${search}`),
    initialData,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
