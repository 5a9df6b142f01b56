import { z } from 'zod';

/** Limits a blogger expects, after the seed prompt (000): short catchy title, short meta description. */
export const POST_LIMITS = {
  titleIdeal: 60,
  titleMax: 70,
  descriptionMax: 160,
  /** What search results show of a title; SEO plugins warn past it. */
  seoTitleMax: 60,
  /** One focus keyphrase and up to three related ones. */
  keywordsMax: 4,
  tagsMin: 3,
  tagsMax: 10,
  categoriesMin: 1,
  categoriesMax: 3,
  termMax: 60,
  bodyMinWords: 80,
} as const;

const term = z.string().trim().min(1).max(POST_LIMITS.termMax);

/** Counts words the way a reader would: runs of letters/digits, CJK characters one by one. */
export function countWords(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const words = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ')
    .match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0;
  return cjk + words;
}

function uniqueCaseInsensitive(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLocaleLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a post must be to enter the editor: the seed's TITLE / META_DESCRIPTION / TAGS / CATEGORIES / body. */
export const GeneratedPostSchema = z.object({
  title: z.string().trim().min(1, 'The title is empty.')
    .max(POST_LIMITS.titleMax, `The title must be at most ${POST_LIMITS.titleMax} characters.`),
  metaDescription: z.string().trim().min(1, 'The meta description is empty.')
    .max(POST_LIMITS.descriptionMax, `The meta description must be at most ${POST_LIMITS.descriptionMax} characters.`),
  // Settled from the title and tags when the model leaves them out (lib/settle-post.ts).
  seoTitle: z.string().trim().max(POST_LIMITS.seoTitleMax, `The SEO title must be at most ${POST_LIMITS.seoTitleMax} characters.`).default(''),
  focusKeywords: z.array(term).transform(uniqueCaseInsensitive)
    .pipe(z.array(term).max(POST_LIMITS.keywordsMax, `Give at most ${POST_LIMITS.keywordsMax} focus keyphrases.`)).default([]),
  // The minimum counts are asked for (lib/settle-post.ts), not required: a post with two tags goes in.
  tags: z.array(term).transform(uniqueCaseInsensitive)
    .pipe(z.array(term).max(POST_LIMITS.tagsMax, `Give at most ${POST_LIMITS.tagsMax} tags.`)),
  categories: z.array(term).transform(uniqueCaseInsensitive)
    .pipe(z.array(term).max(POST_LIMITS.categoriesMax, `Give at most ${POST_LIMITS.categoriesMax} categories.`)),
  body: z.string().trim()
    .refine((body) => countWords(body) >= POST_LIMITS.bodyMinWords,
      `The body must be a long article of at least ${POST_LIMITS.bodyMinWords} words.`),
});

export type GeneratedPost = z.output<typeof GeneratedPostSchema>;


/**
 * The JSON schema sent to the model for structured output. Kept loose on purpose (strict mode
 * accepts few keywords across OpenAI-compatible servers); GeneratedPostSchema checks the limits.
 */
export const POST_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'metaDescription', 'seoTitle', 'focusKeywords', 'tags', 'categories', 'body'],
  properties: {
    title: { type: 'string', description: `SEO-friendly, catchy title, about ${POST_LIMITS.titleIdeal} characters` },
    metaDescription: { type: 'string', description: `Meta description, at most ${POST_LIMITS.descriptionMax} characters` },
    seoTitle: { type: 'string', description: `The title search results show, at most ${POST_LIMITS.seoTitleMax} characters` },
    focusKeywords: { type: 'array', items: { type: 'string' }, description: `The focus keyphrase first, then up to ${POST_LIMITS.keywordsMax - 1} related ones` },
    tags: { type: 'array', items: { type: 'string' }, description: `${POST_LIMITS.tagsMin} to ${POST_LIMITS.tagsMax} tags` },
    categories: { type: 'array', items: { type: 'string' }, description: `${POST_LIMITS.categoriesMin} to ${POST_LIMITS.categoriesMax} categories` },
    body: { type: 'string', description: 'The article in Markdown, long and very detailed, with ## headings' },
  },
} as const;

/** The JSON schema of a follow-up that asks for some fields of a post only. */
export function fieldsJsonSchema(fields: ReadonlyArray<keyof typeof POST_JSON_SCHEMA.properties>) {
  return {
    type: 'object',
    additionalProperties: false,
    required: [...fields],
    properties: Object.fromEntries(fields.map((field) => [field, POST_JSON_SCHEMA.properties[field]])),
  };
}

/** The seed prompt's default category list, used when a site has only "Uncategorized". */
export const DEFAULT_CATEGORIES = [
  'News', 'Reviews', 'Tutorials', 'How-to Guides',
  'Product Comparisons', 'Tips and Tricks', 'Industry Analysis', 'Emerging Technologies',
  'Software Development', 'Cybersecurity', 'Artificial Intelligence', 'Internet of Things (IoT)',
  'Data Science', 'Gaming', 'Mobile Technology', 'Social Media',
  'E-commerce and Online Business', 'Wearable Technology', 'Virtual Reality (VR) and Augmented Reality (AR)', 'Tech Events and Conferences',
  'Digital Marketing and SEO', 'Cloud Computing', 'Hardware and Components', 'Internet and Connectivity',
  'Programming and Coding', 'Tech Tips for Beginners', 'Data Privacy and Protection', 'Science and Technology',
  'Tech Careers and Job Opportunities', 'Tech Ethics and Policy', 'Home Automation', 'Robotics and Automation',
  'Blockchain Technology', 'Audio and Video Technology', 'Tech for Education and Learning', 'Health Tech and Wearables',
  'Tech for Small Businesses', 'Social Impact of Technology', 'Tech Gadgets for Home', 'Green Tech and Sustainability',
  'Web Hosting Reviews', 'Server Management and Optimization', 'Website Security and SSL Certificates', 'Content Delivery Networks (CDNs)',
  'Domain Name Registration', 'Cloud Hosting and Services', 'Dedicated Servers', 'Shared Hosting',
  'Virtual Private Servers (VPS)', 'Website Backup and Recovery', 'Server Monitoring and Performance', 'Server Hardware and Infrastructure',
  'Web Hosting Tutorials and Guides', 'WordPress Hosting and Plugins', 'E-commerce Hosting Solutions', 'Email Hosting and Communication',
  'Database Management', 'Web Development Frameworks', 'Server-Side Scripting and Languages', 'Server Virtualization',
] as const;
