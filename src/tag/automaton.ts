/**
 * Aho–Corasick over word tokens: every phrase of the taxonomy compiled once into one automaton, so
 * tagging an item is a single left-to-right pass over its tokens whatever the number of phrases.
 * Working on whole tokens (not characters) is what makes matches whole-word: "music" is a token of
 * "music tour" but not of "musical".
 */

export interface PhrasePayload {
  /** Index into the caller's table (e.g. the taxonomy position). */
  target: number;
  exclude: boolean;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Payloads ending here, including those inherited through failure links. */
  out: PhrasePayload[];
}

export class TokenAutomaton {
  private readonly vocabulary = new Map<string, number>();
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private built = false;
  /** The root's transitions by symbol (0: none), dense: most words that are symbols are looked up here. */
  private root = new Int32Array(0);

  /** Adds a phrase given as tokens. Empty phrases are ignored. */
  add(tokens: readonly string[], payload: PhrasePayload): void {
    if (this.built) throw new Error('TokenAutomaton: add() after build()');
    if (tokens.length === 0) return;
    let state = 0;
    for (const token of tokens) {
      let symbol = this.vocabulary.get(token);
      if (symbol === undefined) {
        symbol = this.vocabulary.size;
        this.vocabulary.set(token, symbol);
      }
      const node = this.nodes[state]!;
      let child = node.next.get(symbol);
      if (child === undefined) {
        child = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        node.next.set(symbol, child);
      }
      state = child;
    }
    const out = this.nodes[state]!.out;
    if (!out.some((p) => p.target === payload.target && p.exclude === payload.exclude)) out.push(payload);
  }

  /** Computes failure links breadth-first (classic Aho–Corasick construction). */
  build(): this {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) {
      this.nodes[child]!.fail = 0;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const index = queue[head]!;
      const node = this.nodes[index]!;
      for (const [symbol, child] of node.next) {
        let fallback = node.fail;
        while (fallback !== 0 && !this.nodes[fallback]!.next.has(symbol)) fallback = this.nodes[fallback]!.fail;
        const target = this.nodes[fallback]!.next.get(symbol);
        const childNode = this.nodes[child]!;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        const inherited = this.nodes[childNode.fail]!.out;
        if (inherited.length) childNode.out = childNode.out.concat(inherited);
        queue.push(child);
      }
    }
    this.root = new Int32Array(this.vocabulary.size);
    for (const [symbol, child] of this.nodes[0]!.next) this.root[symbol] = child;
    this.built = true;
    return this;
  }

  /** The phrase words, in symbol order. */
  symbols(): string[] {
    return [...this.vocabulary.keys()];
  }

  /**
   * Calls `onMatch` for every phrase occurrence in `ids[start, end)`, word ids that `symbolOf` maps
   * to symbols (-1, or an id past its end: a word no phrase has). A field break (-1) resets the state.
   */
  scanIds(
    ids: Int32Array,
    start: number,
    end: number,
    symbolOf: Int32Array,
    onMatch: (payload: PhrasePayload) => void,
  ): void {
    const nodes = this.nodes;
    const root = this.root;
    const known = symbolOf.length;
    let state = 0;
    for (let k = start; k < end; k++) {
      const id = ids[k]!;
      const symbol = id >= 0 && id < known ? symbolOf[id]! : -1;
      if (symbol < 0) {
        state = 0;
        continue;
      }
      while (state !== 0 && !nodes[state]!.next.has(symbol)) state = nodes[state]!.fail;
      state = state === 0 ? root[symbol]! : nodes[state]!.next.get(symbol)!;
      if (state === 0) continue;
      const out = nodes[state]!.out;
      for (let i = 0; i < out.length; i++) onMatch(out[i]!);
    }
  }

  get size(): number {
    return this.nodes.length;
  }
}
