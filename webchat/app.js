// @ts-check
/* The support chat page: gets a Direct Line token from the bot host, renders Web Chat, and
 * switches between English and German (Web Chat's own texts and dates, the `locale` every
 * message carries, and a postBack that makes the bot re-send its welcome or current answer in
 * the new language). It also makes the bot's commands usable: a copy button on every command
 * (in cards and in code blocks), command lines that wrap only between parameters, and toggle
 * buttons that tell screen readers whether their section is open. The conversation survives a
 * reload: its id, token and Direct Line address stay in sessionStorage (this tab and tabs
 * duplicated from it), the token is refreshed before the page resumes the conversation and saved
 * again as Direct Line renews it, and the conversation's messages are fetched again, so an open
 * support case and an agent's reply written meanwhile are there. Plain browser script: no
 * build step, no inline code, so the page runs under a strict Content-Security-Policy. */
(function () {
  'use strict';

  /** Largest upload the local channel and Azure's Direct Line accept per message. */
  var MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
  /** Element ids the bot gives its command blocks and toggle rows (dialogs/cards). */
  var COMMAND_SELECTOR = '[id^="cmd-"]';
  var TOGGLE_SELECTOR = '[id^="toggles-"] button[aria-controls]';

  var PRODUCT = 'Mailflow TLS Assistant';
  /** sessionStorage: {conversationId, token, domain, mode, locale} of this tab's conversation. */
  var SESSION_KEY = 'mailflow.chat.session';
  /** The event that tells the bot the user left or is back (bot/directline PRESENCE_EVENT). */
  var PRESENCE_EVENT = 'mailflow.presence';
  /** Direct Line's ConnectionStatus values (botframework-directlinejs). */
  var ONLINE = 2;
  var EXPIRED_TOKEN = 3;
  var FAILED_TO_CONNECT = 4;
  var STRINGS = {
    'en-US': {
      subtitle: 'Mail flow to Exchange Online and TLS certificates',
      connecting: 'Connecting to the assistant…',
      failed: 'The chat could not start. Please reload the page in a minute. If it keeps failing, contact support by e-mail.',
      tooMany: 'Too many chats were started from your network. Please wait a minute and reload.',
      tooLarge: function (/** @type {string} */ name) {
        return '"' + name + '" is larger than 4 MB. Send the certificate (.cer, .crt, .pem) or an excerpt of the log instead.';
      },
      footer: 'Paste an error message or log, or upload a certificate with the paper clip. Do not upload private keys (.pfx) or passwords.',
      footerShort: 'Never upload private keys (.pfx) or passwords.',
      localMode: 'Development mode: local chat channel, no Azure.',
      copy: 'Copy',
      copyName: 'Copy command',
      copied: 'Copied',
      copiedStatus: 'Command copied to the clipboard.',
      copyFailed: 'Copying did not work here: select the command and press Ctrl+C.',
      codeName: 'PowerShell command',
      botSaid: PRODUCT + ' said:',
    },
    'de-DE': {
      subtitle: 'Mailfluss zu Exchange Online und TLS-Zertifikate',
      connecting: 'Verbindung zum Assistenten wird aufgebaut…',
      failed:
        'Der Chat konnte nicht starten. Bitte laden Sie die Seite in einer Minute neu. Wenn es weiter nicht klappt, schreiben Sie dem Support eine E-Mail.',
      tooMany: 'Aus Ihrem Netz wurden zu viele Chats gestartet. Bitte warten Sie eine Minute und laden Sie die Seite neu.',
      tooLarge: function (/** @type {string} */ name) {
        return (
          '„' + name + '“ ist größer als 4 MB. Senden Sie bitte das Zertifikat (.cer, .crt, .pem) oder einen Auszug aus dem Protokoll.'
        );
      },
      footer:
        'Fügen Sie eine Fehlermeldung oder ein Protokoll ein, oder laden Sie mit der Büroklammer ein Zertifikat hoch. Bitte keine privaten Schlüssel (.pfx) oder Kennwörter hochladen.',
      footerShort: 'Bitte keine privaten Schlüssel (.pfx) oder Kennwörter hochladen.',
      localMode: 'Entwicklungsmodus: lokaler Chat-Kanal, ohne Azure.',
      copy: 'Kopieren',
      copyName: 'Kopieren: Befehl',
      copied: 'Kopiert',
      copiedStatus: 'Befehl in die Zwischenablage kopiert.',
      copyFailed: 'Kopieren ging hier nicht: Markieren Sie den Befehl und drücken Sie Strg+C.',
      codeName: 'PowerShell-Befehl',
      botSaid: PRODUCT + ' sagte:',
    },
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
    // Subtle card text: 6:1 on the bubble background (Web Chat's default #767676 is 4.15:1, below WCAG AA).
    subtle: '#50575f',
    timestampColor: '#50575f',
    botAvatarImage: '/webchat/avatar.svg',
    // Web Chat draws no avatar without initials; screen readers hear the product name instead (botSaid).
    botAvatarInitials: 'MT',
    botAvatarBackgroundColor: '#ffffff',
    avatarSize: 36,
    // The avatar marks where a reply starts (the page scrolls there), not where it ends.
    showAvatarInGroup: 'sender',
    // A new reply scrolls until its first message reaches the top, then stops: the answer's title
    // stays in view instead of the page landing at the end of a long card.
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: -8,
    hideUploadButton: false,
    // Send a picked file straight away: one click to get the certificate report.
    sendAttachmentOn: 'attach',
    uploadMultiple: true,
    uploadAccept: '.cer,.crt,.pem,.der,.p7b,.p7c,.txt,.log,.csv,.xml,.evtx.xml',
    sendBoxHeight: 48,
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    primaryFont: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    monospaceFont: "Consolas, 'Cascadia Mono', 'Courier New', monospace",
  };

  var webChatElement = /** @type {HTMLElement} */ (document.getElementById('webchat'));
  var noticeElement = /** @type {HTMLElement} */ (document.getElementById('notice'));
  var statusElement = /** @type {HTMLElement} */ (document.getElementById('status'));
  var locale = initialLocale();
  /** @type {any} */ var directLine;
  /** @type {any} */ var store;
  var localMode = false;
  /** The user id the token is bound to (Direct Line's from.id for this user). */
  var userId = '';
  /** A resumed conversation: once connected, the bot hears the user is back (an open case notes it). */
  var announceBack = false;

  function initialLocale() {
    var fromUrl = new URLSearchParams(window.location.search).get('locale') || '';
    var saved = loadSession();
    var wanted = (fromUrl || (saved && saved.locale) || navigator.language || 'en').toLowerCase();
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

  /** Tells screen readers about something that happened without a new message (a copy). */
  function announce(/** @type {string} */ text) {
    statusElement.textContent = '';
    window.setTimeout(function () {
      statusElement.textContent = text;
    }, 50);
  }

  function applyPageTexts() {
    var s = strings();
    document.documentElement.lang = locale.slice(0, 2);
    document.title = PRODUCT;
    /** @type {HTMLElement} */ (document.getElementById('title')).textContent = PRODUCT;
    /** @type {HTMLElement} */ (document.getElementById('subtitle')).textContent = s.subtitle;
    // A small embed keeps the one line that matters; the transcript gets the room.
    var footer = narrow() ? s.footerShort : s.footer + (localMode ? ' ' + s.localMode : '');
    /** @type {HTMLElement} */ (document.getElementById('footer')).textContent = footer;
    document.querySelectorAll('.language').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-locale') === locale));
    });
    document.querySelectorAll('.copy-button').forEach(function (button) {
      labelCopyButton(/** @type {HTMLButtonElement} */ (button), false);
    });
    document.querySelectorAll('pre[data-enhanced]').forEach(function (pre) {
      pre.setAttribute('aria-label', s.codeName);
    });
  }

  /** The 420x640 embed and phones. */
  function narrow() {
    return window.matchMedia('(max-width: 480px)').matches;
  }

  function render() {
    applyPageTexts();
    // Smaller avatar in a small embed: the text gets the width.
    var styleOptions = Object.assign({}, STYLE_OPTIONS, narrow() ? { avatarSize: 28, paddingRegular: 8 } : {});
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: locale,
        styleOptions: styleOptions,
        // Screen readers hear who wrote a message by name, not by avatar initials ("Bot MT said").
        overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: strings().botSaid },
      },
      webChatElement,
    );
  }

  /* ---- Copy buttons ---------------------------------------------------------------------- */

  /** @param {HTMLButtonElement} button @param {boolean} done */
  function labelCopyButton(button, done) {
    var s = strings();
    button.textContent = done ? s.copied : s.copy;
    button.setAttribute('aria-label', done ? s.copied : s.copyName);
  }

  /** Copies with the Clipboard API, or with a selected text area where that is not allowed. */
  function copyText(/** @type {string} */ text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  function copyWithSelection(/** @type {string} */ text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'offscreen';
      document.body.appendChild(area);
      area.select();
      var ok;
      try {
        ok = document.execCommand('copy');
      } catch (error) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) resolve(undefined);
      else reject(new Error('copy failed'));
    });
  }

  /** A button that copies exactly `text` (the command, never the text around it). */
  function copyButton(/** @type {string} */ text) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.setAttribute('data-copy-text', text);
    labelCopyButton(button, false);
    button.addEventListener('click', function () {
      copyText(button.getAttribute('data-copy-text') || '').then(
        function () {
          labelCopyButton(button, true);
          announce(strings().copiedStatus);
          window.setTimeout(function () {
            labelCopyButton(button, false);
          }, 2000);
        },
        function () {
          announce(strings().copyFailed);
          showNotice(strings().copyFailed, true);
        },
      );
    });
    return button;
  }

  /** A command block in a card: its runs stay whole (the bot cut it between parameters), plus a copy button. */
  function enhanceCommand(/** @type {Element} */ block) {
    if (block.hasAttribute('data-enhanced')) return;
    block.setAttribute('data-enhanced', 'true');
    block.classList.add('command');
    var text = block.textContent || '';
    // Each run is one unbreakable group; the line may break only between runs: at the space after
    // a run (moved outside it) or, after a list comma, at a <wbr>.
    block.querySelectorAll('.ac-textRun').forEach(function (run) {
      var value = run.textContent || '';
      var trimmed = value.replace(/\s+$/, '');
      if (!run.parentNode || !run.nextElementSibling) return;
      if (trimmed === value) {
        run.parentNode.insertBefore(document.createElement('wbr'), run.nextSibling);
        return;
      }
      run.textContent = trimmed;
      run.parentNode.insertBefore(document.createTextNode(value.slice(trimmed.length)), run.nextSibling);
    });
    // The button floats at the end of the command's last line: no extra row on a small screen.
    block.appendChild(copyButton(text));
  }

  /** A Markdown code block in a message: scrolls sideways instead of being cut, and gets a copy button. */
  function enhanceCodeBlock(/** @type {HTMLElement} */ pre) {
    if (pre.hasAttribute('data-enhanced')) return;
    pre.setAttribute('data-enhanced', 'true');
    // Keyboard users can scroll a wide command with the arrow keys.
    pre.tabIndex = 0;
    pre.setAttribute('role', 'region');
    pre.setAttribute('aria-label', strings().codeName);
    var bar = document.createElement('div');
    bar.className = 'copy-bar';
    bar.appendChild(copyButton((pre.textContent || '').replace(/\n$/, '')));
    if (pre.parentNode) pre.parentNode.insertBefore(bar, pre);
  }

  /* ---- Toggle buttons -------------------------------------------------------------------- */

  function syncExpanded(/** @type {Element} */ button) {
    var card = button.closest('.ac-adaptiveCard');
    var id = (button.getAttribute('aria-controls') || '').split(' ')[0];
    var target = card && id ? card.querySelector('#' + CSS.escape(id)) : null;
    var open = !!target && /** @type {HTMLElement} */ (target).style.display !== 'none';
    button.setAttribute('aria-expanded', String(open));
  }

  function enhanceToggle(/** @type {Element} */ button) {
    if (button.hasAttribute('data-enhanced')) return;
    button.setAttribute('data-enhanced', 'true');
    syncExpanded(button);
    button.addEventListener('click', function () {
      window.setTimeout(function () {
        syncExpanded(button);
      }, 0);
    });
  }

  function enhance() {
    webChatElement.querySelectorAll(COMMAND_SELECTOR).forEach(enhanceCommand);
    webChatElement.querySelectorAll('.webchat__bubble pre').forEach(function (pre) {
      enhanceCodeBlock(/** @type {HTMLElement} */ (pre));
    });
    webChatElement.querySelectorAll(TOGGLE_SELECTOR).forEach(enhanceToggle);
  }

  var enhanceScheduled = false;
  new MutationObserver(function () {
    if (enhanceScheduled) return;
    enhanceScheduled = true;
    window.requestAnimationFrame(function () {
      enhanceScheduled = false;
      enhance();
    });
  }).observe(webChatElement, { childList: true, subtree: true });

  /* ---- Store, token, start ------------------------------------------------------------------ */

  /* Files above the limit would fail at the channel with a bare "send failed": say why, in
   * the page language, and do not send them. */
  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (/** @type {any} */ next) {
        return function (/** @type {any} */ action) {
          var files = pickedFiles(action);
          if (files.length > 0) {
            var tooLarge = files.filter(function (file) {
              return file.size > MAX_UPLOAD_BYTES;
            });
            if (tooLarge.length > 0) {
              showNotice(strings().tooLarge(tooLarge[0].name), true);
              return undefined;
            }
            showNotice('');
          }
          // Anything the user sends (a message, a card button, the language switch) brings the
          // transcript to its end first: Web Chat only follows new messages from there, and then
          // stops when the first reply reaches the top (autoScrollSnapOnPage).
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY') window.setTimeout(scrollToEnd, 0);
          var result = next(action);
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && announceBack) {
            announceBack = false;
            // Nothing is shown; an open case notes it (the agent sees "the customer is back").
            store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: PRESENCE_EVENT, value: { state: 'back' } } });
          }
          return result;
        };
      };
    });
  }

  function scrollToEnd() {
    var scroller = webChatElement.querySelector('.webchat__basic-transcript__scrollable');
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
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

  /* ---- The conversation across reloads ------------------------------------------------------ */

  /** @typedef {{conversationId: string, token: string, domain: string, mode: string, userId?: string, locale?: string}} ChatSession */

  /** @returns {ChatSession | undefined} */
  function loadSession() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      if (saved && typeof saved.conversationId === 'string' && typeof saved.token === 'string' && typeof saved.domain === 'string')
        return saved;
    } catch (error) {
      // Storage blocked or damaged: a new conversation.
    }
    return undefined;
  }

  function saveSession() {
    if (!directLine || !directLine.conversationId || !directLine.token) return;
    try {
      window.sessionStorage.setItem(
        SESSION_KEY,
        JSON.stringify({
          conversationId: directLine.conversationId,
          token: directLine.token,
          domain: directLine.domain,
          mode: localMode ? 'local' : 'azure',
          userId: userId,
          locale: locale,
        }),
      );
    } catch (error) {
      // Storage blocked (private mode): the chat works, a reload starts a new one.
    }
  }

  function forgetSession() {
    try {
      window.sessionStorage.removeItem(SESSION_KEY);
    } catch (error) {
      // nothing to forget
    }
  }

  /** A fresh token for the saved conversation (Direct Line's /tokens/refresh); rejects when it is over. */
  function refreshSession(/** @type {ChatSession} */ session) {
    return fetch(session.domain + '/tokens/refresh', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + session.token },
    }).then(function (response) {
      if (!response.ok) throw new Error('expired');
      return response.json().then(function (/** @type {any} */ body) {
        if (!body || typeof body.token !== 'string' || (body.conversationId && body.conversationId !== session.conversationId))
          throw new Error('expired');
        return Object.assign({}, session, { token: body.token });
      });
    });
  }

  /** Tells the bot the user left: on Azure's Direct Line (the local channel sees the polling stop itself). */
  function sendAway() {
    if (localMode || !directLine || !directLine.conversationId) return;
    try {
      fetch(directLine.domain + '/conversations/' + encodeURIComponent(directLine.conversationId) + '/activities', {
        method: 'POST',
        keepalive: true,
        headers: { Authorization: 'Bearer ' + directLine.token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'event', name: PRESENCE_EVENT, value: { state: 'away' }, from: { id: userId || 'user' } }),
      }).catch(function () {});
    } catch (error) {
      // The page is going away anyway.
    }
  }

  /**
   * Renders Web Chat on a conversation: a new one (grant from the token endpoint) or the saved one
   * (resumed: Direct Line sends its messages again, from the start, so the transcript is back).
   */
  function connect(
    /** @type {{domain: string, token: string, mode: string, conversationId?: string, userId?: string}} */ grant,
    /** @type {boolean} */ resumed,
  ) {
    localMode = grant.mode === 'local';
    userId = grant.userId || '';
    announceBack = resumed;
    directLine = window.WebChat.createDirectLine({
      domain: grant.domain,
      token: grant.token,
      conversationId: resumed ? grant.conversationId : undefined,
      // Azure's Direct Line streams over WebSockets; the local development channel polls.
      webSocket: !localMode,
      pollingInterval: localMode ? 500 : undefined,
      conversationStartProperties: resumed ? undefined : { locale: locale },
    });
    directLine.connectionStatus$.subscribe(function (/** @type {number} */ status) {
      if (status === ONLINE) {
        saveSession();
      } else if (resumed && (status === FAILED_TO_CONNECT || status === EXPIRED_TOKEN)) {
        // The saved conversation is gone (the channel restarted, the token ran out): start a new one.
        resumed = false;
        forgetSession();
        directLine.end();
        startNew();
      }
    });
    store = createStore();
    showNotice('');
    render();
  }

  function startNew() {
    fetchToken()
      .then(function (grant) {
        var domain = /^https?:/.test(grant.domain) ? grant.domain : window.location.origin + grant.domain;
        connect({ domain: domain, token: grant.token, mode: grant.mode, userId: grant.userId }, false);
      })
      .catch(function (/** @type {Error} */ error) {
        showNotice(error.message === 'tooMany' ? strings().tooMany : strings().failed, true);
      });
  }

  function start() {
    applyPageTexts();
    showNotice(strings().connecting);
    var saved = loadSession();
    if (!saved) {
      startNew();
      return;
    }
    refreshSession(saved).then(
      function (session) {
        connect(session, true);
      },
      function () {
        forgetSession();
        startNew();
      },
    );
  }

  // Direct Line renews the token every 15 minutes: keep the newest one for the next reload.
  window.setInterval(saveSession, 60_000);
  window.addEventListener('pagehide', function () {
    saveSession();
    sendAway();
  });

  /* ---- Drag and drop ------------------------------------------------------------------------ */

  /** True when a drag carries files (not text or a link dragged inside the page). */
  function carriesFiles(/** @type {DragEvent} */ event) {
    var types = event.dataTransfer ? Array.prototype.slice.call(event.dataTransfer.types || []) : [];
    return types.indexOf('Files') >= 0;
  }

  // A file dropped anywhere on the page is uploaded like one picked with the paper clip (the same
  // size check applies), instead of the browser opening it in the tab and losing the conversation.
  document.addEventListener('dragover', function (event) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', function (event) {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    var files = event.dataTransfer ? Array.prototype.slice.call(event.dataTransfer.files || []) : [];
    if (files.length === 0 || !store) return;
    store.dispatch({
      type: 'WEB_CHAT/SEND_MESSAGE',
      payload: {
        text: '',
        method: 'keyboard',
        attachments: files.map(function (/** @type {File} */ file) {
          return { blob: file };
        }),
      },
    });
  });

  document.querySelectorAll('.language').forEach(function (button) {
    button.addEventListener('click', function () {
      var wanted = button.getAttribute('data-locale') || 'en-US';
      if (wanted === locale) return;
      locale = wanted;
      saveSession();
      showNotice('');
      if (!directLine) {
        applyPageTexts();
        return;
      }
      render();
      // The bot answers in the new language from now on and re-sends its welcome (or the current
      // answer) in it. A postBack is not shown in the transcript.
      store.dispatch({ type: 'WEB_CHAT/SEND_POST_BACK', payload: { value: { action: 'language', language: locale.slice(0, 2) } } });
    });
  });

  start();
})();
