import { liveCallAcceptance } from './live-call-acceptance.js';

liveCallAcceptance('Redis', { redis: true });
