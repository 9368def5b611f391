/** Pipeline section (placeholder until src/pipeline.ts lands). */
import { heading, target, type TargetResult } from './report';

export async function pipelineSection(_opts: { quick: boolean }): Promise<TargetResult[]> {
  heading('Pipeline');
  console.log('SKIPPED: src/pipeline.ts (buildStories) has not landed yet');
  return [target('pipeline', 'pipeline section', null, 'src/pipeline.ts not landed')];
}
