/**
 * Hand-written validator for the one JSON configuration (no schema library: the Worker stays lean).
 * Every problem names the JSON path of the offending value, so `marquee check` and `PUT /admin/config`
 * can say exactly what to fix. Missing `fetch` and `curation` fields are filled with the defaults of
 * ./schema.ts.
 */
import type {
  CurationConfig,
  FetchConfig,
  MarqueeConfig,
  SiteConfig,
  SourceConfig,
  TaxonomyTag,
} from '../model';
import {
  DEFAULT_CURATION,
  LIMITS,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  defaultFetchConfig,
  type ConfigProblem,
} from './schema';
import { checkSourceUrl } from './url-policy';

export type { ConfigProblem } from './schema';

export interface ValidateOptions {
  /** Let sources name files on disk (the offline CLI build); never in the Worker. */
  allowLocalPaths?: boolean;
}

export type ValidationResult = { ok: true; config: MarqueeConfig } | { ok: false; problems: ConfigProblem[] };

type Json = Record<string, unknown>;

class Problems {
  readonly list: ConfigProblem[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

function key(path: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'a string' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Keys starting with `$`, `_` or `//` are annotations (`$schema`, comments) and are ignored. */
function isAnnotation(name: string): boolean {
  return name.startsWith('$') || name.startsWith('_') || name.startsWith('//');
}

function rejectUnknownKeys(obj: Json, known: readonly string[], path: string, p: Problems): void {
  for (const name of Object.keys(obj)) {
    if (!known.includes(name) && !isAnnotation(name)) {
      p.add(key(path, name), `unknown field (expected one of: ${known.join(', ')})`);
    }
  }
}

function text(obj: Json, name: string, path: string, p: Problems, opts: { required: boolean; fallback?: string }): string {
  const v = obj[name];
  const at = key(path, name);
  if (v === undefined) {
    if (opts.required) p.add(at, 'is required');
    return opts.fallback ?? '';
  }
  if (typeof v !== 'string') {
    p.add(at, `must be a string, not ${describe(v)}`);
    return opts.fallback ?? '';
  }
  if (opts.required && v.trim() === '') p.add(at, 'must not be empty');
  if (v.length > LIMITS.textLength) p.add(at, `must be at most ${LIMITS.textLength} characters`);
  return v;
}

function integer(
  obj: Json,
  name: string,
  path: string,
  p: Problems,
  fallback: number,
  range: { min: number; max: number },
  opts: { integer?: boolean } = { integer: true },
): number {
  const v = obj[name];
  if (v === undefined) return fallback;
  const at = key(path, name);
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    p.add(at, `must be a number, not ${describe(v)}`);
    return fallback;
  }
  if (opts.integer !== false && !Number.isInteger(v)) {
    p.add(at, 'must be a whole number');
    return fallback;
  }
  if (v < range.min || v > range.max) {
    p.add(at, `must be between ${range.min} and ${range.max}`);
    return fallback;
  }
  return v;
}

function stringList(v: unknown, at: string, p: Problems, opts: { nonEmpty?: boolean } = {}): string[] {
  if (!Array.isArray(v)) {
    p.add(at, `must be an array of strings, not ${describe(v)}`);
    return [];
  }
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s !== 'string' || s.trim() === '') p.add(`${at}[${i}]`, 'must be a non-empty string');
    else out.push(s);
  });
  if (opts.nonEmpty && v.length === 0) p.add(at, 'must list at least one entry');
  return out;
}

function slug(v: unknown, at: string, p: Problems): string | null {
  if (typeof v !== 'string') {
    p.add(at, v === undefined ? 'is required' : `must be a string, not ${describe(v)}`);
    return null;
  }
  if (!SLUG_PATTERN.test(v) || v.length > SLUG_MAX_LENGTH) {
    p.add(at, `must be a lowercase slug (a-z, 0-9 and single hyphens, at most ${SLUG_MAX_LENGTH} characters)`);
    return null;
  }
  return v;
}

