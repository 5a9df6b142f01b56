import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../lib/html-to-markdown';
import { readSeed, seedPostHtml } from '../support/seeds';

const domParser = new new JSDOM('').window.DOMParser();
const convert = (html: string) => htmlToMarkdown(html, { domParser });

function fencedBlocks(markdown: string): Array<{ language: string; code: string }> {
  return [...markdown.matchAll(/^(```|~~~)([\w+#.-]*)\n([\s\S]*?)\n\1$/gm)].map((match) => ({ language: match[2]!, code: match[3]! }));
}

describe('HTML to Markdown: seed 001, an Elementor page', () => {
  const markdown = convert(seedPostHtml('001_b65ef3ffb9de1439.txt'));

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
    const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
    expect(rows).toEqual([
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
    expect(markdown.length).toBeLessThan(seedPostHtml('001_b65ef3ffb9de1439.txt').length / 3);
  });
});

describe('HTML to Markdown: seed 002, Markdown a CMS mangled', () => {
  const markdown = convert(seedPostHtml('002_c5bd88c2185bf359.txt'));

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
    expect(markdown).toContain('Conclusion:\nMultithreading and multiprocessing are powerful techniques');
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

describe('HTML to Markdown: text without HTML', () => {
  it.each(['003_893b3242530cb7d7.txt', '004_ad8a04315e3d9e10.txt'])('passes %s through as the readable text it is', (name) => {
    const text = readSeed(name);
    const markdown = convert(text);
    const words = (value: string) => value.split(/\s+/).filter(Boolean);
    expect(words(markdown)).toEqual(words(text));
    expect(markdown.split('\n').length).toBeGreaterThan(10);
  });
});

describe('HTML to Markdown: edge cases', () => {
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
