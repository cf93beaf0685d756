/** Ages and sizes for labels: "2 h ago", "51.2 MB". */

/** "just now", "5 min ago", "2 h ago", "3 days ago", "4 months ago", "2 years ago". */
export function ago(then: Date | string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(then).getTime();
  if (!Number.isFinite(ms)) return "at an unknown time";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 31) return days === 1 ? "1 day ago" : `${days} days ago`;
  const months = Math.floor(days / 30.44);
  if (months < 12) return months === 1 ? "1 month ago" : `${months} months ago`;
  const years = Math.floor(days / 365.25);
  return years === 1 ? "1 year ago" : `${years} years ago`;
}

/** Decimal units, one decimal from kB on: "812 B", "51.2 MB". */
export function bytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "? B";
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
