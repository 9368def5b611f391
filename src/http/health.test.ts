import { describe, expect, it } from 'vitest';
import { initialState } from '../storage/source-state';
import { maskUrl, overallHealth, sourceHealth } from './health';

describe('health', () => {
  it('rates each source from its state', () => {
    const fetched = { ...initialState('https://variety.com/feed/'), lastFetchAt: '2023-10-21T00:00:00.000Z' };
    expect(sourceHealth(undefined)).toBe('pending');
    expect(sourceHealth(initialState('https://variety.com/feed/'))).toBe('pending');
    expect(sourceHealth(fetched)).toBe('ok');
    expect(sourceHealth({ ...fetched, consecutiveFailures: 2 })).toBe('failing');
    expect(sourceHealth({ ...fetched, gone: true, consecutiveFailures: 1 })).toBe('gone');
  });

  it('is ok when every fetched source answers, failing when none does, degraded between', () => {
    expect(overallHealth([])).toBe('ok');
    expect(overallHealth(['pending', 'pending'])).toBe('ok');
    expect(overallHealth(['ok', 'pending', 'ok'])).toBe('ok');
    expect(overallHealth(['ok', 'failing', 'pending'])).toBe('degraded');
    expect(overallHealth(['gone', 'ok'])).toBe('degraded');
    expect(overallHealth(['failing', 'gone', 'pending'])).toBe('failing');
  });

  it('masks query parameters that look like keys', () => {
    expect(maskUrl('https://www.screendaily.com/full-rss?x=1&apikey=abc123&sig=zz')).toBe('https://www.screendaily.com/full-rss?x=1&apikey=***&sig=***');
    expect(maskUrl('https://variety.com/feed/')).toBe('https://variety.com/feed/');
  });
});
