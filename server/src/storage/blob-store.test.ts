import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { blobStoreContract } from './blob-store.contract.js';
import { FsBlobStore } from './fs-blob-store.js';
import { MemoryBlobStore } from './memory-blob-store.js';

blobStoreContract('filesystem', async () => new FsBlobStore(await mkdtemp(path.join(os.tmpdir(), 'blobs-'))));
blobStoreContract('in memory', async () => new MemoryBlobStore());
