import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createImageTasks } from '../../lib/jobs/image-tasks';

const image = { base64: 'iVBORw0KGgo=', mime: 'image/png' as const, fileName: 'a.png', alt: 'A' };
const input = () => ({ client: new OpenAI({ apiKey: 'k', baseURL: 'http://127.0.0.1:9', dangerouslyAllowBrowser: true }), chatModel: 'm', imageModel: 'i', language: 'English', signal: new AbortController().signal });

describe('a job’s featured image task', () => {
  it('waits for the tags while the answer streams, but a finished post without any still gets its image', async () => {
    const subjects: unknown[] = [];
    const tasks = createImageTasks(async ({ subject }) => { subjects.push(subject); return image; });
    const post = { title: 'Title', metaDescription: 'Description', tags: [] };
    tasks.startWhenKnown(1, 'job', post, input());
    expect(tasks.outcome(1, 'job')).toBeUndefined();
    tasks.startWhenKnown(1, 'job', post, input(), true);
    expect(await tasks.outcome(1, 'job')).toEqual({ image });
    expect(subjects).toEqual([{ title: 'Title', description: 'Description', keyphrase: 'Title', language: 'English' }]);
    // Once per job: the finished post does not draw a second one.
    tasks.startWhenKnown(1, 'job', { ...post, tags: ['x'] }, input(), true);
    expect(subjects).toHaveLength(1);
    expect(tasks.outcome(1, 'another job')).toBeUndefined();
  });
});
