import { describe, expect, it, vi } from 'vitest';
import { createEditorFeed } from '../../lib/jobs/editor-feed';
import { finishedBlocks, streamedPost } from '../../lib/generation/streamed-post';
import { postAsJson, postAsLines } from '../support/openai-test-server';

const post = {
  title: 'Fast "Quoted" Sites', metaDescription: 'How to make it fast.', tags: ['Caching', 'Speed'], categories: ['Tutorials'],
  body: '## Why\n\nFirst paragraph.\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two\n\nLast paragraph that is still being written',
};

describe('what of a streaming answer may go into the editor', () => {
  it('takes each short field once it is finished, in JSON and in the line format', () => {
    for (const answer of [postAsJson(post), postAsLines(post)]) {
      const titleEnd = answer.indexOf('Sites') + 'Sites'.length + 2;
      expect(streamedPost(answer.slice(0, titleEnd - 4))).toEqual({ body: '' });
      expect(streamedPost(answer.slice(0, titleEnd)).title).toBe(post.title);
      const tagsEnd = answer.indexOf('Speed') + 'Speed'.length + 2;
      expect(streamedPost(answer.slice(0, tagsEnd - 3)).tags).toBeUndefined();
      expect(streamedPost(answer.slice(0, tagsEnd))).toMatchObject({ title: post.title, metaDescription: post.metaDescription, tags: post.tags });
    }
  });

  it('takes the body up to its last finished block, never into an open code fence or the tail', () => {
    expect(finishedBlocks(post.body)).toBe('## Why\n\nFirst paragraph.\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two');
    const insideFence = post.body.slice(0, post.body.indexOf('const b'));
    expect(finishedBlocks(insideFence)).toBe('## Why\n\nFirst paragraph.');
    expect(finishedBlocks('A paragraph without its blank line yet')).toBe('');
    expect(streamedPost(postAsJson(post)).body).toBe(finishedBlocks(post.body));
  });
});

describe('the feed of a streaming post into its tab', () => {
  it('sends one update at a time, the newest one winning, never the same one twice, and stops when closed', async () => {
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const send = vi.fn((update: { body: string }) => { sent.push(update.body); return new Promise<{ ok: boolean }>((resolve) => { release = () => resolve({ ok: true }); }); });
    const feed = createEditorFeed(send);
    feed.push({ body: '' });
    expect(send).not.toHaveBeenCalled(); // nothing to show yet
    feed.push({ body: 'one' });
    feed.push({ body: 'one two' });
    feed.push({ body: 'one two three' });
    expect(sent).toEqual(['one']);
    release();
    await vi.waitFor(() => expect(sent).toEqual(['one', 'one two three']));
    feed.push({ body: 'one two three' });
    release();
    const closing = feed.close();
    feed.push({ body: 'after the end' });
    await closing;
    expect(sent).toEqual(['one', 'one two three']);
    expect(feed.started).toBe(true);
  });

  it('stops at the first update the editor refuses', async () => {
    const send = vi.fn(async () => ({ ok: false }));
    const feed = createEditorFeed(send);
    feed.push({ body: 'one' });
    await feed.close();
    feed.push({ body: 'two' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});
