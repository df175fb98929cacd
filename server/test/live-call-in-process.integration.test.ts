import { liveCallAcceptance } from './live-call-acceptance.js';

liveCallAcceptance('in-process', { redis: false });
