import { describe, expect, it } from 'vitest';
import { defaultFetchConfig } from '../config/schema';
import { initialState } from '../storage/source-state';
import { backoffMs, isDue, nextAfterFailure, nextAfterGone, nextAfterSuccess, successIntervalMs } from './schedule';

const config = defaultFetchConfig('https://marquee.example.com/');
const now = new Date('2023-10-21T00:00:00Z');
const MIN = 60_000;

describe('schedule', () => {
  it('polls at the default interval without hints', () => {
    expect(successIntervalMs(now, config, {})).toBe(30 * MIN);
  });

  it('takes the longest publisher hint within the bounds', () => {
    // RSS <ttl>60 / sy:updatePeriod hourly
    expect(successIntervalMs(now, config, { ttlSeconds: 3600 })).toBe(60 * MIN);
    expect(successIntervalMs(now, config, { cacheHints: { maxAgeSeconds: 7200, expiresAt: null }, ttlSeconds: 3600 })).toBe(120 * MIN);
    expect(successIntervalMs(now, config, { cacheHints: { maxAgeSeconds: null, expiresAt: '2023-10-21T01:30:00.000Z' } })).toBe(90 * MIN);
    // A CDN's max-age=60 cannot push polling below the minimum; a week-long ttl cannot exceed the maximum.
    expect(successIntervalMs(now, config, { cacheHints: { maxAgeSeconds: 60, expiresAt: null } })).toBe(15 * MIN);
    expect(successIntervalMs(now, config, { ttlSeconds: 7 * 24 * 3600 })).toBe(6 * 60 * MIN);
    expect(nextAfterSuccess(now, config, { ttlSeconds: 3600 }).toISOString()).toBe('2023-10-21T01:00:00.000Z');
  });

  it('backs off exponentially with jitter, capped at a day', () => {
    expect(backoffMs(1, config, () => 1)).toBe(30 * MIN);
    expect(backoffMs(1, config, () => 0)).toBe(15 * MIN);
    expect(backoffMs(2, config, () => 1)).toBe(60 * MIN);
    expect(backoffMs(3, config, () => 0.5)).toBe(90 * MIN);
    expect(backoffMs(7, config, () => 1)).toBe(24 * 60 * MIN);
    expect(backoffMs(500, config, () => 1)).toBe(24 * 60 * MIN);
    expect(backoffMs(500, config, () => 0)).toBe(12 * 60 * MIN);
  });

  it('honours Retry-After beyond the backoff, capped at the backoff cap', () => {
    const later = nextAfterFailure(now, config, 1, () => 1, new Date('2023-10-21T03:00:00Z'));
    expect(later.nextFetchAt.toISOString()).toBe('2023-10-21T03:00:00.000Z');
    expect(later.retryAfterUntil?.toISOString()).toBe('2023-10-21T03:00:00.000Z');
    const absurd = nextAfterFailure(now, config, 1, () => 1, new Date('2024-01-01T00:00:00Z'));
    expect(absurd.nextFetchAt.toISOString()).toBe('2023-10-22T00:00:00.000Z');
    const past = nextAfterFailure(now, config, 1, () => 1, new Date('2023-10-20T00:00:00Z'));
    expect(past.retryAfterUntil).toBeNull();
    expect(past.nextFetchAt.toISOString()).toBe('2023-10-21T00:30:00.000Z');
  });

  it('retries a gone source near the cap, never never', () => {
    expect(nextAfterGone(now, config, () => 0).toISOString()).toBe('2023-10-22T00:00:00.000Z');
    expect(nextAfterGone(now, config, () => 1).getTime()).toBe(now.getTime() + 0.9 * 24 * 60 * MIN);
  });

  it('is due when the time has come; force ignores backoff but not Retry-After', () => {
    const waiting = { ...initialState('https://deadline.com/feed/'), nextFetchAt: '2023-10-21T05:00:00.000Z' };
    expect(isDue(undefined, now)).toBe(true);
    expect(isDue(waiting, now)).toBe(false);
    expect(isDue(waiting, now, { force: true })).toBe(true);
    expect(isDue({ ...waiting, nextFetchAt: '2023-10-21T00:00:30.000Z' }, now)).toBe(true);
    const limited = { ...waiting, retryAfterUntil: '2023-10-21T02:00:00.000Z' };
    expect(isDue(limited, now, { force: true })).toBe(false);
    expect(isDue(limited, new Date('2023-10-21T05:00:00Z'))).toBe(true);
  });
});
