import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../lib/generation/connection';
import { DEFAULT_SETTINGS } from '../../lib/storage/storage';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';

let server: OpenAITestServer;
beforeAll(async () => { server = await startOpenAITestServer({ apiKey: 'sk-good' }); });
afterAll(async () => { await server.close(); });

describe('Test connection', () => {
  const settings = () => ({ ...DEFAULT_SETTINGS, baseURL: server.url, model: 'test-model' });

  it('lists the endpoint’s models and says the model answers', async () => {
    const report = await testConnection(settings(), 'sk-good', false);
    expect(report).toEqual({ ok: true, message: `Connected: test-model at ${new URL(server.url).host} answers.`, models: ['gpt-4o-mini', 'test-model'] });
  });

  it('says plainly when the key is wrong', async () => {
    const report = await testConnection(settings(), 'sk-bad', false);
    expect(report.ok).toBe(false);
    expect(report.message).toContain('rejected the API key');
  });

  it('says which model is missing and offers the list', async () => {
    const report = await testConnection({ ...settings(), model: 'gpt-9' }, 'sk-good', false);
    expect(report).toMatchObject({ ok: false, models: ['gpt-4o-mini', 'test-model'] });
    expect(report.message).toContain('has no model “gpt-9”');
  });

  it('says plainly when nothing listens at the base URL', async () => {
    const report = await testConnection({ ...settings(), baseURL: 'http://127.0.0.1:9/v1' }, 'sk-good', false);
    expect(report.ok).toBe(false);
    expect(report.message).toContain('Could not reach 127.0.0.1:9');
  });
});
