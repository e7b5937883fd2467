import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration: where Twilio’s REST API is', () => {
  it('is Twilio’s own hosts unless MADOGUCHI_TWILIO_API_URL names another http(s) base', () => {
    expect(loadConfig({}).twilioApiUrl).toBeNull();
    expect(loadConfig({ MADOGUCHI_TWILIO_API_URL: 'http://127.0.0.1:4010/' }).twilioApiUrl).toBe('http://127.0.0.1:4010');
    expect(loadConfig({ MADOGUCHI_TWILIO_API_URL: 'https://twilio-proxy.internal/base' }).twilioApiUrl).toBe('https://twilio-proxy.internal/base');
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['ftp://twilio-proxy.internal', 'api.twilio.com']) {
      expect(() => loadConfig({ MADOGUCHI_TWILIO_API_URL: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ MADOGUCHI_TWILIO_API_URL: value }), value).toThrow(/MADOGUCHI_TWILIO_API_URL/);
    }
  });
});
