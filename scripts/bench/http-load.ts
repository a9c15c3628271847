// Drives one URL with autocannon (a fixed number of connections, each sending its next request as soon as
// the previous answer arrives) and reports exact percentiles of every response time it saw. autocannon's
// own histogram has p50, p90 and p97.5 but no p95, so the times are collected from its `response` events.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  cookie?: string;
  connections: number;
  seconds: number;
}

export interface LoadFigures {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
  /** Responses outside 2xx (a redirect to sign-in counts), plus connection errors (timeouts included). */
  failures: number;
  statuses: Record<string, number>;
}

export async function measure(options: LoadOptions): Promise<LoadFigures> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    // With a callback autocannon returns its instance (its events); without one, only a promise.
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        headers: options.cookie ? { cookie: options.cookie } : {},
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  times.sort((a, b) => a - b);
  const percentile = (p: number) =>
    times.length === 0 ? Number.NaN : times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  return {
    requests: times.length,
    p50: round(percentile(50)),
    p95: round(percentile(95)),
    p99: round(percentile(99)),
    max: round(times.at(-1) ?? Number.NaN),
    rps: round(times.length / (result.duration || options.seconds)),
    failures: result.non2xx + result.errors,
    statuses,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
