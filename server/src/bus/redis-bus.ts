import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger.js';
import type { Bus, Unsubscribe } from './bus.js';
import { SubscriberSet } from './subscriber-set.js';
import { describeError } from '../lib/errors.js';
import { metrics } from '../lib/metrics.js';

/** Prefix of every Redis channel, so one Redis can serve other applications too. */
const DEFAULT_CHANNEL_PREFIX = 'callassist:';

/**
 * Redis pub/sub bus: one connection publishes, one is in subscriber mode. ioredis reconnects and
 * re-subscribes by itself after a Redis restart; messages published while Redis is down fail (the
 * caller decides whether to retry).
 */
export class RedisBus implements Bus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly subscribers = new SubscriberSet();
  /** SUBSCRIBE commands in flight, so a second subscriber waits until the channel really is live. */
  private readonly subscribing = new Map<string, Promise<unknown>>();

  private readonly prefix: string;

  constructor(url: string, logger: Logger, options: { channelPrefix?: string } = {}) {
    this.prefix = options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX;
    const connectionOptions = { maxRetriesPerRequest: 2 };
    this.publisher = new Redis(url, { ...connectionOptions, connectionName: 'callassist-pub' });
    this.subscriber = new Redis(url, { ...connectionOptions, connectionName: 'callassist-sub' });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => logger.warn({ err: describeError(error) }, 'redis connection error'));
    }
    this.subscriber.on('message', (prefixed: string, payload: string) => {
      this.subscribers.deliver(prefixed.slice(this.prefix.length), payload, (error) =>
        logger.error({ err: describeError(error) }, 'bus handler failed'),
      );
    });
  }

  /** Resolves once both connections are up, so start-up fails fast on a wrong REDIS_URL. */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async publish(channel: string, payload: string): Promise<number> {
    const timer = metrics.busPublish.startTimer();
    try {
      const receivers = await this.publisher.publish(this.prefix + channel, payload);
      timer();
      return receivers;
    } catch (error) {
      metrics.busPublishErrors.inc();
      throw error;
    }
  }

  async subscribe(channel: string, handler: (payload: string) => void): Promise<Unsubscribe> {
    if (this.subscribers.add(channel, handler)) {
      const pending = this.subscriber.subscribe(this.prefix + channel).finally(() => this.subscribing.delete(channel));
      this.subscribing.set(channel, pending);
    }
    await this.subscribing.get(channel);
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      if (this.subscribers.remove(channel, handler)) await this.subscriber.unsubscribe(this.prefix + channel);
    };
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
