import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { testRedisUrl } from '../../test/helpers/services.js';
import { busContract } from './bus.contract.js';
import { RedisBus } from './redis-bus.js';

busContract('redis', async () => {
  const logger = pino({ level: 'silent' });
  // A namespace per pair: test runs sharing one Redis never see each other's messages.
  const channelPrefix = `test:${randomUUID()}:`;
  const a = new RedisBus(testRedisUrl(), logger, { channelPrefix });
  const b = new RedisBus(testRedisUrl(), logger, { channelPrefix });
  await Promise.all([a.ready(), b.ready()]);
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});
