/** A calendar day (UTC) as YYYY-MM-DD with the exact time in a tooltip: validity dates are whole days. */
export function Day({ date }: { date: Date | string }) {
  const value = typeof date === "string" ? new Date(date) : date;
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {iso.slice(0, 10)}
    </time>
  );
}
