/** "3 h ago" with the exact ISO time in a tooltip; rendered on the server, so no hydration drift. */
export function RelativeTime({ date, now = new Date() }: { date: Date | string | null | undefined; now?: Date }) {
  if (!date) return <span className="text-slate-500">never</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={value.toISOString()} title={value.toISOString()}>
      {formatAge(now.getTime() - value.getTime())}
    </time>
  );
}

export function formatAge(milliseconds: number): string {
  const future = milliseconds < 0;
  const seconds = Math.abs(milliseconds) / 1000;
  const text =
    seconds < 60
      ? "just now"
      : seconds < 3600
        ? `${Math.floor(seconds / 60)} min`
        : seconds < 86_400
          ? `${Math.floor(seconds / 3600)} h`
          : `${Math.floor(seconds / 86_400)} d`;
  if (text === "just now") return text;
  return future ? `in ${text}` : `${text} ago`;
}
