import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs on the pinned Node, not the machine one', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });
});
