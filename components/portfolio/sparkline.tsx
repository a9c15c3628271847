import { formatScore } from "@/lib/controls/scoring";
import { DAY_MS } from "@/lib/dates";

export interface SparklinePoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  score: number | null;
}

/**
 * A score trend as a small inline SVG: one point per day of the window, placed by its day so missing
 * days show as a stretch, and broken where a day had "no score". The label says what the line shows.
 */
export function Sparkline({
  points,
  from,
  to,
  width = 96,
  height = 24,
}: {
  points: readonly SparklinePoint[];
  from: string;
  to: string;
  width?: number;
  height?: number;
}) {
  const scored = points.filter((point): point is { day: string; score: number } => point.score !== null);
  const days = Math.max(1, (Date.parse(to) - Date.parse(from)) / DAY_MS);
  if (scored.length < 2) {
    return (
      <span className="text-xs text-slate-500" title={`Daily scores from ${from} to ${to}`}>
        {scored.length === 0 ? "no history" : "1 day so far"}
      </span>
    );
  }
  const { low, high } = domain(scored.map((point) => point.score));
  const pad = 2;
  const x = (day: string) => pad + ((Date.parse(day) - Date.parse(from)) / DAY_MS / days) * (width - 2 * pad);
  const y = (score: number) => pad + (1 - (score - low) / (high - low)) * (height - 2 * pad);
  const segments: string[][] = [[]];
  for (const point of points) {
    if (point.score === null) {
      if (segments.at(-1)!.length > 0) segments.push([]);
      continue;
    }
    segments.at(-1)!.push(`${x(point.day).toFixed(1)},${y(point.score).toFixed(1)}`);
  }
  const first = scored[0]!;
  const last = scored.at(-1)!;
  const scores = scored.map((point) => point.score);
  const label = `Daily score from ${first.day} to ${last.day}: ${formatScore(first.score)} to ${formatScore(last.score)}, lowest ${formatScore(Math.min(...scores))}, highest ${formatScore(Math.max(...scores))}`;
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="overflow-visible text-brand-600"
    >
      <title>{label}</title>
      {segments
        .filter((segment) => segment.length > 0)
        .map((segment) =>
          segment.length === 1 ? (
            <circle
              key={segment[0]}
              cx={segment[0]!.split(",")[0]}
              cy={segment[0]!.split(",")[1]}
              r={1.2}
              fill="currentColor"
            />
          ) : (
            <polyline
              key={segment[0]}
              points={segment.join(" ")}
              fill="none"
              stroke="currentColor"
              strokeWidth={1.5}
              strokeLinejoin="round"
              strokeLinecap="round"
            />
          ),
        )}
      <circle cx={x(last.day)} cy={y(last.score)} r={2} fill="currentColor" />
    </svg>
  );
}

/** The vertical range: the data's, widened to at least 10 points so small wobbles stay small, within 0–100. */
function domain(scores: number[]): { low: number; high: number } {
  let low = Math.min(...scores);
  let high = Math.max(...scores);
  const minimumSpan = 10;
  if (high - low < minimumSpan) {
    const middle = (low + high) / 2;
    low = middle - minimumSpan / 2;
    high = middle + minimumSpan / 2;
    if (low < 0) [low, high] = [0, minimumSpan];
    if (high > 100) [low, high] = [100 - minimumSpan, 100];
  }
  return { low, high };
}
