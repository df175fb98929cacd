import { describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';

async function readAll(store: BlobStore, key: string, range?: { start: number; end: number }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of store.read(key, range)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** What every BlobStore must do, run against each implementation. */
export function blobStoreContract(name: string, create: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('writes a blob in order through a writer, with a header replaced at the end, once committed', async () => {
      const store = await create();
      const writer = await store.openWriter('org/calls/a.wav');
      writer.write(Buffer.from('HEAD'));
      for (let i = 0; i < 500; i++) writer.write(Buffer.from(`${i % 10}`));
      expect(writer.size).toBe(504);
      await writer.overwrite(0, Buffer.from('head'));
      await writer.commit();
      const text = await readAll(store, 'org/calls/a.wav');
      expect(text.slice(0, 8)).toBe('head0123');
      expect(text).toHaveLength(504);
      expect(await store.size('org/calls/a.wav')).toBe(504);
      expect(await readAll(store, 'org/calls/a.wav', { start: 4, end: 6 })).toBe('012');
    });

    it('continues a blob (a call moved to another gateway), dropping a torn tail first', async () => {
      const store = await create();
      await store.put('org/calls/b.wav', Buffer.from('HEAD12345'));
      const writer = await store.openWriter('org/calls/b.wav', { append: true });
      expect(writer.size).toBe(9);
      await writer.truncate(8);
      writer.write(Buffer.from('67'));
      await writer.commit();
      expect(await readAll(store, 'org/calls/b.wav')).toBe('HEAD123467');
    });

    it('reports a missing blob as undefined and deletes quietly', async () => {
      const store = await create();
      expect(await store.size('org/none.wav')).toBeUndefined();
      await store.put('org/c.json', Buffer.from('{}'));
      await store.delete('org/c.json');
      await store.delete('org/c.json');
      expect(await store.size('org/c.json')).toBeUndefined();
    });

    it('refuses keys that could escape the store', async () => {
      const store = await create();
      await expect(store.openWriter('../etc/passwd')).rejects.toThrow(/unsafe blob key/);
      await expect(store.put('/abs', Buffer.alloc(0))).rejects.toThrow(/unsafe blob key/);
    });
  });
}
