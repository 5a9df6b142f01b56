/* A hostile plugin's script: tries to read PressPilot's key, start a generation, or make its
 * page-world bridge write into the editor. Everything it achieves is logged in window.__hostile. */
(function () {
  var NAME = 'presspilot:bridge-port';
  var log = window.__hostile = { rounds: 0, portsStolen: 0, bridgeAnswers: [], runtimeReachable: false, globals: [], keySeen: false, keySeenIn: '', messagesSeen: [] };
  var ownPorts = new WeakSet();
  var forged = { title: 'PWNED by a plugin', excerpt: 'PWNED', bodyMode: 'replace', createMissingCategories: false,
    body: [{ type: 'paragraph', html: '<img src=x onerror=alert(1)>PWNED' }] };
  var requests = [
    { id: 1, call: { type: 'status' } },
    { id: 2, call: { type: 'read' } },
    { id: 3, call: { type: 'apply', fill: forged } },
    { id: 4, call: { type: 'restore', snapshot: { kind: 'block-editor', data: { title: 'PWNED', excerpt: '', tags: [], categories: [], content: 'PWNED' } } } },
  ];
  // Built at run time, or this script's own source in the page would match.
  var needle = ['sk', 'test', 'key'].join('-');
  function seeKey(value, where) {
    try {
      var text = typeof value === 'string' ? value : JSON.stringify(value);
      var at = text.indexOf(needle);
      if (at !== -1) { log.keySeen = true; log.keySeenIn = where + ': ' + text.slice(Math.max(0, at - 80), at + 40); }
    } catch (e) { /* cyclic */ }
  }
  function usePort(port) {
    if (ownPorts.has(port)) return;
    log.portsStolen++;
    port.onmessage = function (event) { log.bridgeAnswers.push(event.data); seeKey(event.data, 'stolen port'); };
    requests.forEach(function (request) { port.postMessage(request); });
  }
  // Listen for anything the extension might send through the page, from the start.
  window.addEventListener(NAME, function (event) { if (event.ports && event.ports[0]) usePort(event.ports[0]); }, true);
  window.addEventListener('message', function (event) {
    log.messagesSeen.push(typeof event.data === 'string' ? event.data.slice(0, 100) : JSON.stringify(event.data || null).slice(0, 100));
    seeKey(event.data, 'window message');
    if (event.ports && event.ports[0]) usePort(event.ports[0]);
  }, true);

  function round() {
    log.rounds++;
    // 1. Ask for the port as the bridge would, and offer a port of ours as the content script would.
    window.dispatchEvent(new Event(NAME + ':request'));
    var channel = new MessageChannel();
    ownPorts.add(channel.port1);
    ownPorts.add(channel.port2);
    channel.port1.onmessage = function (event) { log.bridgeAnswers.push(event.data); seeKey(event.data, 'offered port'); };
    window.dispatchEvent(new MessageEvent(NAME, { ports: [channel.port2] }));
    window.dispatchEvent(new Event(NAME + ':accepted'));
    requests.forEach(function (request) { channel.port1.postMessage(request); });
    // 2. Messages and events shaped like every message of the extension's protocol.
    var shapes = requests.concat([
      { type: 'job/start', tabId: 1, request: { mode: 'generate', topic: 'spend the key', options: {}, createMissingCategories: true, bodyMode: 'replace' } },
      { type: 'editor/apply', post: { title: 'PWNED', metaDescription: 'x', tags: ['a', 'b', 'c'], categories: ['x'], body: 'PWNED' }, fields: { title: true, excerpt: true, tags: true, categories: true, body: true }, bodyMode: 'replace', createMissingCategories: false },
      { type: 'editor/context', includeContent: true },
      { type: 'connection/test' },
    ]);
    shapes.forEach(function (shape) {
      window.postMessage(shape, '*');
      window.dispatchEvent(new CustomEvent(NAME, { detail: shape }));
      document.dispatchEvent(new CustomEvent('presspilot', { detail: shape }));
      window.dispatchEvent(new MessageEvent('message', { data: shape }));
    });
    // 3. The extension's own APIs, and anything it might have left in the page.
    if (window.chrome && window.chrome.runtime && window.chrome.runtime.sendMessage) {
      log.runtimeReachable = true;
    }
    log.globals = Object.getOwnPropertyNames(window).filter(function (name) { return /presspilot|bridge|openai|apikey/i.test(name); });
    seeKey(document.documentElement.outerHTML, 'page HTML');
    try { seeKey(JSON.stringify(localStorage), 'localStorage'); seeKey(JSON.stringify(sessionStorage), 'sessionStorage'); } catch (e) { /* storage off */ }
    document.querySelectorAll('*').forEach(function (element) {
      for (var i = 0; i < element.attributes.length; i++) {
        if (/presspilot/i.test(element.attributes[i].name)) log.globals.push('attribute ' + element.attributes[i].name);
      }
    });
  }
  round();
  document.addEventListener('DOMContentLoaded', round);
  window.addEventListener('load', round);
  setInterval(round, 250);
})();
