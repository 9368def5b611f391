/** Disjoint sets with path halving and union by size: near-constant time per operation. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      const grand = this.parent[this.parent[node]!]!;
      this.parent[node] = grand;
      node = grand;
    }
    return node;
  }

  /** Joins the sets of a and b; returns the new root (or the shared root when already joined). */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = this.size[ra]! + this.size[rb]!;
    return ra;
  }

  /** The sets, each sorted ascending, ordered by their smallest member (deterministic). */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const root = this.find(i);
      let group = byRoot.get(root);
      if (!group) byRoot.set(root, (group = []));
      group.push(i);
    }
    return [...byRoot.values()].sort((a, b) => a[0]! - b[0]!);
  }
}
