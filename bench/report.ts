/** Output helpers shared by the bench sections: markdown tables, target lines, machine info. */
import { cpus, totalmem, platform, release } from 'node:os';

export type Verdict = 'PASS' | 'MISS' | 'SKIPPED';

export interface TargetResult {
  section: string;
  label: string;
  verdict: Verdict;
  detail: string;
}

export function target(section: string, label: string, pass: boolean | null, detail: string): TargetResult {
  const verdict: Verdict = pass === null ? 'SKIPPED' : pass ? 'PASS' : 'MISS';
  const result = { section, label, verdict, detail };
  console.log(`${verdict}: ${label} — ${detail}`);
  return result;
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = {
  ms: (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)),
  mb: (bytes: number) => (bytes / 1e6).toFixed(1),
  rate: (n: number) => (n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)),
  ratio: (r: number) => `${r.toFixed(2)}x`,
  int: (n: number) => n.toLocaleString('en-US'),
};

export function machineInfo(): string {
  const cpu = cpus();
  return [
    `date:    ${new Date().toISOString()}`,
    `node:    ${process.version} (${platform()} ${release()})`,
    `cpu:     ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} cores`,
    `memory:  ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  ].join('\n');
}

export function heading(title: string): void {
  console.log(`\n## ${title}\n`);
}
