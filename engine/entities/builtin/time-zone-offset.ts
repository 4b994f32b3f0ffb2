import { ConfigError } from '../../../core/contracts/errors/index.ts';

/**
 * The offset from UTC, in minutes, of an IANA time zone ("Europe/Madrid", "America/New_York", "UTC") at an
 * instant (milliseconds since the epoch): 60 for Madrid in winter. Throws a ConfigError for an unknown zone.
 */
export function timeZoneOffsetMinutes(timeZone: string, instant: number): number {
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    throw new ConfigError('timeZone', 'an IANA time zone such as "Europe/Madrid" or "UTC"', timeZone);
  }
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
