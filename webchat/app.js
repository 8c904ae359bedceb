// @ts-check
/* The support chat page: gets a Direct Line token from the bot host, renders Web Chat, and
 * switches between English and German (Web Chat's own texts and the `locale` every message
 * carries, which the bot answers in). Plain browser script: no build step, no inline code, so
 * the page runs under a strict Content-Security-Policy. */
(function () {
  'use strict';

  /** Largest upload the local channel and Azure's Direct Line accept per message. */
  var MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

  var STRINGS = {
    'en-US': {
      title: 'Mailflow TLS Assistant',
      subtitle: 'Mail flow to Exchange Online and TLS certificates',
      connecting: 'Connecting to the assistant…',
      failed: 'The chat could not start. Please reload the page in a minute. If it keeps failing, contact support by e-mail.',
      tooMany: 'Too many chats were started from your network. Please wait a minute and reload.',
      tooLarge: function (name) {
        return '"' + name + '" is larger than 4 MB. Send the certificate (.cer, .crt, .pem) or an excerpt of the log instead.';
      },
      footer: 'Paste an error message or log, or upload a certificate with the paper clip. Do not upload private keys (.pfx) or passwords.',
      localMode: 'Development mode: local chat channel, no Azure.'
    },
    'de-DE': {
      title: 'Mailflow-TLS-Assistent',
      subtitle: 'Mailfluss zu Exchange Online und TLS-Zertifikate',
      connecting: 'Verbindung zum Assistenten wird aufgebaut…',
      failed: 'Der Chat konnte nicht starten. Bitte laden Sie die Seite in einer Minute neu. Wenn es weiter nicht klappt, schreiben Sie dem Support eine E-Mail.',
      tooMany: 'Aus Ihrem Netz wurden zu viele Chats gestartet. Bitte warten Sie eine Minute und laden Sie die Seite neu.',
      tooLarge: function (name) {
        return '„' + name + '“ ist größer als 4 MB. Senden Sie bitte das Zertifikat (.cer, .crt, .pem) oder einen Auszug aus dem Protokoll.';
      },
      footer: 'Fügen Sie eine Fehlermeldung oder ein Protokoll ein, oder laden Sie mit der Büroklammer ein Zertifikat hoch. Bitte keine privaten Schlüssel (.pfx) oder Kennwörter hochladen.',
      localMode: 'Entwicklungsmodus: lokaler Chat-Kanal, ohne Azure.'
    }
  };

  var STYLE_OPTIONS = {
    accent: '#0f6cbd',
    backgroundColor: '#ffffff',
    bubbleBackground: '#f3f5f8',
    bubbleBorderRadius: 10,
    bubbleBorderWidth: 0,
    // Light user bubbles: Web Chat draws file names as links, which need a light background.
    bubbleFromUserBackground: '#dcebfa',
    bubbleFromUserTextColor: '#0c2d48',
    bubbleFromUserBorderRadius: 10,
    bubbleFromUserBorderWidth: 0,
    bubbleMaxWidth: 760,
    botAvatarInitials: 'TLS',
    botAvatarBackgroundColor: '#0c3b5e',
    avatarSize: 36,
    hideUploadButton: false,
    // Send a picked file straight away: one click to get the certificate report.
    sendAttachmentOn: 'attach',
    uploadMultiple: true,
    uploadAccept: '.cer,.crt,.pem,.der,.p7b,.p7c,.txt,.log,.csv,.xml,.evtx.xml',
    sendBoxHeight: 48,
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    primaryFont: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    monospaceFont: "Consolas, 'Cascadia Mono', 'Courier New', monospace"
  };

  var webChatElement = /** @type {HTMLElement} */ (document.getElementById('webchat'));
  var noticeElement = /** @type {HTMLElement} */ (document.getElementById('notice'));
  var locale = initialLocale();
  /** @type {any} */ var directLine;
  /** @type {any} */ var store;
  var localMode = false;

  function initialLocale() {
    var fromUrl = new URLSearchParams(window.location.search).get('locale') || '';
    var wanted = (fromUrl || navigator.language || 'en').toLowerCase();
    return wanted.indexOf('de') === 0 ? 'de-DE' : 'en-US';
  }

  function strings() {
    return STRINGS[/** @type {'en-US' | 'de-DE'} */ (locale)];
  }

  /** @param {string} text @param {boolean} [isError] */
  function showNotice(text, isError) {
    noticeElement.textContent = text;
    noticeElement.className = isError ? 'notice error' : 'notice';
    noticeElement.hidden = !text;
  }

  function applyPageTexts() {
    var s = strings();
    document.documentElement.lang = locale.slice(0, 2);
    document.title = s.title;
    /** @type {HTMLElement} */ (document.getElementById('title')).textContent = s.title;
    /** @type {HTMLElement} */ (document.getElementById('subtitle')).textContent = s.subtitle;
    /** @type {HTMLElement} */ (document.getElementById('footer')).textContent = s.footer + (localMode ? ' ' + s.localMode : '');
    document.querySelectorAll('.language').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
  }

  function render() {
    applyPageTexts();
    window.WebChat.renderWebChat(
      { directLine: directLine, store: store, locale: locale, styleOptions: STYLE_OPTIONS },
      webChatElement
    );
  }

  /* Files above the limit would fail at the channel with a bare "send failed": say why, in
   * the page language, and do not send them. */
  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (/** @type {any} */ next) {
        return function (/** @type {any} */ action) {
          var files = pickedFiles(action);
          if (files.length > 0) {
            var tooLarge = files.filter(function (file) { return file.size > MAX_UPLOAD_BYTES; });
            if (tooLarge.length > 0) {
              showNotice(strings().tooLarge(tooLarge[0].name), true);
              return undefined;
            }
            showNotice('');
          }
          return next(action);
        };
      };
    });
  }

  /** Files of a send action: SEND_MESSAGE with attachments (upload button) or the older SEND_FILES. */
  function pickedFiles(/** @type {any} */ action) {
    var payload = action.payload || {};
    if (action.type === 'WEB_CHAT/SEND_MESSAGE') {
      return (payload.attachments || []).map(function (/** @type {any} */ attachment) {
        var blob = attachment.blob || {};
        return { name: String(blob.name || 'file'), size: Number(blob.size) || 0 };
      });
    }
    if (action.type === 'WEB_CHAT/SEND_FILES') {
      return (payload.files || []).map(function (/** @type {any} */ file) {
        return { name: String(file.name || 'file'), size: Number(file.size) || 0 };
      });
    }
    return [];
  }

  function fetchToken() {
    return fetch('/api/directline/token', { method: 'POST', credentials: 'same-origin' }).then(function (response) {
      if (response.status === 429) throw new Error('tooMany');
      if (!response.ok) throw new Error('failed');
      return response.json();
    });
  }

  function start() {
    applyPageTexts();
    showNotice(strings().connecting);
    fetchToken()
      .then(function (grant) {
        localMode = grant.mode === 'local';
        var domain = /^https?:/.test(grant.domain) ? grant.domain : window.location.origin + grant.domain;
        directLine = window.WebChat.createDirectLine({
          domain: domain,
          token: grant.token,
          // Azure's Direct Line streams over WebSockets; the local development channel polls.
          webSocket: !localMode,
          pollingInterval: localMode ? 500 : undefined,
          conversationStartProperties: { locale: locale }
        });
        store = createStore();
        showNotice('');
        render();
      })
      .catch(function (/** @type {Error} */ error) {
        showNotice(error.message === 'tooMany' ? strings().tooMany : strings().failed, true);
      });
  }

  document.querySelectorAll('.language').forEach(function (button) {
    button.addEventListener('click', function () {
      var wanted = button.getAttribute('data-locale') || 'en-US';
      if (wanted === locale) return;
      locale = wanted;
      showNotice('');
      if (directLine) render();
      else applyPageTexts();
    });
  });

  start();
})();
