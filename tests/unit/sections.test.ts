import { describe, expect, it } from 'vitest';
import { composeSections, pairSections, splitSections } from '../../lib/content/sections';

const before = ['Intro.', '## Setup\n\nOld setup.', '## Usage\n\nOld usage.\n\n```md\n## not a section\n```', '## Notes\n\nOld notes.'].join('\n\n');

describe('a rewrite section by section', () => {
  it('cuts at H2 headings, never inside a code fence, with what comes first as a section', () => {
    expect(splitSections(before)).toEqual(['Intro.', '## Setup\n\nOld setup.', '## Usage\n\nOld usage.\n\n```md\n## not a section\n```', '## Notes\n\nOld notes.']);
    expect(splitSections('## Only\n\nText')).toEqual(['## Only\n\nText']);
  });

  it('pairs sections by their headings, renamed ones by their place, and shows what was added or removed', () => {
    const after = ['Intro, rewritten.', '## Getting set up\n\nNew setup.', '## Usage\n\nNew usage.', '## A new part\n\nAdded.'].join('\n\n');
    expect(pairSections(before, after)).toEqual([
      { before: 'Intro.', after: 'Intro, rewritten.' },
      { before: '## Setup\n\nOld setup.', after: '## Getting set up\n\nNew setup.' },
      { before: '## Usage\n\nOld usage.\n\n```md\n## not a section\n```', after: '## Usage\n\nNew usage.' },
      { before: '## Notes\n\nOld notes.', after: '## A new part\n\nAdded.' },
    ]);
    const removed = pairSections(before, ['Intro.', '## Usage\n\nNew usage.'].join('\n\n'));
    expect(removed).toEqual([
      { before: 'Intro.', after: 'Intro.' },
      { before: '## Setup\n\nOld setup.' },
      { before: '## Usage\n\nOld usage.\n\n```md\n## not a section\n```', after: '## Usage\n\nNew usage.' },
      { before: '## Notes\n\nOld notes.' },
    ]);
  });

  it('puts the body together from the chosen version of each section', () => {
    const pairs = pairSections(before, ['Intro, rewritten.', '## Setup\n\nNew setup.', '## Usage\n\nNew usage.', '## Notes\n\nNew notes.'].join('\n\n'));
    expect(composeSections(pairs, [true, false, true, false])).toBe(['Intro, rewritten.', '## Setup\n\nOld setup.', '## Usage\n\nNew usage.', '## Notes\n\nOld notes.'].join('\n\n'));
    // A section the rewrite removed stays gone when accepted, and comes back when kept.
    const removed = pairSections(before, 'Intro.');
    expect(composeSections(removed, [true, true, false, true])).toBe(['Intro.', '## Usage\n\nOld usage.\n\n```md\n## not a section\n```'].join('\n\n'));
  });
});
