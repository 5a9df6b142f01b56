/**
 * Post templates (what kind of post to write) and each site's house style, as text added to a
 * generation or rewrite prompt. In zod/mini: templates and voices travel with job requests.
 */
import * as z from 'zod/mini';

export interface PostTemplate { id: string; name: string; instructions: string }

export const DEFAULT_TEMPLATE_ID = 'seed';

export const TEMPLATES: readonly PostTemplate[] = [
  {
    id: DEFAULT_TEMPLATE_ID,
    name: 'Detailed article',
    instructions: 'A large-format, expanded, very detailed article. Open with what the reader will learn, then give each aspect of the topic its own ## section, explained in depth with examples and, where they help, lists, tables or code. Close with a conclusion that sums up the key points.',
  },
  {
    id: 'how-to',
    name: 'How-to guide',
    instructions: 'A step-by-step guide. Say who it is for and what the reader needs before starting, then give numbered steps under ## headings, each with what to do, why, and what the reader should see. Add a section on common problems and their fixes, and end with next steps.',
  },
  {
    id: 'listicle',
    name: 'List article',
    instructions: 'A list article. After a short introduction, give each item its own numbered ## heading (## 1. …) with a few paragraphs on why it matters and a concrete example or tip. Keep the items parallel in form and end with a short summary or where to start.',
  },
  {
    id: 'review',
    name: 'Review',
    instructions: 'A review of one product, service or tool. Say what it is and who it is for, then cover its key features, how it performs in real use and its pricing, with pros and cons as lists. End with a clear verdict: who should choose it, who should not, and alternatives to consider.',
  },
  {
    id: 'comparison',
    name: 'Comparison',
    instructions: 'A comparison of two or more options. Introduce each briefly, then compare them criterion by criterion under ## headings (features, performance, price, ease of use, support) and sum up the differences in a Markdown table. End with a recommendation for each kind of reader.',
  },
  {
    id: 'news',
    name: 'News article',
    instructions: 'A news article. Put the key facts in the first paragraph (who, what, when, where, why), then the background, what it means for readers, and what happens next. Stay factual, say when something is not confirmed, and never invent quotes, dates or figures.',
  },
];

/** A template the blogger wrote in the options. */
export const CustomTemplateSchema = /* @__PURE__ */ z.object({
  id: z.string(),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  instructions: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export type CustomTemplate = z.infer<typeof CustomTemplateSchema>;

/** Built-ins first, so a stored custom template cannot shadow one; an unknown id (a deleted template) writes the default. */
export function findTemplate(id: string, custom: readonly CustomTemplate[]): PostTemplate {
  return TEMPLATES.find((template) => template.id === id)
    ?? custom.find((template) => template.id === id)
    ?? TEMPLATES[0]!;
}

/** A site's house style: the blogger's own words on audience, tone, words to avoid, links to prefer. */
export const SiteVoiceSchema = /* @__PURE__ */ z.object({
  origin: z.string(),
  guidelines: z.string().check(z.maxLength(4000)),
});
export type SiteVoice = z.infer<typeof SiteVoiceSchema>;

/**
 * Sites compare as the blogger allowed them, by scheme and host (a site permission covers every
 * port): 'https://Example.com:8443/' finds the voice saved for 'https://example.com'.
 */
function originOf(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.hostname}`;
  } catch {
    return value.trim().toLowerCase();
  }
}

/** The site's guidelines, or undefined when it has none (or only blanks). */
export function voiceForOrigin(voices: readonly SiteVoice[], origin: string): string | undefined {
  const wanted = originOf(origin);
  const guidelines = voices.find((voice) => originOf(voice.origin) === wanted)?.guidelines.trim();
  return guidelines || undefined;
}

/** The site's house style as a prompt line; nothing for a site without one. */
export function houseStyle(siteVoice: string | undefined): string | undefined {
  const voice = siteVoice?.trim();
  return voice ? `House style for this site: ${voice}` : undefined;
}

/** The text added to a generation prompt: the kind of post, then the site's house style. */
export function writingInstructions(input: { template: { name: string; instructions: string }; siteVoice?: string }): string {
  const name = input.template.name.trim().replace(/[.:]+$/, '');
  const style = houseStyle(input.siteVoice);
  return [`Post type: ${name}. ${input.template.instructions.trim()}`, ...(style ? [style] : [])].join('\n\n');
}
