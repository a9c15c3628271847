"use client";

import { useEffect, useState } from "react";

/**
 * The current time for a client component's "5 min ago": the server's render time until hydration is
 * done, then the browser's clock, ticking. Reading Date.now() while rendering made the server's and the
 * browser's text differ whenever a minute turned in between: React's hydration error #418 on the
 * scorecard (issue 19 §11).
 */
export function useNow(renderedAt: string, tickMs = 30_000): number {
  const [now, setNow] = useState(() => new Date(renderedAt).getTime());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}
