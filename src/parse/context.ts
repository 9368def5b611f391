import type { FeedFormat } from '../model';
import type { XmlEntities } from './entities';

/** What every dialect reader needs besides the tree. */
export interface ReadContext {
  ents: XmlEntities;
  /** The URL the document came from: the root of the xml:base chain and the default feedUrl. */
  url: string | null;
  format: FeedFormat;
  maxItems: number;
}
