import { busContract } from './bus.contract.js';
import { InProcessHub } from './in-process-bus.js';

busContract('in-process', async () => {
  const hub = new InProcessHub();
  const a = hub.createBus();
  const b = hub.createBus();
  return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
});
