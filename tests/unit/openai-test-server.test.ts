import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOutlineMessages, OUTLINE_JSON_SCHEMA, parseOutline, type Outline } from '../../lib/generation/outline';
import { buildSectionMessages } from '../../lib/generation/section-context';
import type { WritingOptions } from '../../lib/generation/writing';
import {
  isOutlineRequest, isSectionRequest, makeOutline, sectionHeading, startOpenAITestServer, testTokenCount, type OpenAITestServer,
} from '../support/openai-test-server';

let server: OpenAITestServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startOpenAITestServer();
  client = new OpenAI({ baseURL: server.url, apiKey: 'x', dangerouslyAllowBrowser: true, maxRetries: 0 });
});
afterAll(async () => { await server.close(); });
beforeEach(() => server.reset());

const model = 'test-model';
const options: WritingOptions = { tone: 'informative', length: 'long', language: 'English' };
const instructions = 'You write short answers.';
const question = 'Say something about compost.';
const messages = [{ role: 'system' as const, content: instructions }, { role: 'user' as const, content: question }];
const promptTokens = testTokenCount(messages.map((message) => message.content).join(''));

async function chatChunks(extra: Partial<OpenAI.ChatCompletionCreateParamsStreaming> = {}) {
  const stream = await client.chat.completions.create({ model, messages, stream: true, ...extra });
  const received: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) received.push(chunk);
  return received;
}

async function chatAnswer(body: Omit<OpenAI.ChatCompletionCreateParamsStreaming, 'model' | 'stream'>): Promise<string> {
  let answer = '';
  for await (const chunk of await client.chat.completions.create({ model, stream: true, ...body })) answer += chunk.choices[0]?.delta?.content ?? '';
  return answer;
}

