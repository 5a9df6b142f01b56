/**
 * A featured image for a generated post: the chat model writes the picture's prompt from the post,
 * the endpoint's images API draws it (background only: it pulls in the SDK).
 */
import OpenAI from 'openai';
import { PressPilotError, type ErrorCode } from '../errors';
import { slugFromKeyphrase } from '../content/slug';
import { describeError } from './model-errors';

export const IMAGE_PROMPT_SYSTEM = [
  'You write the prompt for an image model that draws the header picture of a blog post.',
  'Describe one photograph or illustration showing the subject of the post, in a wide landscape composition.',
  'The image must contain no text, letters, words, numbers, logos or watermarks.',
  'Write the prompt in English, in at most 80 words, and answer with the prompt only.',
].join(' ');

// Image models still letter signs and covers unless told, and a chat model may drop the rule.
const NO_TEXT = 'No text, letters, words, numbers, logos or watermarks anywhere in the image.';
const MAX_BYTES = 20 * 1024 * 1024;

export interface ImageSubject { title: string; description: string; keyphrase: string; language: string }
export interface FeaturedImage { base64: string; mime: 'image/png' | 'image/jpeg' | 'image/webp'; fileName: string; alt: string }

/** One plain sentence for the blogger; a PressPilotError so describeError passes it on unchanged. */
export class FeaturedImageError extends PressPilotError {
  constructor(message: string, code: ErrorCode = 'invalid-output', retryable = false) {
    super(code, message, retryable);
    this.name = 'FeaturedImageError';
  }
}

export async function writeImagePrompt(client: OpenAI, chatModel: string, subject: ImageSubject, signal?: AbortSignal): Promise<string> {
  const completion = await client.chat.completions.create({
    model: chatModel,
    max_tokens: 200,
    messages: [
      { role: 'system', content: IMAGE_PROMPT_SYSTEM },
      { role: 'user', content: `Title: ${subject.title}\nFocus keyphrase: ${subject.keyphrase}\nSummary: ${subject.description}\nThe post is in ${subject.language}.` },
    ],
  }, { signal });
  const written = (completion.choices[0]?.message.content ?? '').trim().replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '').trim();
  // Reasoning models can spend the whole budget thinking and answer nothing.
  const prompt = written || `A wide photograph illustrating ${subject.keyphrase || subject.title}, for the header of a blog post titled “${subject.title}”.`;
  return `${prompt} ${NO_TEXT}`;
}

/** Sizes and parameters per family: GPT image models always answer base64 and reject response_format. */
function sizing(model: string): { size: '1536x1024' | '1792x1024' | '1024x1024'; response_format?: 'b64_json' } {
  if (/^(gpt-image|chatgpt-image)/.test(model)) return { size: '1536x1024' };
  if (model === 'dall-e-3') return { size: '1792x1024', response_format: 'b64_json' };
  return { size: '1024x1024', response_format: 'b64_json' };
}

function sniff(bytes: Uint8Array): FeaturedImage['mime'] | null {
  const starts = (signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

function decode(base64: string): Uint8Array {
  try {
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array(); // not base64 at all: said below as "not an image"
  }
}

function hostOf(baseURL: string): string {
  try { return new URL(baseURL).host; } catch { return baseURL; }
}

/** Anything else that went wrong, said as being about the featured image only. */
function aboutTheImage(error: unknown, client: OpenAI, model: string): unknown {
  if (error instanceof OpenAI.APIUserAbortError) return error; // a cancelled job, handled as such
  const described = describeError(error, { baseURL: client.baseURL, model });
  return new FeaturedImageError(`No featured image: ${described.message}`, described.code, described.retryable);
}

/** The images call's own failures: no images API there, or a picture the model will not draw. */
function imagesError(error: unknown, client: OpenAI, model: string): unknown {
  if (error instanceof OpenAI.NotFoundError) {
    return new FeaturedImageError(`No featured image: the endpoint at ${hostOf(client.baseURL)} has no images API or no model “${model}”; the post itself was filled.`, 'no-model');
  }
  if (error instanceof OpenAI.BadRequestError && /content.?policy|safety|moderation/i.test(`${error.code ?? ''} ${error.message}`)) {
    return new FeaturedImageError('No featured image: the image model refused to draw a picture for this post; the post itself was filled.', 'refused');
  }
  return aboutTheImage(error, client, model);
}

export async function generateFeaturedImage(input: { client: OpenAI; chatModel: string; imageModel: string; subject: ImageSubject; signal?: AbortSignal }): Promise<FeaturedImage> {
  const { client, imageModel: model, subject, signal } = input;
  const prompt = await writeImagePrompt(client, input.chatModel, subject, signal)
    .catch((error: unknown) => { throw aboutTheImage(error, client, input.chatModel); });
  const answer = await client.images.generate({ model, prompt, n: 1, ...sizing(model) }, { signal })
    .catch((error: unknown) => { throw imagesError(error, client, model); });
  const base64 = answer.data?.[0]?.b64_json;
  if (!base64) {
    throw new FeaturedImageError(answer.data?.[0]?.url
      ? 'No featured image: the image model answered with a link instead of the image itself, which PressPilot cannot download.'
      : 'No featured image: the image model answered without an image.');
  }
  // Checked before decoding so a huge answer is never copied again.
  if (base64.length > Math.ceil(MAX_BYTES / 3) * 4) throw new FeaturedImageError('No featured image: the image the model drew is larger than 20 MB.');
  const mime = sniff(decode(base64));
  if (!mime) throw new FeaturedImageError('No featured image: the image model answered with something that is not a PNG, JPEG or WebP image.');
  const extension = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[mime];
  const keyphrase = subject.keyphrase.trim();
  const alt = keyphrase ? keyphrase.charAt(0).toUpperCase() + keyphrase.slice(1) : subject.title.trim();
  // A file name in plain ASCII: servers and the fill's check take no other (the slug keeps ß, 日本).
  const name = slugFromKeyphrase(keyphrase).replace(/ß/g, 'ss').replace(/[^a-z0-9-]+/g, '').replace(/-{2,}/g, '-').replace(/^-|-$/g, '');
  return { base64, mime, fileName: `${name || 'featured-image'}.${extension}`, alt };
}
