import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('works with no environment at all (npm start defaults)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', STT_PROVIDER: 'local', sttProviders: ['local'], MATCH_STABILITY: 'next-update', DEEPGRAM_MODEL: 'nova-3' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads the failover chain and the WhisperLive pool as ordered lists', () => {
    const config = loadConfig({ STT_PROVIDERS: 'whisperlive, deepgram,local', WHISPERLIVE_URLS: 'ws://jetson-1:9090,ws://jetson-2:9090', DEEPGRAM_API_KEY: 'k', WHISPERLIVE_INT16: 'true' });
    expect(config.sttProviders).toEqual(['whisperlive', 'deepgram', 'local']);
    expect(config.WHISPERLIVE_URLS).toEqual(['ws://jetson-1:9090', 'ws://jetson-2:9090']);
    expect(config.WHISPERLIVE_INT16).toBe(true);
  });

  it('names what is missing or wrong', () => {
    expect(() => loadConfig({ STT_PROVIDERS: 'deepgram' })).toThrow(/deepgram needs DEEPGRAM_API_KEY/);
    expect(() => loadConfig({ STT_PROVIDER: 'whisperlive' })).toThrow(/whisperlive needs WHISPERLIVE_URLS/);
    expect(() => loadConfig({ STT_PROVIDERS: 'google' })).toThrow(/STT_PROVIDERS/);
    expect(() => loadConfig({ WHISPERLIVE_URLS: 'http://x:9090' })).toThrow(/ws:\/\/ or wss:\/\//);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
