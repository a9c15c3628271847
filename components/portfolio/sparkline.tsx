import { formatScore } from "@/lib/controls/scoring";
import { DAY_MS } from "@/lib/dates";

export interface SparklinePoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  score: number | null;
}

/**
 * A sparkline computed on the server, as the few strings the SVG needs: one path (`M` starts each run of
 * scored days, so a day with "no score" breaks the line; a run of one day is a dot), the last point, and
 * the label. Small enough to hand to a client component.
 */
export type SparklineShape =
  | { width?: number; height?: number; path: string; last: readonly [number, number]; label: string }
  | { text: string; title: string };

/**
 * A score trend as a small inline SVG: one point per day of the window, placed by its day so missing
 * days show as a stretch, and broken where a day had "no score". The label says what the line shows.
 */
export function sparklineShape(
  points: readonly SparklinePoint[],
  from: string,
  to: string,
  width = 96,
  height = 24,
): SparklineShape {
  const scored = points.filter((point): point is { day: string; score: number } => point.score !== null);
  const days = Math.max(1, (Date.parse(to) - Date.parse(from)) / DAY_MS);
  if (scored.length < 2) {
    return {
      text: scored.length === 0 ? "no history" : "1 day so far",
      title: `Daily scores from ${from} to ${to}`,
    };
  }
  const { low, high } = domain(scored.map((point) => point.score));
  const pad = 2;
  const x = (day: string) => pad + ((Date.parse(day) - Date.parse(from)) / DAY_MS / days) * (width - 2 * pad);
  const y = (score: number) => pad + (1 - (score - low) / (high - low)) * (height - 2 * pad);
  // Drawn in tenths of a pixel (the viewBox is ten times the size): whole numbers, no decimal points.
  const round = (value: number) => Math.round(value * 10);
  // Relative moves after each run's absolute start, the `l` repeated implicitly ("M2 9l3.1 4 3-6.8…"):
  // a space before each number, none before a minus sign.
  const numbers = (...values: number[]) => values.map((value) => `${value < 0 ? "" : " "}${value}`).join("");
  let path = "";
  let run = 0;
  let previous: readonly [number, number] = [0, 0];
  for (const point of points) {
    if (point.score === null) {
      // A run of one day is drawn as a dot: a zero-length segment with round caps.
      if (run === 1) path += "h0";
      run = 0;
      continue;
    }
    const here = [round(x(point.day)), round(y(point.score))] as const;
    if (run === 0) path += `M${numbers(...here).trimStart()}`;
    else {
      const step = numbers(here[0] - previous[0], here[1] - previous[1]);
      path += run === 1 ? `l${step.trimStart()}` : step;
    }
    previous = here;
    run += 1;
  }
  if (run === 1) path += "h0";
  const first = scored[0]!;
  const last = scored.at(-1)!;
  const scores = scored.map((point) => point.score);
  const label = `Daily score from ${first.day} to ${last.day}: ${formatScore(first.score)} to ${formatScore(last.score)}, lowest ${formatScore(Math.min(...scores))}, highest ${formatScore(Math.max(...scores))}`;
  return {
    ...(width === 96 && height === 24 ? {} : { width, height }),
    path,
    last: [round(x(last.day)), round(y(last.score))],
    label,
  };
}

/** Draws a shape from sparklineShape; no state, so it renders the same on the server and in a client component. */
export function SparklineSvg({ shape }: { shape: SparklineShape }) {
  if ("text" in shape) {
    return (
      <span className="text-xs text-slate-500" title={shape.title}>
        {shape.text}
      </span>
    );
  }
  const { width = 96, height = 24 } = shape;
  // The <title> names the image (SVG-AAM); the line's stroke and the dot's fill are the `spark` class's.
  // Coordinates are in tenths of a pixel.
  return (
    <svg role="img" width={width} height={height} viewBox={`0 0 ${width * 10} ${height * 10}`} className="spark">
      <title>{shape.label}</title>
      <path d={shape.path} />
      <circle cx={shape.last[0]} cy={shape.last[1]} r={20} />
    </svg>
  );
}

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
  return <SparklineSvg shape={sparklineShape(points, from, to, width, height)} />;
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
