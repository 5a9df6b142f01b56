import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: lib/ stays plain TypeScript that unit tests import as is.
  imports: false,
  // zod's builders are pure (lib/ marks its own chained calls): a schema no script uses is dropped
  // with the schemas inside it, so each editor-page script carries only those it checks with.
  vite: () => ({ build: { rolldownOptions: { treeshake: { manualPureFunctions: ['z'] } } } }),
  manifest: {
    name: 'PressPilot',
    description: 'Write and rewrite WordPress and Elementor posts with an AI model, inside the editor you already use.',
    // Every permission and why is in README ("Permissions"). No host is granted at install: each
    // WordPress site is allowed by the blogger, and the editor scripts run only on its editor pages.
    permissions: ['storage', 'scripting', 'activeTab'],
    optional_host_permissions: ['*://*/*'],
    action: { default_title: 'PressPilot' },
  },
});
