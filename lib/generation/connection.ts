/** "Test connection" in the options page: key, base URL and model, said in plain words. */
import OpenAI from 'openai';
import { describeError } from './model-errors';
import { createOpenAIClient } from '../jobs/job-runner';
import type { ConnectionReport } from '../messaging/protocol';
import type { Settings } from '../storage/storage';

export async function testConnection(settings: Settings, apiKey: string, listOnly: boolean, client: OpenAI = createOpenAIClient(settings, apiKey)): Promise<ConnectionReport> {
  const quick = client.withOptions({ maxRetries: 0, timeout: 20_000 });
  let models: string[] = [];
  try {
    for await (const model of quick.models.list()) models.push(model.id);
    models = models.sort();
  } catch (error) {
    // Some compatible servers have no /models; a 404 there says nothing about the key yet.
    if (!(error instanceof OpenAI.NotFoundError)) {
      return { ok: false, message: describeError(error, { baseURL: settings.baseURL, model: settings.model }).message, models: [] };
    }
  }
  if (listOnly) return { ok: true, message: models.length ? `${models.length} models found.` : 'The endpoint lists no models; type the model name.', models };
  if (models.length > 0 && !models.includes(settings.model)) {
    return { ok: false, message: `Connected, and the key works, but ${new URL(settings.baseURL).host} has no model “${settings.model}”. Pick one from the list.`, models };
  }
  try {
    await quick.chat.completions.create({ model: settings.model, messages: [{ role: 'user', content: 'Say OK.' }], max_tokens: 5 });
  } catch (error) {
    return { ok: false, message: describeError(error, { baseURL: settings.baseURL, model: settings.model }).message, models };
  }
  return { ok: true, message: `Connected: ${settings.model} at ${new URL(settings.baseURL).host} answers.`, models };
}
