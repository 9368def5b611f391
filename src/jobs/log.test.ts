import { describe, expect, it } from 'vitest';
import { describeRefresh } from './log';
import type { RefreshReport } from './refresh';

const at = '2026-11-23T20:15:00.000Z';

describe('describeRefresh', () => {
  it('summarises a tick and gives one line per fetched or deferred source, not the ones that were not due', () => {
    const report: RefreshReport = {
      at,
      changed: true,
      fetched: 4,
      removed: [],
      stateWritten: true,
      outcomes: [
        { id: 'deadline', outcome: 'updated', status: 200, itemCount: 12, nextFetchAt: '2026-11-23T21:15:00.000Z' },
        { id: 'empire', outcome: 'not-modified', status: 304, itemCount: 6, nextFetchAt: '2026-11-23T20:45:00.000Z' },
        {
          id: 'indiewire',
          outcome: 'failed',
          status: 503,
          itemCount: 9,
          error: { code: 'HTTP_ERROR', status: 503, message: 'HTTP 503 Service Unavailable', at },
          nextFetchAt: '2026-11-24T00:15:00.000Z',
        },
        {
          id: 'variety',
          outcome: 'updated',
          status: 200,
          itemCount: 40,
          warning: { code: 'SHRUNK', message: 'the feed listed 2 items where 40 were stored', at },
          movedTo: 'https://variety.com/v/film/feed/',
          nextFetchAt: '2026-11-23T20:45:00.000Z',
        },
        { id: 'bbc', outcome: 'skipped', itemCount: 15, nextFetchAt: '2026-11-23T20:30:00.000Z' },
        { id: 'slashfilm', outcome: 'deferred', itemCount: 8, nextFetchAt: null },
      ],
    };
    expect(describeRefresh('cron', report).split('\n')).toEqual([
      'refresh (cron): 4 fetched, 1 failed, 1 not due, items changed: rebuilding',
      '  deadline: updated (200), 12 items, next 21:15Z',
      '  empire: not-modified (304), 6 items, next 20:45Z',
      '  indiewire: failed (HTTP_ERROR 503), 9 items kept, next 2026-11-24 00:15Z',
      '  variety: updated (200), 40 items, SHRUNK: stored and new items merged, moved permanently (URL updated), next 20:45Z',
      "  slashfilm: deferred (over this invocation's subrequest budget), 8 items, next not scheduled",
    ]);
  });

  it('says so in one line when nothing was due', () => {
    const report: RefreshReport = {
      at,
      changed: false,
      fetched: 0,
      removed: [],
      stateWritten: false,
      outcomes: [
        { id: 'deadline', outcome: 'skipped', itemCount: 12, nextFetchAt: '2026-11-23T21:15:00.000Z' },
        { id: 'empire', outcome: 'skipped', itemCount: 6, nextFetchAt: '2026-11-23T20:45:00.000Z' },
      ],
    };
    expect(describeRefresh('admin', report)).toBe('refresh (admin): nothing due (2 sources)');
  });

  it('reports a 410 and a source removed from the configuration', () => {
    const report: RefreshReport = {
      at,
      changed: true,
      fetched: 1,
      removed: ['old-blog'],
      stateWritten: true,
      outcomes: [
        { id: 'collider', outcome: 'gone', status: 410, itemCount: 4, error: { code: 'GONE', status: 410, message: 'HTTP 410 Gone', at }, nextFetchAt: '2026-11-24T19:51:00.000Z' },
      ],
    };
    expect(describeRefresh('queue', report).split('\n')).toEqual([
      'refresh (queue): 1 fetched, 1 removed, items changed: rebuilding',
      '  collider: gone (GONE 410), 4 items kept, next 2026-11-24 19:51Z',
    ]);
  });
});
