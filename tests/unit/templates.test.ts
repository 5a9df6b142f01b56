import { describe, expect, it } from 'vitest';
import { CustomTemplateSchema, SiteVoiceSchema, TEMPLATES, findTemplate, voiceForOrigin, writingInstructions } from '../../lib/generation/templates';

const custom = [{ id: 'custom-1', name: 'Recipe', instructions: 'Ingredients first, then the steps.' }];

describe('post templates', () => {
  it('has the built-ins, the detailed article first as the default', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual(['seed', 'how-to', 'listicle', 'review', 'comparison', 'news']);
    expect(TEMPLATES[0]!.name).toBe('Detailed article');
    expect(TEMPLATES[0]!.instructions).toMatch(/large-format, expanded, very detailed/);
  });

  it('finds a built-in or custom template, and falls back to the default for an unknown id', () => {
    expect(findTemplate('review', custom).name).toBe('Review');
    expect(findTemplate('custom-1', custom).name).toBe('Recipe');
    expect(findTemplate('deleted', custom).id).toBe('seed');
    expect(findTemplate('news', [{ id: 'news', name: 'Mine', instructions: 'x' }]).name).toBe('News article');
  });

  it('checks a custom template: a trimmed name of 1 to 60 characters, instructions of 1 to 2000', () => {
    expect(CustomTemplateSchema.parse({ id: 'a', name: '  Recipe  ', instructions: 'Steps.' }).name).toBe('Recipe');
    expect(CustomTemplateSchema.safeParse({ id: 'a', name: '   ', instructions: 'Steps.' }).success).toBe(false);
    expect(CustomTemplateSchema.safeParse({ id: 'a', name: 'x'.repeat(61), instructions: 'Steps.' }).success).toBe(false);
    expect(CustomTemplateSchema.safeParse({ id: 'a', name: 'Recipe', instructions: '' }).success).toBe(false);
    expect(CustomTemplateSchema.safeParse({ id: 'a', name: 'Recipe', instructions: 'x'.repeat(2001) }).success).toBe(false);
  });
});

describe('writingInstructions', () => {
  it('names the post type, then gives its instructions', () => {
    expect(writingInstructions({ template: custom[0]! })).toBe('Post type: Recipe. Ingredients first, then the steps.');
    expect(writingInstructions({ template: { name: 'Recipe.', instructions: 'Steps.' } })).toBe('Post type: Recipe. Steps.');
  });

  it('adds the site\'s house style when there is one', () => {
    const text = writingInstructions({ template: custom[0]!, siteVoice: '  For home cooks. Never say "delve".  ' });
    expect(text).toBe('Post type: Recipe. Ingredients first, then the steps.\n\nHouse style for this site: For home cooks. Never say "delve".');
    expect(writingInstructions({ template: custom[0]!, siteVoice: '   ' })).not.toMatch(/House style/);
  });
});

describe('site voices', () => {
  const voices = [SiteVoiceSchema.parse({ origin: 'https://cooking.example', guidelines: 'For home cooks.' }), { origin: 'https://blank.example', guidelines: ' ' }];

  it('finds the voice of the site by its origin, whatever the case or a trailing slash', () => {
    expect(voiceForOrigin(voices, 'https://cooking.example')).toBe('For home cooks.');
    expect(voiceForOrigin(voices, 'https://Cooking.example/')).toBe('For home cooks.');
    // Allowed by host: the editor's port does not matter.
    expect(voiceForOrigin(voices, 'https://cooking.example:8443')).toBe('For home cooks.');
    expect(voiceForOrigin(voices, 'http://cooking.example')).toBeUndefined();
    expect(voiceForOrigin(voices, 'https://other.example')).toBeUndefined();
    expect(voiceForOrigin(voices, 'https://blank.example')).toBeUndefined();
  });

  it('keeps guidelines to 4000 characters', () => {
    expect(SiteVoiceSchema.safeParse({ origin: 'https://a.example', guidelines: '' }).success).toBe(true);
    expect(SiteVoiceSchema.safeParse({ origin: 'https://a.example', guidelines: 'x'.repeat(4001) }).success).toBe(false);
  });
});
