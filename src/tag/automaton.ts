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
  /**
   * The other nodes' transitions, flat: node n's are `edgeSymbol/edgeTarget[edgeStart[n] ..
   * edgeStart[n + 1])`. Most nodes have one or two, so a short scan beats a Map lookup per word.
   */
  private edgeStart = new Int32Array(1);
  private edgeSymbol = new Int32Array(0);
  private edgeTarget = new Int32Array(0);
  private fail = new Int32Array(1);
  /** How many payloads end at each node (most nodes are inside a phrase: none). */
  private outCount = new Int32Array(1);

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
    const count = this.nodes.length;
    this.edgeStart = new Int32Array(count + 1);
    this.fail = new Int32Array(count);
    this.outCount = Int32Array.from(this.nodes, (node) => node.out.length);
    let edges = 0;
    for (let n = 0; n < count; n++) edges += n === 0 ? 0 : this.nodes[n]!.next.size;
    this.edgeSymbol = new Int32Array(edges);
    this.edgeTarget = new Int32Array(edges);
    let e = 0;
    for (let n = 0; n < count; n++) {
      this.edgeStart[n] = e;
      this.fail[n] = this.nodes[n]!.fail;
      if (n === 0) continue;
      for (const [symbol, child] of this.nodes[n]!.next) {
        this.edgeSymbol[e] = symbol;
        this.edgeTarget[e++] = child;
      }
    }
    this.edgeStart[count] = e;
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
    const { nodes, root, edgeStart, edgeSymbol, edgeTarget, fail, outCount } = this;
    const known = symbolOf.length;
    let state = 0;
    for (let k = start; k < end; k++) {
      const id = ids[k]!;
      const symbol = id >= 0 && id < known ? symbolOf[id]! : -1;
      if (symbol < 0) {
        state = 0;
        continue;
      }
      // Follow failure links until a node has a transition on the symbol (the root always has, to 0 at worst).
      let next = 0;
      while (state !== 0) {
        const last = edgeStart[state + 1]!;
        let e = edgeStart[state]!;
        while (e < last && edgeSymbol[e] !== symbol) e++;
        if (e < last) {
          next = edgeTarget[e]!;
          break;
        }
        state = fail[state]!;
      }
      state = state === 0 ? root[symbol]! : next;
      if (outCount[state] === 0) continue;
      const out = nodes[state]!.out;
      for (let i = 0; i < out.length; i++) onMatch(out[i]!);
    }
  }

  get size(): number {
    return this.nodes.length;
  }
}
