import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: lib/ stays plain TypeScript that unit tests import as is.
  imports: false,
  manifest: {
    name: 'PressPilot',
    description: 'Write and rewrite WordPress and Elementor posts with an AI model, inside the editor you already use.',
    // storage: settings, the key and job state. No host permissions: content scripts run only on
    // the editor pages, and the model endpoint is called with CORS like any web client.
    permissions: ['storage'],
    action: { default_title: 'PressPilot' },
  },
});