function validateSite(v: unknown, p: Problems): SiteConfig {
  const path = '$.site';
  if (!isObject(v)) {
    p.add(path, v === undefined ? 'is required' : `must be an object, not ${describe(v)}`);
    return { title: '', url: 'https://marquee.invalid/', description: '' };
  }
  rejectUnknownKeys(v, ['title', 'url', 'description'], path, p);
  const title = text(v, 'title', path, p, { required: true });
  const url = text(v, 'url', path, p, { required: true });
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') p.add(`${path}.url`, 'must be an http(s) URL');
    } catch {
      p.add(`${path}.url`, 'must be an absolute http(s) URL');
    }
  }
  const description = text(v, 'description', path, p, { required: false, fallback: '' });
  return { title, url, description };
}

const FETCH_KEYS = [
  'timeoutMs',
  'maxBytes',
  'maxRedirects',
  'concurrency',
  'minIntervalMinutes',
  'maxIntervalMinutes',
  'defaultIntervalMinutes',
  'maxBackoffMinutes',
  'userAgent',
  'allowPrivateAddresses',
] as const;

function validateFetch(v: unknown, siteUrl: string, p: Problems): FetchConfig {
  const path = '$.fetch';
  const d = defaultFetchConfig(siteUrl);
  if (v === undefined) return d;
  if (!isObject(v)) {
    p.add(path, `must be an object, not ${describe(v)}`);
    return d;
  }
  rejectUnknownKeys(v, FETCH_KEYS, path, p);
  const interval = LIMITS.intervalMinutes;
  const cfg: FetchConfig = {
    timeoutMs: integer(v, 'timeoutMs', path, p, d.timeoutMs, LIMITS.timeoutMs),
    maxBytes: integer(v, 'maxBytes', path, p, d.maxBytes, LIMITS.maxBytes),
    maxRedirects: integer(v, 'maxRedirects', path, p, d.maxRedirects, LIMITS.maxRedirects),
    concurrency: integer(v, 'concurrency', path, p, d.concurrency, LIMITS.concurrency),
    minIntervalMinutes: integer(v, 'minIntervalMinutes', path, p, d.minIntervalMinutes, interval),
    maxIntervalMinutes: integer(v, 'maxIntervalMinutes', path, p, d.maxIntervalMinutes, interval),
    defaultIntervalMinutes: integer(v, 'defaultIntervalMinutes', path, p, d.defaultIntervalMinutes, interval),
    maxBackoffMinutes: integer(v, 'maxBackoffMinutes', path, p, d.maxBackoffMinutes, LIMITS.maxBackoffMinutes),
    userAgent: d.userAgent,
    allowPrivateAddresses: d.allowPrivateAddresses,
  };
  if (v.userAgent !== undefined) {
    const ua = text(v, 'userAgent', path, p, { required: true, fallback: d.userAgent });
    // A header value: printable ASCII only, or fetch() throws at request time.
    if (!/^[\x20-\x7e]+$/.test(ua)) p.add(`${path}.userAgent`, 'must be printable ASCII (it is sent as a header)');
    else cfg.userAgent = ua;
  }
  if (v.allowPrivateAddresses !== undefined) {
    if (typeof v.allowPrivateAddresses !== 'boolean') p.add(`${path}.allowPrivateAddresses`, 'must be true or false');
    else cfg.allowPrivateAddresses = v.allowPrivateAddresses;
  }
  if (cfg.minIntervalMinutes > cfg.maxIntervalMinutes) {
    p.add(`${path}.minIntervalMinutes`, 'must not be greater than maxIntervalMinutes');
  } else if (cfg.defaultIntervalMinutes < cfg.minIntervalMinutes || cfg.defaultIntervalMinutes > cfg.maxIntervalMinutes) {
    p.add(`${path}.defaultIntervalMinutes`, 'must lie between minIntervalMinutes and maxIntervalMinutes');
  }
  return cfg;
}

