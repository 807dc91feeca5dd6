// The browser's time zone, read once per circuit by BrowserTimeZone: its IANA name (null when the browser
// does not say) and its current offset from UTC in minutes (east positive), the fallback when the
// server does not know the name.
export function read() {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  return { name, offsetMinutes: -new Date().getTimezoneOffset() };
}
