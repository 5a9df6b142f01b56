import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../lib/content/html-to-markdown';
import { hardenPurify, markdownToBody, toPlainText } from '../../lib/content/markdown';
import { FIXTURES, readFixture, readSeed, restPostHtml, SEEDS, seedPostHtml, seedsAvailable, seedSuite } from '../support/fixtures';

const domParser = new new JSDOM('').window.DOMParser();
const convert = (html: string) => htmlToMarkdown(html, { domParser });

function fencedBlocks(markdown: string): Array<{ language: string; code: string }> {
  return [...markdown.matchAll(/^(```|~~~)([\w+#.-]*)\n([\s\S]*?)\n\1$/gm)].map((match) => ({ language: match[2]!, code: match[3]! }));
}

const purify = hardenPurify(createDOMPurify(new JSDOM('').window as never));
/** The lines a reader sees once the Markdown is rendered: each paragraph's lines, in order. */
const renderedLines = (markdown: string) => markdownToBody(markdown, purify)
  .flatMap((block) => (block.type === 'paragraph' ? block.html.split('<br>') : []))
  .map((line) => toPlainText(purify, line));

const tableRows = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('|'));
const words = (value: string) => value.split(/\s+/).filter(Boolean);

describe('HTML to Markdown: an Elementor page (fixture like seed 001)', () => {
  const stored = readFixture(FIXTURES.elementorPost);
  const html = restPostHtml(stored);
  const markdown = convert(html);

  it('reads content.rendered of the REST post, which carries what the conversion must drop', () => {
    const post = JSON.parse(stored);
    expect(html).toBe(post.content.rendered);
    expect(post).toMatchObject({
      id: 4182, type: 'post', status: 'publish', title: { rendered: 'Setting Up a Reliable Home Network: A Practical Guide' },
      excerpt: { rendered: expect.stringMatching(/^<p>Most homes grow their network/) }, categories: [12, 31], tags: [44, 45, 52],
    });
    // The noise is really there: wrappers, Elementor and Word attributes, entities, a layout table.
    for (const noise of ['elementor-section', 'elementor-container', 'elementor-column', 'elementor-widget-wrap', 'e-con-inner', 'data-settings=', 'data-widget_type="html.default"', '<span data-contrast="auto">', 'data-ccp-props=', 'data-list-defn-props=', '&#8217;', '\u00a0']) {
      expect(html).toContain(noise);
    }
    expect(html.match(/data-widget_type="heading\.default"/g)).toHaveLength(7);
    expect(html.match(/<table/g)).toHaveLength(3);
  });

  it('keeps the seven heading widgets as headings of their level', () => {
    expect(markdown.match(/^#{1,6} .*$/gm)).toEqual([
      '## Why Your Home Network Deserves a Plan',
      '### Before You Buy Anything',
      '### Choosing Between Wi-Fi Standards',
      '### Wired Where It Counts',
      '## Securing the Network',
      '#### Guest Access in Practice',
      '## Conclusion',
    ]);
  });

  it('keeps both tables with a header row and every row and cell, the one out of its layout table too', () => {
    expect(tableRows(markdown)).toEqual([
      // Inside a layout table in the HTML widget, its header row only bold <td>s.
      '| Standard | Marketing name | Bands | Best for |',
      '| --- | --- | --- | --- |',
      '| 802.11n | Wi-Fi 4 | 2.4 and 5 GHz | Old laptops and printers |',
      '| 802.11ac | Wi-Fi 5 | 5 GHz | Streaming in one or two rooms |',
      '| 802.11ax | Wi-Fi 6 | 2.4 and 5 GHz | Busy homes with many devices |',
      '| 802.11be | Wi-Fi 7 | 2.4, 5 and 6 GHz | New hardware, short distances |',
      // A text widget's table with <thead> and <th>.
      '| Setting | Where to find it | Recommended value |',
      '| --- | --- | --- |',
      '| Encryption | Wireless, then Security | WPA3-Personal |',
      '| Guest network | Wireless, then Guest | On, with client isolation |',
      '| Firmware updates | Administration, then Update | Automatic |',
      '| Remote management | Administration, then Remote | Off |',
    ]);
    // Each table is its own block, between the paragraphs around it.
    expect(markdown).toContain('### Choosing Between Wi-Fi Standards\n\n| Standard |');
    expect(markdown).toContain('| Off |\n\n_Tip:_ write the guest password');
  });

  it('keeps ordered and bulleted list items, bold, italic and link targets', () => {
    expect(markdown).toContain([
      '1.  **Count your devices**: phones, laptops, televisions and smart plugs each need an address and a share of airtime.',
      '2.  **Measure your space**: thick walls, floors and long hallways matter more than square metres.',
      '3.  **Check your plan**: a router faster than your internet connection will not make pages load sooner.',
    ].join('\n'));
    expect(markdown).toContain('-   The desktop computer in the study, especially for backups.');
    expect(markdown).toContain('-   **Turn on WPA3**: if an old device cannot connect, use the mixed WPA2/WPA3 mode rather than switching security off.');
    expect(markdown.match(/^\s*(?:\d+\.|-)\s+/gm)).toHaveLength(9);
    expect(markdown).toContain('**Take stock of what you have**');
    expect(markdown).toContain('pick the right **Wi-Fi standard**, decide');
    expect(markdown).toContain('read our [**router placement guide**](https://example.net/guides/router-placement/) first.');
    expect(markdown).toContain('Email us at [help@example.org](mailto:help@example.org) and we’ll try');
  });

  it('drops wrappers, data attributes and Word span noise, and decodes entities', () => {
    expect(markdown).not.toMatch(/elementor|e-con|data-|<span|<div|<table|<section|&#\d+;|&nbsp;|&quot;|&amp;|\u00a0|\\\//);
    expect(markdown).toContain('the router’s admin page still uses the password');
    expect(markdown).toContain('immune to the neighbour’s microwave');
    // The empty Word paragraph leaves no empty line behind, and the page ends on its last words.
    expect(markdown).not.toMatch(/\n{3}/);
    expect(markdown.endsWith('we’ll try to answer in a future post.')).toBe(true);
    expect(markdown.length).toBeLessThan(html.length / 4);
  });
});

describe('HTML to Markdown: Markdown a CMS mangled (fixture like seed 002)', () => {
  const stored = readFixture(FIXTURES.mangledMarkdownPost);
  const html = restPostHtml(stored);
  const markdown = convert(html);

  it('reads the post that is not valid JSON as stored', () => {
    expect(() => JSON.parse(stored)).toThrow();
    expect(stored).toMatch(/<\\\/p>\\n\n/);
    expect(html.startsWith('\n\n""</p>\n')).toBe(true);
    expect(html).not.toMatch(/<p[\s>]|\\n|\\\//);
    expect(html.endsWith('the good kind of surprise.</p>\n')).toBe(true);
  });

  it('turns the curly-quoted fences across paragraph lines back into Python code blocks, line for line', () => {
    expect(fencedBlocks(markdown)).toEqual([
      {
        language: 'python',
        code: [
          'def hydration(flour_g, water_g, starter_g=0):', ' # A 100% starter is half flour, half water', ' flour = flour_g + starter_g / 2',
          ' water = water_g + starter_g / 2', ' return round(water / flour * 100, 1)', '', 'print(hydration(500, 350, starter_g=100))  # 72.7',
        ].join('\n'),
      },
      {
        // Closed with ”` rather than “`, its quotes curled by the CMS and straightened back.
        language: 'python',
        code: [
          'from datetime import datetime, timedelta', '', 'def feeding_times(start, every_hours=12, feeds=3):', ' times = []', ' for n in range(feeds):',
          ' times.append(start + timedelta(hours=every_hours * n))', ' return times', '', 'for t in feeding_times(datetime(2025, 3, 1, 8, 0)):',
          ' print("Feed at", t.strftime("%a %H:%M"))',
        ].join('\n'),
      },
    ]);
    expect(markdown).not.toMatch(/“`|`”|”`|<\/?p>/);
    expect(markdown).toContain('Here’s a helper that does the sum for you:\n\n```python\ndef hydration(');
  });

  it('keeps the prose as paragraphs, a label line and its text as two lines (a hard break: a bare newline would join them)', () => {
    expect(markdown.startsWith('""\n\nSourdough at Home: Hydration, Starters and a Weekend Schedule\n\nSourdough has a reputation for being fussy')).toBe(true);
    expect(markdown).toContain('Hydration:\\\nHydration is the weight of water divided by the weight of flour');
    expect(markdown).toContain('```\n\nIn this example, adding 100 g of starter raises the dough from 70% to almost 73% hydration');
    expect(markdown).toContain('\n\nKeeping a starter:\\\nA starter is a colony of wild yeast');
    expect(markdown.endsWith('Conclusion:\\\nGood sourdough is mostly arithmetic and timing. Work out your real hydration, including the starter, and feed on a schedule that ends when you want to bake. The bread will still surprise you now and then, but it will be the good kind of surprise.')).toBe(true);
    // Eleven paragraphs (the image's alt remnant, the title line, nine of prose) around the two code blocks.
    expect(markdown.replace(/^```python\n[\s\S]*?\n```$/gm, '(code)').split('\n\n').map((block) => block.slice(0, 12))).toEqual([
      '""', 'Sourdough at', 'Sourdough ha', 'Hydration:\\\n', 'The starter ', '(code)', 'In this exam', 'Keeping a st', 'The best tim', '(code)', 'Three feeds ',
      'A weekend at', 'Conclusion:\\',
    ]);
  });
});