function validateTaxonomy(v: unknown, p: Problems): TaxonomyTag[] {
  const path = '$.taxonomy';
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    p.add(path, `must be an array, not ${describe(v)}`);
    return [];
  }
  if (v.length > LIMITS.taxonomy.max) p.add(path, `must have at most ${LIMITS.taxonomy.max} entries`);
  const seen = new Map<string, number>();
  const out: TaxonomyTag[] = [];
  v.forEach((entry, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(entry)) {
      p.add(at, `must be an object, not ${describe(entry)}`);
      return;
    }
    rejectUnknownKeys(entry, ['id', 'label', 'kind', 'match', 'exclude'], at, p);
    const id = slug(entry.id, `${at}.id`, p);
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined) p.add(`${at}.id`, `duplicates the id of $.taxonomy[${first}]`);
      else seen.set(id, i);
    }
    const label = text(entry, 'label', at, p, { required: true });
    const kind = text(entry, 'kind', at, p, { required: true });
    const match = entry.match === undefined ? (p.add(`${at}.match`, 'is required'), []) : stringList(entry.match, `${at}.match`, p, { nonEmpty: true });
    const tag: TaxonomyTag = { id: id ?? '', label, kind, match };
    if (entry.exclude !== undefined) tag.exclude = stringList(entry.exclude, `${at}.exclude`, p);
    out.push(tag);
  });
  return out;
}

function validateSources(v: unknown, fetch: FetchConfig, tagIds: Set<string>, opts: ValidateOptions, p: Problems): SourceConfig[] {
  const path = '$.sources';
  if (!Array.isArray(v)) {
    p.add(path, v === undefined ? 'is required' : `must be an array, not ${describe(v)}`);
    return [];
  }
  if (v.length > LIMITS.sources.max) p.add(path, `must have at most ${LIMITS.sources.max} entries`);
  const ids = new Map<string, number>();
  const urls = new Map<string, number>();
  const out: SourceConfig[] = [];
  v.forEach((entry, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(entry)) {
      p.add(at, `must be an object, not ${describe(entry)}`);
      return;
    }
    rejectUnknownKeys(entry, ['id', 'name', 'url', 'weight', 'tags'], at, p);
    const id = slug(entry.id, `${at}.id`, p);
    if (id !== null) {
      const first = ids.get(id);
      if (first !== undefined) p.add(`${at}.id`, `duplicates the id of $.sources[${first}]`);
      else ids.set(id, i);
    }
    const name = text(entry, 'name', at, p, { required: true });
    let url = '';
    if (typeof entry.url !== 'string') {
      p.add(`${at}.url`, entry.url === undefined ? 'is required' : `must be a string, not ${describe(entry.url)}`);
    } else {
      const check = checkSourceUrl(entry.url, { allowPrivateAddresses: fetch.allowPrivateAddresses, allowLocalPaths: opts.allowLocalPaths });
      if (!check.ok) {
        p.add(`${at}.url`, check.message);
      } else {
        url = check.url;
        const first = urls.get(url);
        if (first !== undefined) p.add(`${at}.url`, `duplicates the url of $.sources[${first}]`);
        else urls.set(url, i);
      }
    }
    const source: SourceConfig = { id: id ?? '', name, url };
    if (entry.weight !== undefined) source.weight = integer(entry, 'weight', at, p, 1, LIMITS.weight, { integer: false });
    if (entry.tags !== undefined) {
      source.tags = stringList(entry.tags, `${at}.tags`, p);
      source.tags.forEach((t, j) => {
        if (!tagIds.has(t)) p.add(`${at}.tags[${j}]`, `names no taxonomy id ("${t}")`);
      });
    }
    out.push(source);
  });
  return out;
}

