/** Serve section (placeholder until the Worker serves /feed.xml). */
import { heading, target, type TargetResult } from './report';

export async function serveSection(_opts: { quick: boolean }): Promise<TargetResult[]> {
  heading('Serve');
  console.log('SKIPPED: the Worker does not serve /feed.xml yet');
  return [target('serve', 'serve section', null, 'Worker routes not landed')];
}
