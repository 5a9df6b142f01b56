import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { acceptBridgePort, serveBridge } from '../lib/messaging/bridge-channel';
import { serveEditor } from '../lib/editors/editor-service';

// Page world, at document_start: takes the private port before any page script exists.
// Registered by the background for the sites the blogger allowed (lib/storage/site-access.ts).
export default defineUnlistedScript({
  main() {
    acceptBridgePort(window, (port) => {
      const { handle, describe } = serveEditor(window);
      serveBridge(port, handle, describe);
    });
  },
});
