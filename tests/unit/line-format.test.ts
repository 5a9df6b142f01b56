import { describe, expect, it } from 'vitest';
import { parseLineFormat, partialLineBody } from '../../lib/generation/line-format';
import { parseAnswer } from '../../lib/generation/answer';
import { DEFAULT_CATEGORIES } from '../../lib/generation/post';
import { fixtureExampleAnswer, seedExampleAnswer, seedsAvailable, seedSuite } from '../support/fixtures';

describe('the seed line format', () => {
  it('parses a model answer as it stands (fixture like seed 000’s example)', () => {
    expect(fixtureExampleAnswer().endsWith('below.\n\nEndOFText')).toBe(true);
    const result = parseLineFormat(fixtureExampleAnswer());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.post.title).toBe('How to Diagnose and Fix a Slow Home Wi-Fi Network: A Complete Step-by-Step Guide');
    expect(result.post.metaDescription).toBe('Is your home Wi-Fi slow, patchy or dropping out? Learn how to measure what is really wrong, find a clearer channel, place your router well and fix the usual culprits one at a time.');
    expect(result.post.tags).toEqual(['Wi-Fi', 'Home Network', 'Router', 'Troubleshooting']);
    // "Home Networking" is not in the seed's list: the parser keeps it; choosing terms is the adapter's job.
    expect(result.post.categories).toEqual(['Tutorials', 'Internet and Connectivity', 'Tech Tips for Beginners', 'Home Networking']);
    expect(DEFAULT_CATEGORIES).toEqual(expect.arrayContaining(result.post.categories.slice(0, 3)));
    expect(DEFAULT_CATEGORIES).not.toContain('Home Networking');
    expect(result.post.body.startsWith('A slow Wi-Fi network is one of the most common complaints')).toBe(true);
    expect(result.post.body.match(/^#{2,3} .*$/gm)).toEqual([
      '## Why Wi-Fi Slows Down', '## Measure Before You Change Anything', '## Fixing the Common Problems',
      '### Move the Router', '### Pick a Clearer Channel', '### Update and Restart', '## Conclusion',
    ]);
    expect(result.post.body).toContain('```bash\n# Send 20 pings to the router and look at the spread of the times\nping -c 20 192.168.1.1\n');
    expect(result.post.body).toContain('```python\nimport subprocess\nfrom collections import Counter\n\noutput = subprocess.run(\n    ["nmcli"');
    expect(result.post.body).toContain('- **Distance and obstacles**: every wall, floor and mirror weakens the signal.');
    expect(result.post.body).toContain('1. Install the latest firmware for your router from its admin page.');
    expect(result.post.body).not.toMatch(/EndOFText|^(?:TITLE|META_DESCRIPTION|TAGS|CATEGORIES):/m);
    expect(result.post.body.endsWith('please share it in the comments below.')).toBe(true);
  });

  it('sends that answer to the repair turn only for the limits it breaks', () => {
    // An 80-character title, a 180-character description and four categories, as the seed's example.
    expect(parseAnswer(fixtureExampleAnswer())).toEqual({ ok: false, problems: [
      'title: The title must be at most 70 characters.',
      'metaDescription: The meta description must be at most 160 characters.',
      'categories: Give at most 3 categories.',
    ] });
  });

  it('tolerates bold labels, a markdown wrapper, the -EndOFText- and </EndOFText> variants', () => {
    const answer = [
      '```markdown',
      '**TITLE:** Ten Ways to Speed Up WordPress',
      '**META_DESCRIPTION:** Practical steps.',
      '**SEO_TITLE:** Speed Up WordPress: Ten Ways',
      '**FOCUS_KEYWORDS:** speed up wordpress, page speed',
      '**TAGS:** WordPress, speed, caching',
      '**CATEGORIES:** Tutorials',
      '',
      'MARKDOWN_POST_CONTENT: ## Why speed matters',
      '',
      'Because readers leave.',
      '</EndOFText>',
      '```',
    ].join('\n');
    const result = parseLineFormat(answer);
    expect(result).toEqual({ ok: true, post: {
      title: 'Ten Ways to Speed Up WordPress', metaDescription: 'Practical steps.', seoTitle: 'Speed Up WordPress: Ten Ways', focusKeywords: ['speed up wordpress', 'page speed'], tags: ['WordPress', 'speed', 'caching'],
      categories: ['Tutorials'], body: '## Why speed matters\n\nBecause readers leave.',
    } });
    expect(parseLineFormat('TITLE: x\nMETA_DESCRIPTION: y\nTAGS: a\nCATEGORIES: b\n\nbody\n-EndOFText-').ok).toBe(true);
  });

  it('names the missing fields', () => {
    expect(parseLineFormat('TITLE: Only a title\n\nSome body')).toMatchObject({ ok: false, missing: ['metaDescription', 'tags', 'categories'] });
    expect(parseLineFormat('')).toMatchObject({ ok: false, missing: ['title', 'metaDescription', 'tags', 'categories', 'body'] });
  });

  it('gives the body written so far while it streams', () => {
    expect(partialLineBody('TITLE: a\nMETA_DESCRIPTION: b\nTAGS: c')).toBe('');
    expect(partialLineBody('TITLE: a\nMETA_DESCRIPTION: b\nTAGS: c\nCATEGORIES: d\n\n## Intro\nHello wor')).toBe('## Intro\nHello wor');
  });
});

describe.skipIf(!seedsAvailable)(seedSuite('the seed line format: seed 000’s example answer'), () => {
  it('parses the seed example answer as it stands', () => {
    const result = parseLineFormat(seedExampleAnswer());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.post.title).toBe('A Comprehensive Guide to Implementing Multithreading and Multiprocessing in Python');
    expect(result.post.metaDescription).toMatch(/^Learn how to improve your Python code's runtime/);
    expect(result.post.tags).toEqual(['Python', 'Multithreading', 'Multiprocessing', 'Performance Optimization']);
    // "Python" is not in the seed's list: the parser keeps it; choosing terms is the adapter's job.
    expect(result.post.categories).toEqual(['Tutorials', 'Programming and Coding', 'Software Development', 'Python']);
    expect(result.post.body.startsWith('Multithreading and multiprocessing are two techniques')).toBe(true);
    expect(result.post.body).toContain('## What is Multithreading?');
    expect(result.post.body).toContain("```python\nimport threading\n\ndef worker():\n    print('Worker thread')");
    expect(result.post.body).not.toMatch(/EndOFText/);
    expect(result.post.body.endsWith('please feel free to share them below.')).toBe(true);
  });

  it('sends the seed answer to the repair turn only for the limits it breaks', () => {
    // 81-character title, a description over 160 and four categories: over the limits.
    expect(parseAnswer(seedExampleAnswer())).toEqual({ ok: false, problems: [
      'title: The title must be at most 70 characters.',
      'metaDescription: The meta description must be at most 160 characters.',
      'categories: Give at most 3 categories.',
    ] });
  });
});
