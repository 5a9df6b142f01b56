import DOMPurify from 'dompurify';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createConverters } from '../lib/content/converters';
import { CONVERTERS_KEY } from '../lib/messaging/protocol';
import { hardenPurify } from '../lib/content/markdown';

// Injected by the background into the editor tab's isolated world when a job needs it; loading it
// twice keeps the first.
export default defineUnlistedScript(() => {
  const world = globalThis as Record<string, unknown>;
  world[CONVERTERS_KEY] ??= createConverters(hardenPurify(DOMPurify(window)), new DOMParser());
});
