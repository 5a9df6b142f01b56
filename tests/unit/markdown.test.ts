import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { hardenPurify, markdownToBody, postToFill, toPlainText } from '../../lib/content/markdown';
import { bodyToHtml } from '../../lib/content/body';
import { parseLineFormat } from '../../lib/generation/line-format';
import { fixtureExampleAnswer, seedExampleAnswer, seedsAvailable, seedSuite } from '../support/fixtures';

const purify = hardenPurify(createDOMPurify(new JSDOM('').window as never));

describe('markdownToBody', () => {
  it('turns a model answer into headings, paragraphs, lists and code blocks with their language (fixture)', () => {
    const parsed = parseLineFormat(fixtureExampleAnswer());
    if (!parsed.ok) throw new Error('the fixture answer did not parse');
    const blocks = markdownToBody(parsed.post.body, purify);
    const headings = blocks.filter((block) => block.type === 'heading');
    expect(headings.map((block) => block.type === 'heading' && `${block.level} ${block.html}`)).toEqual([
      '2 Why Wi-Fi Slows Down', '2 Measure Before You Change Anything', '2 Fixing the Common Problems', '3 Move the Router',
      '3 Pick a Clearer Channel', '3 Update and Restart', '2 Conclusion',
    ]);
    const code = blocks.filter((block) => block.type === 'code');
    expect(code).toEqual([
      { type: 'code', language: 'bash', code: '# Send 20 pings to the router and look at the spread of the times\nping -c 20 192.168.1.1\n\n# Show the signal strength and speed of the current connection\niw dev wlan0 link' },
      { type: 'code', language: 'python', code: expect.stringMatching(/^import subprocess\nfrom collections import Counter\n\noutput = subprocess\.run\(\n {4}\["nmcli",[\s\S]*\n {4}print\(f"channel \{channel\}: \{count\} networks"\)$/) },
    ]);
    expect(blocks[0]).toMatchObject({ type: 'paragraph', html: expect.stringMatching(/^A slow Wi-Fi network is one of the most common complaints/) });
    expect(blocks.some((block) => block.type === 'paragraph' && block.html.includes('the <code>ping</code> and <code>iw</code> commands'))).toBe(true);
    const lists = blocks.filter((block) => block.type === 'list');
    expect(lists.map((block) => block.type === 'list' && block.ordered)).toEqual([false, true]);
    expect(lists[0]).toMatchObject({ html: expect.stringContaining('<li><strong>Distance and obstacles</strong>: every wall, floor and mirror weakens the signal.</li>') });
    expect(lists[1]!.type === 'list' && lists[1]!.html.match(/<li>/g)).toHaveLength(3);
    expect(blocks.at(-1)).toEqual({ type: 'paragraph', html: 'Thanks for reading! If you have questions about your own setup, or a tip that worked for you, please share it in the comments below.' });
  });

  it('keeps lists, tables, quotes, links, bold and italic as their own blocks', () => {
    const blocks = markdownToBody([
      '- one **bold**', '- two _it_', '', '1. first', '2. second', '',
      '| A | B |', '|---|---|', '| 1 | 2 |', '', '> quoted [link](https://example.com/x)', '', '---',
    ].join('\n'), purify);
    expect(blocks.map((block) => block.type)).toEqual(['list', 'list', 'table', 'quote', 'separator']);
    expect(blocks[0]).toEqual({ type: 'list', ordered: false, html: '<ul>\n<li>one <strong>bold</strong></li>\n<li>two <em>it</em></li>\n</ul>' });
    expect(blocks[1]).toMatchObject({ ordered: true });
    expect(blocks[2]!.type === 'table' && blocks[2]!.html).toContain('<td>1</td>');
    expect(blocks[3]!.type === 'quote' && blocks[3]!.html).toContain('<a href="https://example.com/x">link</a>');
  });

  it('strips scripts, handlers and javascript:/data: URLs, and never makes raw HTML blocks', () => {
    const blocks = markdownToBody([
      'Hello <img src=x onerror="alert(1)"> [click](javascript:alert(1)) <a href="data:text/html,<script>alert(1)</script>">d</a>',
      '',
      '<script>alert(2)</script>',
      '',
      '<div onclick="alert(3)"><svg onload="alert(4)"><a xlink:href="javascript:alert(5)">x</a></svg></div>',
      '',
      '![img](data:image/svg+xml;base64,PHN2Zz4=)',
    ].join('\n'), purify);
    const html = bodyToHtml(blocks);
    expect(html).not.toMatch(/script|onerror|onclick|onload|javascript:|data:|<svg|<div/i);
    expect(blocks.every((block) => ['paragraph', 'heading', 'list', 'quote', 'table', 'code', 'separator'].includes(block.type))).toBe(true);
  });

  it('plain text for titles and terms: tags removed, entities decoded', () => {
    expect(toPlainText(purify, '<b>Fast</b> &amp; <img src=x onerror=alert(1)>safe')).toBe('Fast & safe');
  });
});

describe('postToFill', () => {
  const post = { title: 'My <i>Title</i>', metaDescription: 'Desc', tags: ['a<b>'], categories: ['News'], body: '# My Title\n\nText' };

  it('drops a first heading that repeats the title and fills only the asked fields', () => {
    const fill = postToFill(post, { title: true, excerpt: false, tags: true, categories: false, body: true }, purify, { bodyMode: 'replace', createMissingCategories: false });
    expect(fill).toEqual({ title: 'My Title', tags: ['a'], body: [{ type: 'paragraph', html: 'Text' }], bodyMode: 'replace', createMissingCategories: false });
  });
});

describe.skipIf(!seedsAvailable)(seedSuite('markdownToBody: seed 000’s example answer'), () => {
  it('turns the seed answer into headings, paragraphs and code blocks with their language', () => {
    const parsed = parseLineFormat(seedExampleAnswer());
    if (!parsed.ok) throw new Error('seed did not parse');
    const blocks = markdownToBody(parsed.post.body, purify);
    const headings = blocks.filter((block) => block.type === 'heading');
    expect(headings.map((block) => block.type === 'heading' && `${block.level} ${block.html}`).slice(0, 4)).toEqual([
      '2 What is Multithreading?', '2 What is Multiprocessing?', '2 Implementing Multithreading and Multiprocessing in Python', '3 Multithreading',
    ]);
    const code = blocks.filter((block) => block.type === 'code');
    expect(code).toHaveLength(4);
    expect(code[0]).toEqual({ type: 'code', language: 'python', code: "import threading\n\ndef worker():\n    print('Worker thread')\n\nthreads = []\nfor i in range(5):\n    t = threading.Thread(target=worker)\n    threads.append(t)\n    t.start()" });
    expect(blocks[0]).toMatchObject({ type: 'paragraph' });
    expect(blocks.some((block) => block.type === 'paragraph' && block.html.includes('<code>threading</code>'))).toBe(true);
  });
});
