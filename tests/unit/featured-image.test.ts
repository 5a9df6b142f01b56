import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crc32, inflateSync } from 'node:zlib';
import { FeaturedImageError, generateFeaturedImage, IMAGE_PROMPT_SYSTEM, writeImagePrompt, type ImageSubject } from '../../lib/generation/featured-image';
import { createOpenAIClient } from '../../lib/jobs/job-runner';
import { DEFAULT_SETTINGS } from '../../lib/storage/storage';
import { isImagePromptRequest, startOpenAITestServer, TEST_IMAGE_PROMPT, type OpenAITestServer, type RecordedRequest } from '../support/openai-test-server';

let server: OpenAITestServer;
beforeAll(async () => { server = await startOpenAITestServer(); });
afterAll(async () => { await server.close(); });
beforeEach(() => server.reset());

const subject: ImageSubject = {
  title: 'Speed Up Your WordPress Site',
  description: 'Caching, lean themes and smaller images, step by step.',
  keyphrase: 'wordpress caching for beginners',
  language: 'English',
};
// The project's own client, without retries so a scripted 500 answers once.
const client = () => createOpenAIClient({ ...DEFAULT_SETTINGS, baseURL: server.url }, 'sk-test').withOptions({ maxRetries: 0 });
const generate = (imageModel = 'gpt-image-2.5-flare', signal?: AbortSignal) =>
  generateFeaturedImage({ client: client(), chatModel: 'test-model', imageModel, subject, signal });
const imageRequests = () => server.requests.filter((request) => request.path === '/v1/images/generations');
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(FeaturedImageError);
  return (error as FeaturedImageError).message;
};

