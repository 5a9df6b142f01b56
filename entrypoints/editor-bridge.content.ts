import { defineContentScript } from 'wxt/utils/define-content-script';
import { acceptBridgePort, serveBridge } from '../lib/bridge-channel';
import { serveEditor } from '../lib/editor-service';
import { EDITOR_PAGE_MATCHES } from '../lib/editor-pages';

// Page world, at document_start: takes the private port before any page script exists.
export default defineContentScript({
  matches: EDITOR_PAGE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    acceptBridgePort(window, (port) => {
      const { handle, describe } = serveEditor(window);
      serveBridge(port, handle, describe);
    });
  },
});
