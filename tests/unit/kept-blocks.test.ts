/** A rewrite never loses what the blogger had: what Markdown cannot carry is kept out as placeholders. */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { bodyToHtml, type BodyBlock } from '../../lib/content/body';
import { restorePlaceholders } from '../../lib/content/kept-answer';
import { readForRewrite, type HtmlKind } from '../../lib/content/kept-blocks';
import { hardenPurify, markdownToBody } from '../../lib/content/markdown';
import { BodyBlockSchema } from '../../lib/editors/adapter';
import { buildRewriteMessages } from '../../lib/generation/prompt';
import { WritingOptionsSchema } from '../../lib/generation/writing';

const window = new JSDOM('').window;
const domParser = new window.DOMParser();
const purify = hardenPurify(createDOMPurify(window as never));

/** Read for a rewrite, answered by `model` (the Markdown as it is by default), and back to blocks. */
function rewrite(html: string, kind: HtmlKind, model: (markdown: string) => string = (markdown) => markdown) {
  const source = readForRewrite(html, kind, domParser);
  const { markdown, report } = restorePlaceholders(model(source.markdown), source.kept);
  return { source, report, markdown, body: markdownToBody(markdown, purify, undefined, source.kept) };
}

const kind = (body: BodyBlock[]) => body.map((block) => block.type);
const keptHtml = (body: BodyBlock[]) => body.flatMap((block) => (block.type === 'kept' ? [block.html] : []));

