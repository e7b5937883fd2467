import { describe, expect, it } from 'vitest';
import { reconnectDelay, sameOriginSocketUrl } from './reconnect.js';

describe('reconnectDelay', () => {
  const noJitter = () => 0.5;

  it('doubles from one second and stops at thirty', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => reconnectDelay(n, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('jitters by at most 20 % and never exceeds the cap', () => {
    expect(reconnectDelay(0, () => 0)).toBe(800);
    expect(reconnectDelay(0, () => 1)).toBe(1200);
    expect(reconnectDelay(10, () => 1)).toBe(30000);
  });
});

describe('sameOriginSocketUrl', () => {
  it('follows the page scheme', () => {
    expect(sameOriginSocketUrl('/api/v1/agent/ws', { protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/api/v1/agent/ws');
    expect(sameOriginSocketUrl('/api/v1/wallboard/ws?tenants=a', { protocol: 'https:', host: 'cc.example.jp' })).toBe(
      'wss://cc.example.jp/api/v1/wallboard/ws?tenants=a',
    );
  });
});