describe('writeImagePrompt', () => {
  it('asks the chat model with the post’s title and keyphrase, and adds the no-text rule itself', async () => {
    const prompt = await writeImagePrompt(client(), 'test-model', subject);
    expect(prompt.startsWith(TEST_IMAGE_PROMPT)).toBe(true);
    expect(prompt).toMatch(/No text, letters, words, numbers, logos or watermarks/);
    const [request] = server.requests as [RecordedRequest];
    expect(isImagePromptRequest(request)).toBe(true);
    expect(request.body).toMatchObject({ model: 'test-model', max_tokens: 200 });
    expect(request.body.stream).toBeFalsy();
    expect(request.body.messages[0]).toEqual({ role: 'system', content: IMAGE_PROMPT_SYSTEM });
    expect(IMAGE_PROMPT_SYSTEM).toMatch(/no text, letters, words, numbers, logos or watermarks/i);
    expect(IMAGE_PROMPT_SYSTEM).toMatch(/landscape/i);
    expect(request.body.messages[1].content).toContain(subject.title);
    expect(request.body.messages[1].content).toContain(subject.keyphrase);
  });

  it('is answered at once, and leaves the chat queue to the post', async () => {
    server.enqueue({ kind: 'text', text: 'the post' });
    expect(await writeImagePrompt(client(), 'test-model', subject)).toContain(TEST_IMAGE_PROMPT);
    const post = await client().chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: 'Write.' }] });
    expect(post.choices[0]?.message.content).toBe('the post');
  });

  it('is answered streamed too, when the request asks for a stream', async () => {
    const stream = await client().chat.completions.create({ model: 'test-model', stream: true, messages: [{ role: 'system', content: IMAGE_PROMPT_SYSTEM }, { role: 'user', content: subject.title }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(TEST_IMAGE_PROMPT);
    expect(server.requests.filter(isImagePromptRequest)).toHaveLength(1);
  });
});

describe('generateFeaturedImage', () => {
  it('draws a PNG named and described after the keyphrase, at the GPT image size', async () => {
    const image = await generate();
    expect(image).toMatchObject({ mime: 'image/png', fileName: 'wordpress-caching-beginners.png', alt: 'Wordpress caching for beginners' });
    expect([...Buffer.from(image.base64, 'base64').subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [request] = imageRequests() as [RecordedRequest];
    expect(request.body).toEqual({ model: 'gpt-image-2.5-flare', prompt: expect.stringContaining(TEST_IMAGE_PROMPT), n: 1, size: '1536x1024' });
    expect(request.body.prompt).toMatch(/No text, letters, words/);
    // The prompt was asked for first, by the chat model.
    expect(server.requests.findIndex(isImagePromptRequest)).toBeLessThan(server.requests.indexOf(request));
  });

  it.each([
    ['dall-e-3', { size: '1792x1024', response_format: 'b64_json' }],
    ['dall-e-2', { size: '1024x1024', response_format: 'b64_json' }],
    ['flux-schnell', { size: '1024x1024', response_format: 'b64_json' }],
    ['gpt-image-1-mini', { size: '1536x1024' }],
  ])('asks %s for the size its family draws', async (model, expected) => {
    await generate(model);
    const [request] = imageRequests() as [RecordedRequest];
    expect(request.body).toEqual({ model, prompt: expect.any(String), n: 1, ...expected });
  });

  it('falls back to the title when there is no keyphrase', async () => {
    const image = await generateFeaturedImage({ client: client(), chatModel: 'test-model', imageModel: 'gpt-image-2', subject: { ...subject, keyphrase: '' } });
    expect(image).toMatchObject({ fileName: 'featured-image.png', alt: subject.title });
  });

  it('says the endpoint has no images API on a 404', async () => {
    server.enqueueImage({ kind: 'error', status: 404 });
    const host = new URL(server.url).host;
    expect(await failure(generate('gpt-image-2'))).toBe(`No featured image: the endpoint at ${host} has no images API or no model “gpt-image-2”; the post itself was filled.`);
  });

  it.each([
    [{ code: 'moderation_blocked', message: 'Your request was rejected by the safety system.' }],
    [{ code: 'content_policy_violation', message: 'This request has been blocked by our content filters.' }],
    [{ message: 'Your prompt may contain text that is not allowed by our content policy.' }],
  ])('says the image model refused on a 400 from its moderation (%o)', async (error) => {
    server.enqueueImage({ kind: 'error', status: 400, ...error });
    expect(await failure(generate())).toBe('No featured image: the image model refused to draw a picture for this post; the post itself was filled.');
  });

  it('says other failures as being about the featured image', async () => {
    server.enqueueImage({ kind: 'error', status: 500 });
    expect(await failure(generate())).toMatch(/^No featured image: 127\.0\.0\.1:\d+ had a server error \(500\)/);
    server.enqueueImage({ kind: 'error', status: 400, message: 'Invalid size.' });
    expect(await failure(generate())).toMatch(/^No featured image: 127\.0\.0\.1:\d+ refused the request \(400\)\. It said: “Invalid size\.”/);
  });

  it('does not blame the images API when the chat model fails writing the prompt', async () => {
    const message = await failure(generateFeaturedImage({ client: client(), chatModel: 'gpt-9', imageModel: 'gpt-image-2', subject }));
    expect(message).toMatch(/^No featured image: 127\.0\.0\.1:\d+ has no model “gpt-9”/);
    expect(imageRequests()).toHaveLength(0);
  });

  it('refuses a link instead of the image', async () => {
    server.enqueueImage({ kind: 'url-only' });
    expect(await failure(generate())).toBe('No featured image: the image model answered with a link instead of the image itself, which PressPilot cannot download.');
  });

  it('refuses an answer that is not an image', async () => {
    server.enqueueImage({ kind: 'not-an-image' });
    expect(await failure(generate())).toBe('No featured image: the image model answered with something that is not a PNG, JPEG or WebP image.');
  });

  it('rethrows an abort unchanged, and the request is hung up', async () => {
    server.enqueueImage({ kind: 'image', delayMs: 60_000 });
    const controller = new AbortController();
    const pending = generate('gpt-image-2', controller.signal).then(() => null, (caught: unknown) => caught);
    const request = await server.waitForRequest((candidate) => candidate.path === '/v1/images/generations');
    controller.abort();
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    expect(await request.done).toEqual({ clientAborted: true });
  });
});

describe('the test server’s PNG', () => {
  it('is a valid 96×64 truecolour PNG with correct chunk CRCs', async () => {
    const png = Buffer.from((await generate()).base64, 'base64');
    const chunks: Array<{ type: string; data: Buffer }> = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      const typed = png.subarray(at + 4, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typed));
      chunks.push({ type: typed.subarray(0, 4).toString('latin1'), data: typed.subarray(4) });
      at += 12 + length;
    }
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = chunks[0]!.data;
    expect([header.readUInt32BE(0), header.readUInt32BE(4), ...header.subarray(8)]).toEqual([96, 64, 8, 2, 0, 0, 0]);
    const rows = inflateSync(chunks[1]!.data);
    expect(rows.length).toBe(64 * (1 + 96 * 3));
    // Every row unfiltered, and the gradient runs corner to corner.
    expect(Array.from({ length: 64 }, (_, y) => rows[y * (1 + 96 * 3)])).toEqual(new Array(64).fill(0));
    expect([...rows.subarray(1, 4)]).toEqual([0, 0, 160]);
    expect([...rows.subarray(rows.length - 3)]).toEqual([255, 255, 160]);
  });
});

describe('the file name of a featured image', () => {
  it('is plain ASCII whatever the keyphrase, so that the fill carrying it is accepted', async () => {
    const { FeaturedImageSchema } = await import('../../lib/editors/adapter');
    for (const [keyphrase, fileName] of [['Größe der Café-Tische', 'grosse-der-cafe-tische.png'], ['日本 の 旅行', 'featured-image.png']] as const) {
      const image = await generateFeaturedImage({ client: client(), chatModel: 'test-model', imageModel: 'gpt-image-2.5-flare', subject: { ...subject, keyphrase } });
      expect(image.fileName).toBe(fileName);
      expect(FeaturedImageSchema.safeParse(image).success).toBe(true);
    }
  });
});