describe('usage in streams', () => {
  const text = 'Compost turns kitchen scraps into rich soil in a few months.';

  it('sends the usage last, in a chunk without choices, when the chat request asks for it', async () => {
    server.enqueue({ kind: 'text', text, chunkChars: 10 });
    const received = await chatChunks({ stream_options: { include_usage: true } });
    const last = received.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({ prompt_tokens: promptTokens, completion_tokens: testTokenCount(text), total_tokens: promptTokens + testTokenCount(text) });
    expect(received.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(received.filter((chunk) => chunk.usage)).toHaveLength(1);
  });

  it('sends no usage when the chat request does not ask for it', async () => {
    server.enqueue({ kind: 'text', text });
    const received = await chatChunks();
    expect(received.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(received.some((chunk) => chunk.usage)).toBe(false);
  });

  it('puts the usage in response.completed on the Responses API', async () => {
    server.enqueue({ kind: 'text', text });
    const stream = await client.responses.create({
      model, instructions, input: [{ role: 'user', content: question }], stream: true,
    });
    const types: string[] = [];
    let usage: OpenAI.Responses.ResponseUsage | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') usage = event.response.usage;
    }
    expect(types.at(-1)).toBe('response.completed');
    expect(usage).toEqual({ input_tokens: promptTokens, output_tokens: testTokenCount(text), total_tokens: promptTokens + testTokenCount(text) });
  });
});

describe('text replies cut or stalled', () => {
  const text = 'abcdefghij'.repeat(30);

  it('ends the SDK stream with an error after the characters sent, and without usage', async () => {
    server.enqueue({ kind: 'text', text, chunkChars: 10, cutAfterChars: 95 });
    const stream = await client.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
    let received = '';
    let usageSeen = false;
    const reading = (async () => {
      for await (const chunk of stream) {
        received += chunk.choices[0]?.delta?.content ?? '';
        usageSeen ||= Boolean(chunk.usage);
      }
    })();
    await expect(reading).rejects.toThrow();
    expect(received).toBe(text.slice(0, 95));
    expect(usageSeen).toBe(false);
  });

  it('stalls after the characters sent until cutStalled', async () => {
    server.enqueue({ kind: 'text', text, chunkChars: 10, stallAfterChars: 55 });
    const stream = await client.chat.completions.create({ model, messages, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    let received = '';
    // Read until the stall point: the stream is open and quiet there.
    while (received.length < 55) received += (await iterator.next()).value?.choices[0]?.delta?.content ?? '';
    expect(received).toBe(text.slice(0, 55));
    expect(server.requests.at(-1)!.sent.at(-1)!.chars).toBe(55);
    expect(server.cutStalled()).toBe(1);
    await expect(iterator.next()).rejects.toThrow();
  });
});

describe('default outline', () => {
  const input = { topic: 'Home composting', options, targetWords: 2500, siteCategories: ['Uncategorized', 'Gardening', 'Recipes'], allowNewCategories: false };

  function expectFiveSections(outline: Outline) {
    expect(outline.sections.map((section) => section.level)).toEqual([2, 2, 3, 2, 2]);
    expect(outline.sections.every((section) => section.covers && section.heading.includes('Home composting'))).toBe(true);
    expect(outline.sections.filter((section) => section.extras.includes('table'))).toHaveLength(1);
    expect(outline.title).toContain('Home composting');
    expect(outline.tags.length).toBeGreaterThanOrEqual(3);
    expect(outline.categories).toEqual(['Gardening']);
  }

  it('answers a post_outline schema request with JSON that parses into 5 sections, leaving the queue alone', async () => {
    server.enqueue({ kind: 'text', text: 'queued answer' });
    const answer = await chatAnswer({
      messages: buildOutlineMessages({ ...input, format: 'json' }),
      response_format: { type: 'json_schema', json_schema: { name: 'post_outline', strict: true, schema: OUTLINE_JSON_SCHEMA as unknown as Record<string, unknown> } },
    });
    expect(answer.trimStart().startsWith('{')).toBe(true);
    const parsed = parseOutline(answer);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    expectFiveSections(parsed.outline);
    expect(await chatAnswer({ messages })).toBe('queued answer');
  });

  it('answers a line-format outline request (no schema, Responses API) in the line format', async () => {
    const [system, user] = buildOutlineMessages({ ...input, format: 'lines' });
    const request = { instructions: system!.content, input: [{ role: 'user' as const, content: user!.content }] };
    expect(isOutlineRequest({ body: request })).toBe(true);
    let answer = '';
    for await (const event of await client.responses.create({ model, stream: true, ...request })) {
      if (event.type === 'response.output_text.delta') answer += event.delta;
    }
    expect(answer.startsWith('TITLE: ')).toBe(true);
    const parsed = parseOutline(answer);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    expectFiveSections(parsed.outline);
  });
});

describe('default sections', () => {
  const outline = makeOutline('Home composting');
  const sectionMessages = (index: number) => buildSectionMessages({
    outline, index, written: [], limits: { contextTokens: 128_000, maxOutputTokens: 16_000 }, targetWords: 1500, options,
  });

  it('knows a section request and the heading it asks for', () => {
    const body = { messages: sectionMessages(2) };
    expect(isSectionRequest({ body })).toBe(true);
    expect(isOutlineRequest({ body })).toBe(false);
    expect(sectionHeading({ body })).toEqual({ heading: 'Tools for Home composting', level: 3 });
    expect(sectionHeading({ body: { messages: sectionMessages(0) } })).toEqual({ heading: 'What Home composting is', level: 2 });
    expect(isSectionRequest({ body: { messages } })).toBe(false);
  });

  it('answers each section with its own heading line and prose, and a table where asked', async () => {
    const tools = await chatAnswer({ messages: sectionMessages(2) });
    const first = await chatAnswer({ messages: sectionMessages(0) });
    expect(tools.startsWith('### Tools for Home composting\n\n')).toBe(true);
    expect(first.startsWith('## What Home composting is\n\n')).toBe(true);
    expect(tools).toMatch(/^\| .+ \|$/m);
    expect(first).not.toMatch(/^\|/m);
    const prose = (answer: string) => answer.split('\n\n').slice(1).filter((block) => !block.startsWith('|'));
    expect(prose(first).length).toBeGreaterThanOrEqual(2);
    expect(prose(first)[0]).toContain('what home composting is');
    const words = prose(first).join(' ').split(/\s+/).length;
    expect(words).toBeGreaterThanOrEqual(120);
    expect(words).toBeLessThanOrEqual(180);
  });

  it('lets a handler answer a section request instead of the default', async () => {
    server.respondWith((request) => (isSectionRequest(request) ? { kind: 'text', text: 'scripted section' } : undefined));
    expect(await chatAnswer({ messages: sectionMessages(0) })).toBe('scripted section');
  });
});