function validateTagFilter(v: unknown, at: string, tagIds: Set<string>, p: Problems): { tags?: string[]; phrases?: string[] } | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    p.add(at, `must be an object, not ${describe(v)}`);
    return undefined;
  }
  rejectUnknownKeys(v, ['tags', 'phrases'], at, p);
  const out: { tags?: string[]; phrases?: string[] } = {};
  if (v.tags !== undefined) {
    out.tags = stringList(v.tags, `${at}.tags`, p);
    out.tags.forEach((t, j) => {
      if (!tagIds.has(t)) p.add(`${at}.tags[${j}]`, `names no taxonomy id ("${t}")`);
    });
  }
  if (v.phrases !== undefined) out.phrases = stringList(v.phrases, `${at}.phrases`, p);
  return out;
}

function validateCuration(v: unknown, tagIds: Set<string>, p: Problems): CurationConfig {
  const path = '$.curation';
  if (v === undefined) return { ...DEFAULT_CURATION };
  if (!isObject(v)) {
    p.add(path, `must be an object, not ${describe(v)}`);
    return { ...DEFAULT_CURATION };
  }
  // Fields beyond these are the editor's to interpret; they pass through untouched.
  const out: CurationConfig = {
    ...v,
    maxAgeDays: integer(v, 'maxAgeDays', path, p, DEFAULT_CURATION.maxAgeDays, LIMITS.maxAgeDays, { integer: false }),
    maxItems: integer(v, 'maxItems', path, p, DEFAULT_CURATION.maxItems, LIMITS.maxItems),
    perSourceCap: integer(v, 'perSourceCap', path, p, DEFAULT_CURATION.perSourceCap, LIMITS.perSourceCap),
  };
  const include = validateTagFilter(v.include, `${path}.include`, tagIds, p);
  const exclude = validateTagFilter(v.exclude, `${path}.exclude`, tagIds, p);
  if (include) out.include = include;
  else delete out.include;
  if (exclude) out.exclude = exclude;
  else delete out.exclude;
  if (v.ranking !== undefined) {
    const at = `${path}.ranking`;
    if (!isObject(v.ranking)) {
      p.add(at, `must be an object, not ${describe(v.ranking)}`);
      delete out.ranking;
    } else {
      rejectUnknownKeys(v.ranking, ['recency', 'sourceWeight', 'outlets', 'halfLifeHours'], at, p);
      const ranking: NonNullable<CurationConfig['ranking']> = {};
      for (const name of ['recency', 'sourceWeight', 'outlets', 'halfLifeHours'] as const) {
        if (v.ranking[name] !== undefined) {
          ranking[name] = integer(v.ranking, name, at, p, 0, { min: 0, max: name === 'halfLifeHours' ? 24 * 365 : 1000 }, { integer: false });
        }
      }
      out.ranking = ranking;
    }
  }
  return out;
}

export function validateConfig(json: unknown, opts: ValidateOptions = {}): ValidationResult {
  const p = new Problems();
  if (!isObject(json)) {
    p.add('$', `must be a JSON object, not ${describe(json)}`);
    return { ok: false, problems: p.list };
  }
  rejectUnknownKeys(json, ['site', 'sources', 'fetch', 'taxonomy', 'curation'], '$', p);
  const site = validateSite(json.site, p);
  const fetch = validateFetch(json.fetch, site.url || 'https://marquee.invalid/', p);
  const taxonomy = validateTaxonomy(json.taxonomy, p);
  const tagIds = new Set(taxonomy.map((t) => t.id).filter((id) => id !== ''));
  const sources = validateSources(json.sources, fetch, tagIds, opts, p);
  const curation = validateCuration(json.curation, tagIds, p);
  if (p.list.length > 0) return { ok: false, problems: p.list };
  return { ok: true, config: { site, sources, fetch, taxonomy, curation } };
}

/** `$.sources[3].url: must be an http(s) URL` — one line per problem, for logs and the CLI. */
export function formatProblems(problems: ConfigProblem[]): string {
  return problems.map((q) => `${q.path}: ${q.message}`).join('\n');
}
