/**
 * A scripted origin for unit tests of the refresh path: injected as `fetch`, it answers each URL with
 * the handler registered for it and records every request (headers included), so tests can assert
 * what Marquee asked for as well as what it did with the answer.
 */
export type OriginHandler = (request: Request) => Response | Promise<Response>;

export class FakeOrigin {
  readonly requests: Request[] = [];
  private readonly routes = new Map<string, OriginHandler>();

  on(url: string, handler: OriginHandler): this {
    this.routes.set(url, handler);
    return this;
  }

  /** The requests made to one URL, in order. */
  requestsTo(url: string): Request[] {
    return this.requests.filter((r) => r.url === url);
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    this.requests.push(request);
    const handler = this.routes.get(request.url);
    if (!handler) return new Response('not found', { status: 404 });
    return handler(request);
  }) as typeof fetch;
}

export function feedResponse(body: string | Uint8Array, headers: Record<string, string> = {}, status = 200): Response {
  return new Response(body as BodyInit, { status, headers: { 'content-type': 'application/rss+xml; charset=utf-8', ...headers } });
}

/** A body that sends its first bytes and then never another: the stalled server. */
export function stallingBody(first: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
}

/** An endless body, counting how many chunks the client actually pulled. */
export function endlessBody(chunkSize: number, counter: { pulled: number }): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('<!-- padding -->'.repeat(Math.ceil(chunkSize / 16)).slice(0, chunkSize));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      counter.pulled++;
      controller.enqueue(chunk);
    },
  });
}

export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A KV namespace that counts writes and deletes by key (for the write-budget assertions). */
export function countingKv(kv: KVNamespace): { kv: KVNamespace; puts: string[]; deletes: string[] } {
  const puts: string[] = [];
  const deletes: string[] = [];
  const proxy = new Proxy(kv, {
    get(target, prop, receiver) {
      if (prop === 'put') return (key: string, ...rest: unknown[]) => (puts.push(key), (target.put as (...a: unknown[]) => unknown)(key, ...rest));
      if (prop === 'delete') return (key: string) => (deletes.push(key), target.delete(key));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { kv: proxy, puts, deletes };
}

/** Deletes every key (tests share one KV namespace per file). */
export async function clearKv(kv: KVNamespace): Promise<void> {
  let cursor: string | undefined;
  do {
    const page: KVNamespaceListResult<unknown, string> = await kv.list(cursor ? { cursor } : {});
    await Promise.all(page.keys.map((k) => kv.delete(k.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}
