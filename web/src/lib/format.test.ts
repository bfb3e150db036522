import { describe, expect, it } from 'vitest';
import { formatDuration, localTime } from './format';

describe('times and durations', () => {
  it('shows a departure in the airport’s own time with its UTC offset', () => {
    expect(localTime('2026-03-12T18:05:00-04:00')).toMatchObject({ time: '18:05', offset: 'UTC−4' });
    expect(localTime('2026-03-13T06:40:00+00:00')).toMatchObject({ time: '06:40', offset: 'UTC' });
    expect(localTime('2026-03-13T06:40:00+05:30')).toMatchObject({ offset: 'UTC+5:30' });
  });

  it('reads .NET and ISO 8601 durations', () => {
    expect(formatDuration('07:25:00')).toBe('7h 25m');
    expect(formatDuration('1.02:30:00')).toBe('26h 30m');
    expect(formatDuration('PT2H')).toBe('2h');
    expect(formatDuration('00:45:00')).toBe('45m');
  });
});
