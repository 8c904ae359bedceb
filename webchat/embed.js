/* Embeds the support chat on another web site as a floating button that opens the chat page in
 * an iframe (the page keeps its own origin, Content-Security-Policy and token handling):
 *   <script src="https://YOUR-BOT-HOST/embed.js" data-locale="de" data-title="Support" async></script>
 * The embedding site's origin must be listed in WEBCHAT_ALLOWED_ORIGINS on the bot host. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || document.getElementById('mailflow-tls-chat-launcher')) return;
  var origin = new URL(script.src).origin;
  var locale = script.getAttribute('data-locale') === 'de' ? 'de' : 'en';
  // One product name everywhere (page header, cards, Teams); a site may label its button otherwise.
  var title = script.getAttribute('data-title') || 'Mailflow TLS Assistant';

  var frame = document.createElement('iframe');
  frame.src = origin + '/?locale=' + locale;
  frame.title = title;
  frame.setAttribute('allow', 'clipboard-write');
  frame.style.cssText =
    'position:fixed;bottom:88px;right:20px;width:400px;max-width:calc(100vw - 40px);' +
    'height:600px;max-height:calc(100vh - 120px);border:0;border-radius:12px;' +
    'box-shadow:0 8px 32px rgba(0,0,0,.25);z-index:2147483000;display:none;background:#fff';

  var button = document.createElement('button');
  button.id = 'mailflow-tls-chat-launcher';
  button.type = 'button';
  button.textContent = title;
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText =
    'position:fixed;bottom:20px;right:20px;z-index:2147483001;border:0;border-radius:24px;' +
    'padding:12px 20px;background:#0f6cbd;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;' +
    'box-shadow:0 4px 16px rgba(0,0,0,.2)';
  button.addEventListener('click', function () {
    var open = frame.style.display === 'none';
    frame.style.display = open ? 'block' : 'none';
    button.setAttribute('aria-expanded', String(open));
  });

  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