describe('HTML to Markdown: block editor markup', () => {
  const markup = [
    '<!-- wp:heading --><h2 class="wp-block-heading">Setup</h2><!-- /wp:heading -->',
    '<!-- wp:paragraph --><p>Install it &amp; <a href="https://example.com/docs">read the docs</a>.</p><!-- /wp:paragraph -->',
    '<!-- wp:code {"className":"language-python"} --><pre class="wp-block-code language-python"><code>print("&lt;hi&gt;")\nif a &lt; b:\n    pass</code></pre><!-- /wp:code -->',
    '<!-- wp:list --><ul><!-- wp:list-item --><li>one</li><!-- /wp:list-item --><li>two</li></ul><!-- /wp:list -->',
    '<!-- wp:code --><pre class="wp-block-code"><code lang="bash" class="language-bash">ls -la</code></pre><!-- /wp:code -->',
  ].join('\n\n');
  const markdown = convert(markup);

  it('drops block comments and keeps code blocks with their language', () => {
    expect(markdown).not.toContain('wp:');
    expect(markdown).not.toContain('<!--');
    expect(fencedBlocks(markdown)).toEqual([
      { language: 'python', code: 'print("<hi>")\nif a < b:\n    pass' },
      { language: 'bash', code: 'ls -la' },
    ]);
    expect(markdown).toContain('## Setup');
    expect(markdown).toContain('Install it & [read the docs](https://example.com/docs).');
    expect(markdown).toContain('-   one\n-   two');
  });
});

