import { describe, expect, it, vi } from 'vitest';
import { acceptBridgePort, BRIDGE_HANDSHAKE_EVENT, offerBridgePort, serveBridge } from '../../lib/messaging/bridge-channel';
import { createBridgeClient } from '../../lib/messaging/bridge-client';

/** The window both worlds share: only its events matter to the handshake. */
function sharedWindow() {
  return new EventTarget() as unknown as Window;
}

function handshake(order: 'bridge-first' | 'content-first') {
  const win = sharedWindow();
  const channel = new MessageChannel();
  const received: MessagePort[] = [];
  if (order === 'bridge-first') {
    acceptBridgePort(win, (port) => received.push(port));
    offerBridgePort(win, channel.port2);
  } else {
    offerBridgePort(win, channel.port2);
    acceptBridgePort(win, (port) => received.push(port));
  }
  return { win, channel, received };
}

describe('the bridge handshake', () => {
  it.each(['bridge-first', 'content-first'] as const)('hands over the port synchronously when the %s', (order) => {
    const { channel, received } = handshake(order);
    expect(received).toHaveLength(1);
    expect(received[0]).toBe(channel.port2);
    channel.port1.close();
  });

  it.each(['bridge-first', 'content-first'] as const)('leaves no listener a page script could use afterwards (%s)', (order) => {
    const { win, channel, received } = handshake(order);
    // A page script asks for the port again and offers one of its own: nobody answers.
    const leaked: MessagePort[] = [];
    win.addEventListener(BRIDGE_HANDSHAKE_EVENT, (event) => leaked.push(...(event as MessageEvent).ports));
    win.dispatchEvent(new Event(`${BRIDGE_HANDSHAKE_EVENT}:request`));
    const forged = new MessageChannel();
    win.dispatchEvent(new MessageEvent(BRIDGE_HANDSHAKE_EVENT, { ports: [forged.port2] }));
    expect(received).toHaveLength(1);
    expect(received[0]).toBe(channel.port2);
    expect(leaked).toHaveLength(1);
    expect(leaked[0]).toBe(forged.port2); // only the page's own port, never ours
    channel.port1.close();
    forged.port1.close();
  });
});

describe('calls over the port', () => {
  it('answers well-formed calls and ignores anything else', async () => {
    const channel = new MessageChannel();
    const handle = vi.fn(async () => ({ kind: 'block-editor', ready: true }));
    serveBridge(channel.port2, handle, () => ({ code: 'unknown', message: 'x', retryable: false }));
    const client = createBridgeClient(channel.port1);
    channel.port1.postMessage({ id: 99, call: { type: 'apply' } }); // malformed: no fill
    channel.port1.postMessage('not even an object');
    await expect(client.call({ type: 'status' })).resolves.toEqual({ kind: 'block-editor', ready: true });
    expect(handle).toHaveBeenCalledTimes(1);
    channel.port1.close();
  });

  it('rejects an answer that does not fit the call', async () => {
    const channel = new MessageChannel();
    serveBridge(channel.port2, async () => ({ kind: 'no such editor' }), () => ({ code: 'unknown', message: 'x', retryable: false }));
    const client = createBridgeClient(channel.port1);
    await expect(client.call({ type: 'status' })).rejects.toThrow('The editor answered with something unexpected.');
    channel.port1.close();
  });

  it('carries the editor’s error sentence back', async () => {
    const channel = new MessageChannel();
    serveBridge(channel.port2, async () => { throw new Error('boom'); }, () => ({ code: 'editor-not-ready', message: 'Still loading.', retryable: true }));
    const client = createBridgeClient(channel.port1);
    await expect(client.call({ type: 'read' })).rejects.toThrow('Still loading.');
    channel.port1.close();
  });

  it('times out when the page world never answers', async () => {
    const channel = new MessageChannel();
    const client = createBridgeClient(channel.port1);
    await expect(client.call({ type: 'status' }, 20)).rejects.toThrow('The editor did not answer.');
    channel.port1.close();
  });
});
