/**
 * One log entry per refresh, whichever path ran it (the cron, the queue consumer, POST /admin/refresh):
 * a summary line, then one line per source that was fetched or left for later. Sources that were not
 * due are only counted. It goes to the Worker's logs (`wrangler tail`, Workers Logs) and, locally,
 * to the `npm start` terminal, which echoes it.
 */
import type { RefreshReport, SourceOutcome } from './refresh';

export type RefreshTrigger = 'cron' | 'queue' | 'admin';

/** `2026-11-23T21:15:00.000Z` → `21:15Z` today, else `2026-11-24 21:15Z`. */
function when(iso: string | null, at: string): string {
  if (!iso) return 'not scheduled';
  const sameDay = iso.slice(0, 10) === at.slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)}Z`;
}

function describeOutcome(o: SourceOutcome, at: string): string {
  const parts: string[] = [];
  if (o.outcome === 'failed' || o.outcome === 'gone') {
    parts.push(`${o.outcome} (${o.error ? o.error.code : 'error'}${o.status ? ` ${o.status}` : ''})`, `${o.itemCount} items kept`);
  } else if (o.outcome === 'deferred') {
    parts.push("deferred (over this invocation's subrequest budget)", `${o.itemCount} items`);
  } else {
    parts.push(`${o.outcome}${o.status ? ` (${o.status})` : ''}`, `${o.itemCount} items`);
  }
  if (o.warning) parts.push(`${o.warning.code}: stored and new items merged`);
  if (o.movedTo) parts.push('moved permanently (URL updated)');
  parts.push(`next ${when(o.nextFetchAt, at)}`);
  return `  ${o.id}: ${parts.join(', ')}`;
}

export function describeRefresh(trigger: RefreshTrigger, report: RefreshReport): string {
  const shown = report.outcomes.filter((o) => o.outcome !== 'skipped');
  const notDue = report.outcomes.length - shown.length;
  const failed = shown.filter((o) => o.outcome === 'failed').length;
  const summary = [
    `${report.fetched} fetched`,
    ...(failed ? [`${failed} failed`] : []),
    ...(notDue ? [`${notDue} not due`] : []),
    ...(report.removed.length ? [`${report.removed.length} removed`] : []),
    report.changed ? 'items changed: rebuilding' : 'nothing changed',
  ];
  if (shown.length === 0 && report.removed.length === 0 && !report.changed) summary.splice(0, summary.length, `nothing due (${notDue} sources)`);
  return [`refresh (${trigger}): ${summary.join(', ')}`, ...shown.map((o) => describeOutcome(o, report.at))].join('\n');
}
