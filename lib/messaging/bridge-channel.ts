/**
 * The private channel between the content script (isolated world) and the page-world bridge.
 *
 * The page world is shared with every plugin on the admin page, so the bridge keeps no standing
 * listener there. Both scripts run at document_start, before any page script exists, and hand
 * over one MessagePort in a synchronous event; whichever runs second completes the handshake and
 * both remove their listeners at once. After that only the port is used. The content script is
 * the only side that asks; the bridge only answers, so whoever else might hold a port can neither
 * start work nor make the extension write. Nothing here uses zod: the bridge side loads with
 * every editor page (the content script's side, lib/bridge-client.ts, checks every answer).
 */
import type { BridgeCall, BridgeRequest, BridgeResponse } from './protocol';
import type { UserError } from '../errors';

/** The name of the one-time handshake event that hands the bridge its private port. */
export const BRIDGE_HANDSHAKE_EVENT = 'presspilot:bridge-port';

const REQUEST_EVENT = `${BRIDGE_HANDSHAKE_EVENT}:request`;
const ACCEPTED_EVENT = `${BRIDGE_HANDSHAKE_EVENT}:accepted`;

/**
 * Content-script side: offers the port now and again when the bridge asks, until the bridge
 * says it took it. Every event here is dispatched synchronously, so the whole exchange ends
 * inside document_start whichever script Chrome runs first.
 */
export function offerBridgePort(win: Window, port: MessagePort): void {
  const offer = () => win.dispatchEvent(new MessageEvent(BRIDGE_HANDSHAKE_EVENT, { ports: [port] }));
  const accepted = () => {
    win.removeEventListener(REQUEST_EVENT, offer);
    win.removeEventListener(ACCEPTED_EVENT, accepted);
  };
  win.addEventListener(REQUEST_EVENT, offer);
  win.addEventListener(ACCEPTED_EVENT, accepted);
  offer();
}

/** Bridge side: takes the first port offered and never listens again. */
export function acceptBridgePort(win: Window, onPort: (port: MessagePort) => void): void {
  const accept = (event: Event) => {
    const port = (event as MessageEvent).ports?.[0];
    if (!port) return;
    event.stopImmediatePropagation();
    win.removeEventListener(BRIDGE_HANDSHAKE_EVENT, accept, { capture: true });
    onPort(port);
    win.dispatchEvent(new Event(ACCEPTED_EVENT));
  };
  win.addEventListener(BRIDGE_HANDSHAKE_EVENT, accept, { capture: true });
  win.dispatchEvent(new Event(REQUEST_EVENT));
}

export class BridgeCallError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.message);
    this.name = 'BridgeCallError';
  }
}

/** What each call carries besides its type: objects, and the stream's id as a string. */
const CALL_FIELDS: Record<BridgeCall['type'], string[]> = {
  status: [], read: [], categories: [], apply: ['fill'], stream: ['fill', 'streamId'], 'stream-end': ['streamId'], restore: ['snapshot'],
};

function isCall(call: unknown): call is BridgeCall {
  const fields = call as Record<string, unknown> | null | undefined;
  const wanted = typeof fields?.type === 'string' ? CALL_FIELDS[fields.type as BridgeCall['type']] : undefined;
  return Boolean(wanted?.every((name) => (name === 'streamId' ? typeof fields![name] === 'string' : typeof fields![name] === 'object' && fields![name] !== null)));
}

/**
 * Bridge side: answers calls, ignores anything that is not one. Only the content script holds the
 * other end of the port, and it sends only calls it built from checked messages, so the envelope
 * is checked here by hand: zod would double what the page-world script weighs on every page.
 */
export function serveBridge(port: MessagePort, handle: (call: BridgeCall) => Promise<unknown>, describe: (error: unknown) => UserError): void {
  port.onmessage = async (event) => {
    const request = event.data as Partial<BridgeRequest> | null;
    if (typeof request?.id !== 'number' || !isCall(request.call)) return;
    let response: BridgeResponse;
    try {
      response = { id: request.id, result: { ok: true, value: await handle(request.call) } };
    } catch (error) {
      response = { id: request.id, result: { ok: false, error: describe(error) } };
    }
    port.postMessage(response);
  };
}