const paragraph = (text: string) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`;
const youtube = '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=aqz-KE-bpKQ","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->\n'
  + '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\n'
  + 'https://www.youtube.com/watch?v=aqz-KE-bpKQ\n</div><figcaption class="wp-element-caption">Big Buck Bunny</figcaption></figure>\n<!-- /wp:embed -->';

/** One block of each kind Markdown cannot carry, as the block editor serializes them. */
const UNCARRIED: Record<string, string> = {
  'a YouTube embed': youtube,
  'an HTML block with an iframe': '<!-- wp:html -->\n<iframe src="https://player.vimeo.com/video/76979871" width="640" height="360" allow="fullscreen"></iframe>\n<!-- /wp:html -->',
  'a gallery': '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":12,"sizeSlug":"large"} -->\n'
    + '<figure class="wp-block-image size-large"><img src="https://example.com/a.jpg" alt="A" class="wp-image-12"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->',
  'columns': '<!-- wp:columns -->\n<div class="wp-block-columns"><!-- wp:column -->\n<div class="wp-block-column">' + paragraph('Left') + '</div>\n<!-- /wp:column -->\n\n'
    + '<!-- wp:column -->\n<div class="wp-block-column">' + paragraph('Right') + '</div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->',
  'media and text': '<!-- wp:media-text {"mediaId":7,"mediaType":"image"} -->\n<div class="wp-block-media-text is-stacked-on-mobile"><figure class="wp-block-media-text__media">'
    + '<img src="https://example.com/m.jpg" alt="" class="wp-image-7 size-full"/></figure><div class="wp-block-media-text__content">' + paragraph('Beside the picture') + '</div></div>\n<!-- /wp:media-text -->',
  'buttons': '<!-- wp:buttons -->\n<div class="wp-block-buttons"><!-- wp:button -->\n<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="https://example.com/buy">Buy the book</a></div>\n'
    + '<!-- /wp:button -->\n\n<!-- wp:button {"tagName":"button"} -->\n<div class="wp-block-button"><button type="button" class="wp-block-button__link wp-element-button">Subscribe</button></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->',
  'a cover': '<!-- wp:cover {"url":"https://example.com/c.jpg","dimRatio":50} -->\n<div class="wp-block-cover"><span aria-hidden="true" class="wp-block-cover__background has-background-dim"></span>'
    + '<img class="wp-block-cover__image-background" alt="" src="https://example.com/c.jpg" data-object-fit="cover"/><div class="wp-block-cover__inner-container">' + paragraph('On the cover') + '</div></div>\n<!-- /wp:cover -->',
  'a group': '<!-- wp:group {"layout":{"type":"constrained"}} -->\n<div class="wp-block-group">' + paragraph('Grouped') + '</div>\n<!-- /wp:group -->',
  'details': '<!-- wp:details -->\n<details class="wp-block-details"><summary>Spoiler</summary>' + paragraph('The butler did it.') + '</details>\n<!-- /wp:details -->',
  'a shortcode block': '<!-- wp:shortcode -->\n[contact-form-7 id="42" title="Contact"]\n<!-- /wp:shortcode -->',
  'a third-party block': '<!-- wp:acme/pricing-table {"plan":"pro","price":19} -->\n<div class="wp-block-acme-pricing-table"><h3>Pro</h3><p>$19</p></div>\n<!-- /wp:acme/pricing-table -->',
  'a self-closing dynamic block': '<!-- wp:latest-posts {"postsToShow":3} /-->',
  'an image with its size and caption': '<!-- wp:image {"id":5,"sizeSlug":"large","linkDestination":"none"} -->\n<figure class="wp-block-image size-large"><img src="https://example.com/p.jpg" alt="Pier" class="wp-image-5"/>'
    + '<figcaption class="wp-element-caption">The pier at dawn</figcaption></figure>\n<!-- /wp:image -->',
  'verse': '<!-- wp:verse -->\n<pre class="wp-block-verse">Two roads diverged in a <em>yellow</em> wood,<br>And sorry I could not travel both<br>— <a href="https://example.com/frost">Robert Frost</a></pre>\n<!-- /wp:verse -->',
  'preformatted text': '<!-- wp:preformatted -->\n<pre class="wp-block-preformatted">Name:    <strong>Ada</strong>\nOffice:  <a href="https://example.com/map">Room 4</a></pre>\n<!-- /wp:preformatted -->',
  'a styled separator': '<!-- wp:separator {"className":"is-style-dots"} -->\n<hr class="wp-block-separator has-alpha-channel-opacity is-style-dots"/>\n<!-- /wp:separator -->',
  'a more tag': '<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->',
};

describe('block markup: what Markdown cannot carry comes back byte for byte, where it was', () => {
  it.each(Object.entries(UNCARRIED))('%s', (_name, block) => {
    const markup = [paragraph('Before it.'), block, paragraph('After it.')].join('\n\n');
    const { source, body } = rewrite(markup, 'block-markup');
    expect(source.markdown).toBe('Before it.\n\n[[keep:1]]\n\nAfter it.');
    expect(source.kept).toEqual({ 1: { html: block, after: 'Before it.', textsBefore: 1 } });
    expect(body).toEqual([{ type: 'paragraph', html: 'Before it.' }, { type: 'kept', id: '1', html: block }, { type: 'paragraph', html: 'After it.' }]);
  });

  it('carries text blocks, and keeps a paragraph whole when an iframe sits in it', () => {
    const withIframe = paragraph('Watch: <iframe src="https://example.com/v"></iframe>');
    const markup = [
      '<!-- wp:heading -->\n<h2 class="wp-block-heading">Setup</h2>\n<!-- /wp:heading -->', withIframe,
      '<!-- wp:list -->\n<ul class="wp-block-list"><!-- wp:list-item -->\n<li>one</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->',
      '<!-- wp:separator -->\n<hr class="wp-block-separator"/>\n<!-- /wp:separator -->',
    ].join('\n\n');
    const { body } = rewrite(markup, 'block-markup');
    expect(kind(body)).toEqual(['heading', 'kept', 'list', 'separator']);
    expect(keptHtml(body)).toEqual([withIframe]);
  });

  it('carries a quote with a heading in it: the heading stays a heading', () => {
    const markup = '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">Rule one</h3>\n<!-- /wp:heading -->\n\n'
      + '<!-- wp:paragraph -->\n<p>Never lose the blogger’s words.</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->';
    const { body } = rewrite(markup, 'block-markup');
    expect(body).toEqual([{ type: 'quote', html: '<blockquote>\n<h3>Rule one</h3>\n<p>Never lose the blogger’s words.</p>\n</blockquote>' }]);
  });

  it('keeps a Classic block between blocks whole, and reads markup without any delimiter as classic content', () => {
    const classic = '<p>Old <em>classic</em> text</p>';
    const { body } = rewrite(`${paragraph('New.')}\n\n${classic}\n\n${paragraph('Newer.')}`, 'block-markup');
    expect(body).toEqual([{ type: 'paragraph', html: 'New.' }, { type: 'kept', id: '1', html: classic }, { type: 'paragraph', html: 'Newer.' }]);
    expect(rewrite('First\n\nSecond line\nthird line', 'block-markup').body).toEqual([
      { type: 'paragraph', html: 'First' }, { type: 'paragraph', html: 'Second line<br>third line' },
    ]);
  });
});

describe('classic content: paragraphs, line breaks and what WordPress makes of it', () => {
  const classic = [
    'Our office is at:\nACME Ltd\n12 Main Street',
    'Opening <strong>hours</strong> are\nMonday to Friday.',
    '[gallery ids="3,4,5" columns="2"]',
    'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
    '<!--more-->',
    '<iframe src="https://www.google.com/maps/embed?pb=1" width="600" height="450"></iframe>',
    '<form action="/subscribe"><input name="email"><button>Join</button></form>',
    '<script src="https://platform.twitter.com/widgets.js"></script>',
    'Press <button type="button">Print</button> to print this page.',
    '<pre>Two roads diverged<br>in a <a href="https://example.com/wood">yellow wood</a></pre>',
  ].join('\n\n');

  it('makes a paragraph of each blank-line block and a <br> of each line break, as wpautop does', () => {
    const { body } = rewrite(classic, 'classic');
    expect(body.slice(0, 2)).toEqual([
      { type: 'paragraph', html: 'Our office is at:<br>ACME Ltd<br>12 Main Street' },
      { type: 'paragraph', html: 'Opening <strong>hours</strong> are<br>Monday to Friday.' },
    ]);
  });

  it('keeps shortcodes, an oEmbed URL, the more tag, iframes, forms, scripts and a <pre> with a link, in order', () => {
    const { body, source } = rewrite(classic, 'classic');
    expect(kind(body)).toEqual(['paragraph', 'paragraph', 'kept', 'kept', 'kept', 'kept', 'kept', 'kept', 'paragraph', 'kept']);
    expect(keptHtml(body)).toEqual([
      '[gallery ids="3,4,5" columns="2"]',
      'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
      '<!--more-->',
      '<p><iframe src="https://www.google.com/maps/embed?pb=1" width="600" height="450"></iframe></p>',
      '<form action="/subscribe"><input name="email"><button>Join</button></form>',
      '<script src="https://platform.twitter.com/widgets.js"></script>',
      '<pre>Two roads diverged<br>in a <a href="https://example.com/wood">yellow wood</a></pre>',
    ]);
    expect(Object.keys(source.kept)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    // A button outside a form is its label in the text.
    expect(body[8]).toEqual({ type: 'paragraph', html: 'Press Print to print this page.' });
  });

  it('keeps Markdown syntax in plain text as text', () => {
    const { markdown, body } = rewrite('1984. by George Orwell\n\n* * *\n\n### not a heading\n\n- not a list\n\n> not a quote', 'classic');
    expect(markdown).not.toMatch(/^(?:\d+\.|\* \* \*|###|-|>) /m);
    expect(body).toEqual(['1984. by George Orwell', '* * *', '### not a heading', '- not a list', '&gt; not a quote'].map((html) => ({ type: 'paragraph', html })));
  });

  it('keeps an image on its own paragraph whole, and one inside a sentence as a Markdown image', () => {
    const alone = '<a href="https://example.com/big.jpg"><img class="aligncenter size-medium wp-image-9" src="https://example.com/small.jpg" alt="Bay" width="300" height="200"></a>';
    const { body } = rewrite(`${alone}\n\nA tiny <img src="https://example.com/icon.png" alt="icon"> icon.`, 'classic');
    expect(body).toEqual([
      { type: 'kept', id: '1', html: `<p>${alone}</p>` },
      { type: 'paragraph', html: 'A tiny <img src="https://example.com/icon.png" alt="icon"> icon.' },
    ]);
  });
});

describe('HTML (Elementor widgets, REST content): embeds kept, buttons as text', () => {
  it('keeps an HTML widget’s iframe and script and a table Markdown cannot write; a button is its label', () => {
    const merged = '<table><tbody><tr><th colspan="2">Plan</th></tr><tr><td>Pro</td><td>$19</td></tr></tbody></table>';
    const html = `<h2>Watch</h2>\n<div class="video"><iframe src="https://www.youtube.com/embed/x"></iframe></div>\n${merged}\n<p>Then <button>Subscribe</button>.</p>`;
    const { body } = rewrite(html, 'html');
    expect(body).toEqual([
      { type: 'heading', level: 2, html: 'Watch' },
      { type: 'kept', id: '1', html: '<div class="video"><iframe src="https://www.youtube.com/embed/x"></iframe></div>' },
      { type: 'kept', id: '2', html: merged },
      { type: 'paragraph', html: 'Then Subscribe .' },
    ]);
  });
});

describe('the model’s answer against the kept blocks', () => {
  const buttons = UNCARRIED.buttons!;
  const gallery = UNCARRIED['a gallery']!;
  const markup = [paragraph('Intro.'), youtube, paragraph('Middle.'), buttons, gallery, paragraph('End.')].join('\n\n');
  const read = () => readForRewrite(markup, 'block-markup', domParser);

  it('the Markdown the model gets has one placeholder paragraph per kept block', () => {
    expect(read().markdown).toBe('Intro.\n\n[[keep:1]]\n\nMiddle.\n\n[[keep:2]]\n\n[[keep:3]]\n\nEnd.');
  });

  it('an answer that keeps every placeholder comes back as it was, kept blocks byte-identical', () => {
    const answer = 'A new intro.\n\n[[keep:1]]\n\nA new middle.\n\n[[keep:2]]\n\n[[keep:3]]\n\nA new end.';
    const { markdown, report } = restorePlaceholders(answer, read().kept);
    expect(markdown).toBe(answer);
    expect(report).toEqual({ dropped: [], invented: [], duplicated: [], summary: '' });
    expect(keptHtml(markdownToBody(markdown, purify, undefined, read().kept))).toEqual([youtube, buttons, gallery]);
  });

  it('puts a dropped placeholder back right after the text block it followed', () => {
    const { body, report } = rewrite(markup, 'block-markup', (markdown) => markdown.replace('[[keep:1]]\n\n', ''));
    expect(kind(body)).toEqual(['paragraph', 'kept', 'paragraph', 'kept', 'kept', 'paragraph']);
    expect(keptHtml(body)[0]).toBe(youtube);
    expect(report.dropped).toEqual(['1']);
    expect(report.summary).toBe('The model left out 1 block it could not rewrite (an embed, gallery, button or the like); it is back where it was.');
  });

  it('puts it back after as many text blocks as before it when that text was rewritten, and at the start when it opened the post', () => {
    const { body } = rewrite(markup, 'block-markup', () => 'New intro.\n\nNew middle.\n\n[[keep:2]]\n\n[[keep:3]]\n\nNew end.');
    expect(body.map((block) => (block.type === 'kept' ? block.id : block.type))).toEqual(['paragraph', '1', 'paragraph', '2', '3', 'paragraph']);
    const first = rewrite(`${youtube}\n\n${paragraph('Text.')}`, 'block-markup', () => 'Rewritten text.');
    expect(first.body.map((block) => block.type)).toEqual(['kept', 'paragraph']);
    // One that followed another kept block goes right after it.
    const second = rewrite(markup, 'block-markup', (markdown) => markdown.replace('[[keep:3]]\n\n', ''));
    expect(keptHtml(second.body)).toEqual([youtube, buttons, gallery]);
  });

  it('removes an invented or repeated placeholder and says so', () => {
    const { body, report } = rewrite(markup, 'block-markup', (markdown) => `${markdown}\n\n[[keep:7]]\n\n[[keep:1]]`);
    expect(keptHtml(body)).toEqual([youtube, buttons, gallery]);
    expect(report).toMatchObject({ dropped: [], invented: ['7'], duplicated: ['1'] });
    expect(report.summary).toBe('It referred to 1 block the post does not have; nothing was added for it. It repeated 1 kept block; each stays once, where it came first.');
  });

  it('takes a placeholder the model ran into a paragraph or a sentence for what it is', () => {
    const answer = 'Intro.\n[[keep:1]]\nMiddle, see [[keep:2]] below.\n\n[[keep:3]]\n\nEnd.';
    const { markdown, report } = restorePlaceholders(answer, read().kept);
    expect(markdown).toBe('Intro.\n\n[[keep:1]]\n\nMiddle, see  below.\n\n[[keep:2]]\n\n[[keep:3]]\n\nEnd.');
    expect(report.dropped).toEqual(['2']);
  });

  it('never makes a kept block of an id the post does not have, nor lets raw HTML through', () => {
    const kept = read().kept;
    const body = markdownToBody('[[keep:4]]\n\n[[keep:0]]\n\n<iframe src="https://evil.example/"></iframe>\n\n[[keep:1]]', purify, undefined, kept);
    expect(body).toEqual([{ type: 'kept', id: '1', html: youtube }]);
    // Without a rewrite's kept blocks, a placeholder is the text it is.
    expect(markdownToBody('[[keep:1]]', purify)).toEqual([{ type: 'paragraph', html: '[[keep:1]]' }]);
    // Object.prototype's keys are no ids either.
    expect(markdownToBody('[[keep:1]]', purify, undefined, Object.create({ 1: { html: '<script>x</script>' } }))).toEqual([]);
  });

  it('keeps the text "[[keep:1]]" in a post as text, not a placeholder', () => {
    const { source, body } = rewrite(`${paragraph('[[keep:1]]')}\n\n${youtube}`, 'block-markup');
    expect(source.markdown).toBe('\\[\\[keep:1\\]\\]\n\n[[keep:1]]');
    expect(body).toEqual([{ type: 'paragraph', html: '[[keep:1]]' }, { type: 'kept', id: '1', html: youtube }]);
  });

  it('a kept block passes the editors’ schema', () => {
    expect(BodyBlockSchema.safeParse({ type: 'kept', id: '1', html: youtube }).success).toBe(true);
    expect(bodyToHtml([{ type: 'kept', id: '1', html: youtube }])).toBe(youtube);
  });
});

describe('the rewrite prompt', () => {
  const ask = (markdown: string) => buildRewriteMessages({
    post: { title: 'Post', excerpt: '', tags: [], categories: [], markdown }, instructions: '', presets: [],
    options: WritingOptionsSchema.parse({}), siteCategories: ['News'], allowNewCategories: false, format: 'json',
  }).at(-1)!.content;

  it('tells the model to keep each placeholder, only when the post has one', () => {
    expect(ask(readForRewrite(`${paragraph('Text.')}\n\n${youtube}`, 'block-markup', domParser).markdown)).toMatch(/Lines like \[\[keep:3\]\] stand for parts of the post/);
    expect(ask('Just text.')).not.toMatch(/keep:/);
  });
});
