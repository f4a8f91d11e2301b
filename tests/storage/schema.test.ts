import { describe, expect, it } from 'vitest';
import { GleanerDB } from '@/lib/storage/db';
import { LATEST_SCHEMA_VERSION } from '@/lib/storage/schema';

describe('latest schema', () => {
  it('opens with a unique URL key and a multi-entry tag index', async () => {
    const db = new GleanerDB(`schema-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    const schema = db.articles.schema;
    expect(schema.primKey.name).toBe('id');
    expect(schema.idxByName.urlKey?.unique).toBe(true);
    expect(schema.idxByName.tags?.multi).toBe(true);
    await db.delete();
  });
});