// Text without HTML is what the classic editor stores and WordPress shows as it is: a `##`, `1.` or
// `*` in it is text, a line break a line break (wpautop). Before, the text was passed on as if it
// were Markdown: its `##` lines became headings and its lines ran together once rendered.
describe('HTML to Markdown: text without HTML (fixtures like seeds 003 and 004)', () => {
  it.each([FIXTURES.flattenedCode, FIXTURES.scrapedLesson])('passes %s on as the text it is, line for line once rendered', (name) => {
    const text = readFixture(name);
    const markdown = convert(text);
    const lines = text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
    expect(renderedLines(markdown)).toEqual(lines);
    expect(lines.length).toBeGreaterThan(10);
  });

  it('leaves flattened code on its line and site chrome in place: cleaning them up is the rewrite’s job', () => {
    const flattened = renderedLines(convert(readFixture(FIXTURES.flattenedCode)));
    expect(flattened).toContain('python import socket def is_open(host, port, timeout=1.0): with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as conn: conn.settimeout(timeout) return conn.connect_ex((host, port)) == 0 # Ask the router whether its web interface is up print(is_open("192.168.1.1", 80))');
    // Its `##` lines are text the blogger wrote, escaped so that they stay text.
    expect(flattened.filter((line) => line.startsWith('## '))).toEqual(['## Is a port open?', '## Which devices are awake?', '## Putting the two together']);
    expect(convert(readFixture(FIXTURES.flattenedCode))).toMatch(/^\\## Is a port open\?\\$/m);
    const scraped = renderedLines(convert(readFixture(FIXTURES.scrapedLesson)));
    expect(scraped.slice(0, 2)).toEqual(['Logo', 'Menu']);
    expect(scraped).toEqual(expect.arrayContaining(['asyncfunction countdown() {', 'Continue', 'Share this', 'Download Now!']));
    expect(scraped.at(-1)).toBe('Download Now!');
  });
});

/** Through the Markdown and back, as a rewrite that changes nothing would. */
const roundTrip = (html: string) => markdownToBody(convert(html), purify);

describe('HTML to Markdown and back: what a rewrite used to lose', () => {
  it('keeps every <br> in running text as a line break', () => {
    expect(roundTrip('<p>ACME Ltd<br>12 Main Street<br />Springfield<br></p><ul><li>one<br>two</li></ul>')).toEqual([
      { type: 'paragraph', html: 'ACME Ltd<br>12 Main Street<br>Springfield' },
      { type: 'list', ordered: false, html: '<ul>\n<li>one<br>two</li>\n</ul>' },
    ]);
  });

  it('keeps the lines of a <pre> that holds them as <br>', () => {
    expect(roundTrip('<pre>The Road Not Taken<br>Robert Frost</pre>')).toEqual([{ type: 'code', language: '', code: 'The Road Not Taken\nRobert Frost' }]);
  });

  it('keeps text that looks like Markdown as the text it is', () => {
    const text = '1984. by George Orwell\n\n* * *\n\n### not a heading';
    expect(roundTrip(text)).toEqual([
      { type: 'paragraph', html: '1984. by George Orwell' }, { type: 'paragraph', html: '* * *' }, { type: 'paragraph', html: '### not a heading' },
    ]);
  });

  it('keeps a heading inside a quote or a list item a heading', () => {
    expect(roundTrip('<blockquote><h3>Rule one</h3><p>Keep it.</p></blockquote><ul><li><h4>Step</h4></li></ul>')).toEqual([
      { type: 'quote', html: '<blockquote>\n<h3>Rule one</h3>\n<p>Keep it.</p>\n</blockquote>' },
      { type: 'list', ordered: false, html: '<ul>\n<li><h4>Step</h4>\n</li>\n</ul>' },
    ]);
  });

  it('keeps a button’s label as text', () => {
    expect(roundTrip('<p>Press <button type="button">Subscribe</button> to follow.</p>')).toEqual([{ type: 'paragraph', html: 'Press Subscribe to follow.' }]);
  });
});

describe('HTML to Markdown: edge cases', { timeout: 30_000 }, () => {
  it('leaves an unclosed curly fence as the text it was', () => {
    const markdown = convert('<p>“`python</p><p>print(1)</p><p>The end.</p>');
    expect(fencedBlocks(markdown)).toEqual([]);
    expect(markdown).toContain('print(1)');
  });

  it('never carries script, javascript: or data: links into the Markdown', () => {
    const markdown = convert('<p><a href="javascript:alert(1)">click</a> <a href=" data:text/html,x">d</a><script>alert(2)</script><img src=x onerror=alert(3)></p>');
    expect(markdown).not.toMatch(/javascript:|data:|alert\(2\)|onerror/);
    expect(markdown).toContain('click');
  });

  it('keeps only the words of markup built to stall a parser (deep nesting, tag floods)', () => {
    expect(convert(`${'<div>'.repeat(50_000)}deep &amp; down${'</div>'.repeat(50_000)}`)).toBe('deep & down');
    expect(convert(`<h2>Title</h2>${'<span>x</span>'.repeat(12_000)}`)).toMatch(/^Title x x x/);
    expect(convert(`<p>${' '.repeat(200_000)}x</p>`)).toBe('x');
  });

  it('converts markup up to 400 levels deep, and keeps only the words of deeper nesting', () => {
    // The heading is one level below its divs: 399 divs make 400 levels.
    const nested = (divs: number) => `${'<div>'.repeat(divs)}<h2>Deep</h2><p>A <strong>bold</strong> word.</p>${'</div>'.repeat(divs)}`;
    expect(convert(nested(399))).toBe('## Deep\n\nA **bold** word.');
    expect(convert(nested(400))).toBe('Deep A bold word.');
    // Elements whose end tags HTML lets authors leave out do not count as nesting.
    expect(convert(`<h2>List</h2><ul>${'<li>item'.repeat(2_000)}</ul>`)).toMatch(/^## List\n\n- +item\n- +item/);
  });

  it('gives the header to a data table that has none, and keeps one that has', () => {
    const compact = (markdown: string) => markdown.replace(/ +/g, ' ');
    expect(compact(convert('<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>'))).toBe('| A | B |\n| --- | --- |\n| 1 | 2 |');
    expect(compact(convert('<table><thead><tr><th>H</th></tr></thead><tbody><tr><td>v</td></tr></tbody></table>'))).toBe('| H |\n| --- |\n| v |');
  });
});

describe.skipIf(!seedsAvailable)(seedSuite('HTML to Markdown: seed 001, an Elementor page'), () => {
  let html = '';
  let markdown = '';
  beforeAll(() => {
    html = seedPostHtml(SEEDS.elementorPost);
    markdown = convert(html);
  });

  it('keeps the nine heading widgets as headings of their level', () => {
    const headings = markdown.match(/^#{1,6} .*$/gm);
    expect(headings).toEqual([
      '### Introduction',
      '### What is Multithreading in Python?',
      '### Key Differences Between Multithreading and Multiprocessing',
      '### Enhancing Your Skills with Python Courses',
      '### Challenges and Limitations',
      '### Best Practices',
      '### Performance Measurement and Optimization',
      '### Practical Applications of Multithreading and Multiprocessing',
      '### Conclusion',
    ]);
  });

  it('keeps the table (out of its layout table) with its header row and every row and cell', () => {
    expect(tableRows(markdown)).toEqual([
      '| Feature | Multithreating | Multiprocessing |',
      '| --- | --- | --- |',
      '| Execution Model | Threads within the same process | Seperate processes |',
      '| Use Case | I/O-bound task | CPU-bound tasks |',
      '| Memory Sharing | Shared Memory | Separate Memory |',
      '| Performance | Limited by GIL | No GIL Limitations |',
    ]);
  });

  it('keeps list items, bold and link targets', () => {
    expect(markdown).toContain('1.  **Improved Performance**: Allows for multitasking within a single application.');
    expect(markdown).toContain('-   Use for I/O-bound tasks such as reading/writing files');
    expect(markdown.match(/^\s*(?:\d+\.|-)\s+/gm)).toHaveLength(25);
    expect(markdown).toContain('[**Python course in Chennai**](https://cnsfly.com/vytcdc/courses/best-python-training-institute/)');
    expect(markdown).toContain('[careers@vytcdc.com](mailto:careers@vytcdc.com)');
  });

  it('drops wrappers, data attributes and Word span noise, and decodes entities', () => {
    expect(markdown).not.toMatch(/elementor-|data-|<span|<div|&#\d+;|&nbsp;|&amp;/);
    expect(markdown).toContain('One of Python’s key strengths');
    expect(markdown.length).toBeLessThan(html.length / 3);
  });
});

describe.skipIf(!seedsAvailable)(seedSuite('HTML to Markdown: seed 002, Markdown a CMS mangled'), () => {
  let markdown = '';
  beforeAll(() => {
    markdown = convert(seedPostHtml(SEEDS.mangledMarkdownPost));
  });

  it('turns the curly-quoted fences across paragraph lines back into Python code blocks', () => {
    const blocks = fencedBlocks(markdown);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toEqual({
      language: 'python',
      code: [
        'import threading', '', 'class MyThread(threading.Thread):', ' def run(self):', ' # Code to be executed concurrently',
        ' print("Hello from thread!")', '', '# Create and start a new thread', 'thread = MyThread()', 'thread.start()',
      ].join('\n'),
    });
    expect(blocks[1]!.code).toContain('class MyProcess(multiprocessing.Process):');
    expect(markdown).not.toMatch(/“`|`”|<\/?p>/);
  });

  it('keeps the prose as paragraphs', () => {
    expect(markdown).toContain('\n\nIn this example, the run() method contains the code that will be executed concurrently in the new thread.');
    expect(markdown).toContain('Conclusion:\\\nMultithreading and multiprocessing are powerful techniques');
  });
});

describe.skipIf(!seedsAvailable)(seedSuite('HTML to Markdown: seeds 003 and 004, text without HTML'), () => {
  it.each([SEEDS.flattenedCode, SEEDS.scrapedLesson])('passes %s on as the text it is, once rendered', (name) => {
    const text = readSeed(name);
    const markdown = convert(text);
    expect(words(renderedLines(markdown).join(' '))).toEqual(words(text));
    expect(markdown.split('\n').length).toBeGreaterThan(10);
  });
});
