// @ts-check
/* The agent desk: the queue (live, over Server-Sent Events read with fetch so the desk key can go
 * in a header), the worked-up case, the live conversation with the customer, and agent assist.
 * Plain browser script, no inline code, no innerHTML: every value from a case is put on the page
 * with textContent, so nothing a customer typed can run or style anything here. */
(function () {
  'use strict';

  var TEXTS = {
    en: {
      title: 'Agent desk',
      live: 'live',
      offline: 'offline',
      'agent.label': 'Your name',
      'agent.save': 'Save',
      'key.label': 'Desk key (AGENT_DESK_KEY)',
      'key.submit': 'Open the desk',
      'key.wrong': 'That key was not accepted.',
      'key.locked': 'Too many wrong keys from this computer: try again in {s} seconds.',
      'tab.queued': 'Queue',
      'tab.assigned': 'In progress',
      'tab.closed': 'Closed',
      'list.empty': 'No cases here.',
      'case.none': 'Choose a case on the left.',
      'action.take': 'Take case',
      'action.release': 'Hand back to the queue',
      'action.close': 'Close case',
      'section.summary': 'Summary',
      'section.transcript': 'Conversation with the bot',
      'section.live': 'Live conversation',
      'reply.label': 'Message to the customer',
      'reply.send': 'Send',
      'reply.takeFirst': 'Take the case to write to the customer.',
      'reply.other': 'This case is handled by {agent}.',
      'reply.closed': 'This case is closed.',
      'reply.plain': 'Plain text; links must be https.',
      'assist.title': 'Agent assist (private)',
      'assist.hint':
        'Paste an error or a log, or drop certificate files: you see what the bot makes of it. Nothing is sent until you send the answer card.',
      'assist.drop': 'Drop files here or',
      'assist.choose': 'choose files',
      'assist.run': 'Diagnose',
      'assist.send': 'Send the answer card to the customer',
      'assist.sent': 'Answer card sent.',
      'status.queued': 'queued',
      'status.assigned': 'in progress',
      'status.closed': 'closed',
      position: 'No. {n} in the queue',
      waiting: 'waiting since {time}',
      takenBy: 'taken by {agent}',
      closedAt: 'closed {time}',
      'lang.de': 'German',
      'lang.en': 'English',
      percent: '{percent}%',
      verdict: 'Verdict',
      answer: 'Answer the bot gives',
      confidence: 'confidence',
      'verdict.match': 'answer found',
      'verdict.ask': 'question asked',
      'verdict.no_match': 'no matching article',
      candidates: 'Candidates',
      findings: 'Findings',
      questions: 'Questions and answers',
      certificates: 'Certificates',
      commands: 'Filled commands',
      lookalikes: 'Looks like',
      feedback: 'Feedback',
      fixed: 'fixed it',
      stillBroken: 'still not working',
      contact: 'E-mail for a reply',
      rating: 'Rating',
      trigger: 'Why a person',
      'trigger.user-request': 'the user asked for a person',
      'trigger.no-match': 'no matching article',
      'trigger.still-not-working': 'the answer did not fix it',
      'from.user': 'Customer',
      'from.bot': 'Bot',
      'from.system': 'Notice',
      'delivery.failed': 'not delivered',
      'delivery.pending': 'sending…',
      'delivery.held': 'the customer is not connected: kept, and shown to them when they return',
      'presence.away': 'the customer is not connected',
      'webhook.refused':
        'ticket system not notified: the webhook address is private or loopback, which this bot does not call (HANDOFF_WEBHOOK_URL)',
      'note.customer-away': 'The customer left the chat (page closed or offline).',
      'note.customer-back': 'The customer is back in the chat.',
      subject: 'Subject',
      issuer: 'Issuer',
      thumbprint: 'Thumbprint',
      chain: 'Chain',
      problems: 'Problems',
      validTo: 'Valid to',
      none: 'none',
      nameFirst: 'Enter your name first (top right).',
      failed: 'The desk could not reach the bot.',
      unreadable: '{n} stored case(s) could not be read and are left out; the bot log names them.',
    },
    de: {
      title: 'Agenten-Desk',
      live: 'live',
      offline: 'offline',
      'agent.label': 'Ihr Name',
      'agent.save': 'Speichern',
      'key.label': 'Desk-Schlüssel (AGENT_DESK_KEY)',
      'key.submit': 'Desk öffnen',
      'key.wrong': 'Dieser Schlüssel wurde nicht angenommen.',
      'key.locked': 'Zu viele falsche Schlüssel von diesem Computer: Versuchen Sie es in {s} Sekunden erneut.',
      'tab.queued': 'Warteschlange',
      'tab.assigned': 'In Bearbeitung',
      'tab.closed': 'Abgeschlossen',
      'list.empty': 'Keine Fälle.',
      'case.none': 'Wählen Sie links einen Fall.',
      'action.take': 'Fall übernehmen',
      'action.release': 'Zurück in die Warteschlange',
      'action.close': 'Fall abschließen',
      'section.summary': 'Zusammenfassung',
      'section.transcript': 'Gespräch mit dem Bot',
      'section.live': 'Live-Gespräch',
      'reply.label': 'Nachricht an den Kunden',
      'reply.send': 'Senden',
      'reply.takeFirst': 'Übernehmen Sie den Fall, um dem Kunden zu schreiben.',
      'reply.other': 'Diesen Fall bearbeitet {agent}.',
      'reply.closed': 'Dieser Fall ist abgeschlossen.',
      'reply.plain': 'Nur Text; Links nur mit https.',
      'assist.title': 'Agenten-Assistent (privat)',
      'assist.hint':
        'Fehlermeldung oder Protokoll einfügen oder Zertifikatsdateien ablegen: Sie sehen, was der Bot daraus macht. Nichts wird gesendet, bis Sie die Antwortkarte senden.',
      'assist.drop': 'Dateien hier ablegen oder',
      'assist.choose': 'Dateien wählen',
      'assist.run': 'Diagnose',
      'assist.send': 'Antwortkarte an den Kunden senden',
      'assist.sent': 'Antwortkarte gesendet.',
      'status.queued': 'wartet',
      'status.assigned': 'in Bearbeitung',
      'status.closed': 'abgeschlossen',
      position: 'Nr. {n} in der Warteschlange',
      waiting: 'wartet seit {time}',
      takenBy: 'übernommen von {agent}',
      closedAt: 'abgeschlossen {time}',
      'lang.de': 'Deutsch',
      'lang.en': 'Englisch',
      percent: '{percent} %',
      verdict: 'Ergebnis',
      answer: 'Antwort des Bots',
      confidence: 'Trefferwahrscheinlichkeit',
      'verdict.match': 'Antwort gefunden',
      'verdict.ask': 'Rückfrage gestellt',
      'verdict.no_match': 'kein passender Artikel',
      candidates: 'Kandidaten',
      findings: 'Befunde',
      questions: 'Fragen und Antworten',
      certificates: 'Zertifikate',
      commands: 'Ausgefüllte Befehle',
      lookalikes: 'Sieht aus wie',
      feedback: 'Rückmeldung',
      fixed: 'hat geholfen',
      stillBroken: 'geht weiterhin nicht',
      contact: 'E-Mail für eine Antwort',
      rating: 'Bewertung',
      trigger: 'Warum ein Mensch',
      'trigger.user-request': 'der Nutzer wollte einen Menschen',
      'trigger.no-match': 'kein passender Artikel',
      'trigger.still-not-working': 'die Antwort hat nicht geholfen',
      'from.user': 'Kunde',
      'from.bot': 'Bot',
      'from.system': 'Hinweis',
      'delivery.failed': 'nicht zugestellt',
      'delivery.pending': 'wird gesendet…',
      'delivery.held': 'der Kunde ist nicht verbunden: Die Nachricht bleibt erhalten und erscheint, wenn er zurückkommt',
      'presence.away': 'der Kunde ist nicht verbunden',
      'webhook.refused':
        'Ticketsystem nicht benachrichtigt: Die Webhook-Adresse ist privat oder Loopback, solche Adressen ruft der Bot nicht auf (HANDOFF_WEBHOOK_URL)',
      'note.customer-away': 'Der Kunde hat den Chat verlassen (Seite geschlossen oder offline).',
      'note.customer-back': 'Der Kunde ist wieder im Chat.',
      subject: 'Antragsteller',
      issuer: 'Aussteller',
      thumbprint: 'Fingerabdruck',
      chain: 'Kette',
      problems: 'Probleme',
      validTo: 'Gültig bis',
      none: 'keine',
      nameFirst: 'Geben Sie zuerst oben rechts Ihren Namen ein.',
      failed: 'Der Desk erreicht den Bot nicht.',
      unreadable: '{n} gespeicherte(r) Fall/Fälle konnte(n) nicht gelesen werden und fehlen hier; das Protokoll des Bots nennt sie.',
    },
  };

  /** @type {'en' | 'de'} */
  var lang = (localStorage.getItem('desk.lang') || navigator.language || 'en').toLowerCase().indexOf('de') === 0 ? 'de' : 'en';
  var key = sessionStorage.getItem('desk.key') || '';
  /** @type {{id: string, name: string} | null} */
  var agent = null;
  var status = 'queued';
  /** @type {string | null} */
  var openId = null;
  /** @type {any} */
  var openCase = null;
  /** @type {Array<{name: string, contentBase64: string}>} */
  var assistFiles = [];
  var listVersion = 0;

  function $(/** @type {string} */ id) {
    return /** @type {HTMLElement} */ (document.getElementById(id));
  }

  function tr(/** @type {string} */ name, /** @type {Record<string, string | number>} */ params) {
    var template = /** @type {any} */ (TEXTS[lang])[name] || name;
    return template.replace(/\{(\w+)\}/g, function (/** @type {string} */ whole, /** @type {string} */ key) {
      return params && params[key] !== undefined ? String(params[key]) : whole;
    });
  }

  /** The bot's verdict as words ("no matching article"), not its id ("no_match"). */
  function verdictText(/** @type {string | undefined} */ verdict) {
    var key = 'verdict.' + (verdict || '');
    return /** @type {any} */ (TEXTS[lang])[key] ? tr(key, {}) : verdict || '?';
  }

  function el(/** @type {string} */ tag, /** @type {string=} */ className, /** @type {string=} */ text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function time(/** @type {string} */ iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? '' : date.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  }

  /** "85%", German "85 %", as the chat writes it. */
  function percent(/** @type {number} */ value) {
    return tr('percent', { percent: Math.round((value || 0) * 100) });
  }

  function showNotice(/** @type {string} */ text) {
    var notice = $('notice');
    notice.textContent = text;
    notice.hidden = !text;
  }

  function applyTexts() {
    document.documentElement.lang = lang;
    document.title = tr('title', {}) + ' · Mailflow TLS';
    $('title').textContent = tr('title', {});
    $('agent-name-label').textContent = tr('agent.label', {});
    $('agent-save').textContent = tr('agent.save', {});
    $('key-label').textContent = tr('key.label', {});
    $('key-submit').textContent = tr('key.submit', {});
    document.querySelectorAll('[data-text]').forEach(function (node) {
      node.textContent = tr(node.getAttribute('data-text') || '', {});
    });
    document.querySelectorAll('.language').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === lang));
    });
    setLive($('live').getAttribute('data-state') === 'on');
  }

  function setLive(/** @type {boolean} */ on) {
    var live = $('live');
    live.setAttribute('data-state', on ? 'on' : 'off');
    live.textContent = tr(on ? 'live' : 'offline', {});
  }

  // ------------------------------------------------------------------ the API

  function headers(/** @type {boolean=} */ json) {
    /** @type {Record<string, string>} */
    var result = {};
    if (key) result.Authorization = 'Bearer ' + key;
    if (json) result['Content-Type'] = 'application/json';
    return result;
  }

  /** @returns {Promise<any>} */
  function api(/** @type {string} */ method, /** @type {string} */ path, /** @type {any=} */ body) {
    return fetch('/api/desk' + path, {
      method: method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (response.status === 401) askForKey(!!key);
          if (response.status === 429 && data && data.error && data.error.code === 'TooManyFailedAuthentications') {
            askForKey(false);
            $('key-error').textContent = tr('key.locked', { s: response.headers.get('Retry-After') || '60' });
          }
          if (!response.ok) {
            var error = new Error((data && data.error && data.error.message) || 'HTTP ' + response.status);
            /** @type {any} */ (error).status = response.status;
            throw error;
          }
          return data;
        });
    });
  }

  function askForKey(/** @type {boolean} */ wrong) {
    $('desk').hidden = true;
    $('key-panel').hidden = false;
    $('key-error').textContent = wrong ? tr('key.wrong', {}) : '';
  }

  function withAgent(/** @type {Record<string, any>} */ body) {
    if (!agent) throw new Error(tr('nameFirst', {}));
    body.agent = agent;
    return body;
  }

  // ------------------------------------------------------------------ live updates (SSE over fetch)

  var streamAbort = /** @type {AbortController | null} */ (null);

  function listen() {
    if (streamAbort) streamAbort.abort();
    var controller = new AbortController();
    streamAbort = controller;
    fetch('/api/desk/events', { headers: headers(), signal: controller.signal, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        setLive(true);
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function read() {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('closed');
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split('\n\n');
            buffer = parts.pop() || '';
            parts.forEach(handleEvent);
            return read();
          });
        }
        return read();
      })
      .catch(function () {
        setLive(false);
        if (!controller.signal.aborted) setTimeout(listen, 2000);
      });
  }

  function handleEvent(/** @type {string} */ block) {
    var event = '';
    var data = '';
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event:') === 0) event = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
    });
    if (event !== 'case' || !data) return;
    var item;
    try {
      item = JSON.parse(data);
    } catch (e) {
      return;
    }
    refreshList();
    if (item && item.id === openId) loadCase(openId);
  }

  // ------------------------------------------------------------------ the queue

  function refreshList() {
    var version = ++listVersion;
    ['queued', 'assigned'].forEach(function (which) {
      api('GET', '/cases?status=' + which)
        .then(function (data) {
          $('count-' + which).textContent = data.cases.length ? '(' + data.cases.length + ')' : '';
        })
        .catch(function () {});
    });
    return api('GET', '/cases?status=' + status)
      .then(function (data) {
        if (version !== listVersion) return;
        renderList(data.cases);
        showNotice(data.unreadable ? tr('unreadable', { n: data.unreadable }) : '');
      })
      .catch(function (error) {
        if (error.status !== 401) showNotice(tr('failed', {}));
      });
  }

  function renderList(/** @type {any[]} */ cases) {
    var list = $('case-list');
    list.textContent = '';
    $('empty-list').hidden = cases.length > 0;
    cases.forEach(function (item) {
      var entry = el('li', 'case-item' + (item.id === openId ? ' selected' : ''));
      entry.setAttribute('data-case-id', item.id);
      entry.tabIndex = 0;
      var top = el('div', 'case-top');
      top.appendChild(el('strong', '', '#' + item.id));
      top.appendChild(el('span', 'badge lang', item.language.toUpperCase()));
      if (item.position) top.appendChild(el('span', 'badge', tr('position', { n: item.position })));
      if (item.assignedTo) top.appendChild(el('span', 'badge', tr('takenBy', { agent: item.assignedTo.name })));
      entry.appendChild(top);
      var summary = item.summary || {};
      entry.appendChild(
        el(
          'div',
          'case-headline',
          summary.headline || verdictText(summary.verdict) + (summary.confidence ? ' · ' + percent(summary.confidence) : ''),
        ),
      );
      entry.appendChild(
        el(
          'div',
          'muted small',
          (item.userName ? item.userName + ' · ' : '') + item.channelId + ' · ' + tr('waiting', { time: time(item.createdAt) }),
        ),
      );
      entry.addEventListener('click', function () {
        selectCase(item.id);
      });
      entry.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') selectCase(item.id);
      });
      list.appendChild(entry);
    });
  }

  function selectCase(/** @type {string} */ id) {
    openId = id;
    location.hash = 'case=' + encodeURIComponent(id);
    document.querySelectorAll('.case-item').forEach(function (node) {
      node.classList.toggle('selected', node.getAttribute('data-case-id') === id);
    });
    $('assist-result').textContent = '';
    $('assist-send').hidden = true;
    loadCase(id);
  }

  // ------------------------------------------------------------------ one case

  function loadCase(/** @type {string} */ id) {
    return api('GET', '/cases/' + encodeURIComponent(id))
      .then(function (data) {
        if (id !== openId) return;
        openCase = data;
        renderCase(data);
      })
      .catch(function (error) {
        $('case-error').textContent = error.message;
      });
  }

  function renderCase(/** @type {any} */ item) {
    $('no-case').hidden = true;
    $('case-content').hidden = false;
    $('case-error').textContent = '';
    $('case-title').textContent = '#' + item.id + ' · ' + tr('status.' + item.status, {});
    var meta = [tr('lang.' + item.language, {}), item.channelId, tr('waiting', { time: time(item.createdAt) })];
    if (item.userName) meta.unshift(item.userName);
    if (item.position) meta.push(tr('position', { n: item.position }));
    if (item.assignedTo) meta.push(tr('takenBy', { agent: item.assignedTo.name }));
    if (item.closedAt) meta.push(tr('closedAt', { time: time(item.closedAt) }));
    if (item.status !== 'closed' && item.presence && item.presence.state === 'away') meta.push(tr('presence.away', {}));
    if (item.webhookRefused) meta.push(tr('webhook.refused', {}));
    $('case-meta').textContent = meta.join(' · ');
    var mine = !!(agent && item.assignedTo && item.assignedTo.id === agent.id);
    $('take').hidden = item.status !== 'queued';
    $('release').hidden = !(item.status === 'assigned' && mine);
    $('close').hidden = item.status === 'closed' || (item.status === 'assigned' && !mine);
    renderSummary(item);
    renderTranscript(item.transcript || []);
    renderMessages(item.messages || []);
    var canWrite = item.status === 'assigned' && mine;
    /** @type {HTMLTextAreaElement} */ ($('reply-text')).disabled = !canWrite;
    /** @type {HTMLButtonElement} */ ($('send-reply')).disabled = !canWrite;
    $('reply-hint').textContent = canWrite
      ? tr('reply.plain', {})
      : item.status === 'closed'
        ? tr('reply.closed', {})
        : item.status === 'assigned'
          ? tr('reply.other', { agent: item.assignedTo.name })
          : tr('reply.takeFirst', {});
    $('assist-send').hidden = !(canWrite && $('assist-send').getAttribute('data-ready') === 'yes');
  }

  function section(/** @type {HTMLElement} */ parent, /** @type {string} */ title) {
    parent.appendChild(el('h4', '', title));
    var body = el('div', 'block');
    parent.appendChild(body);
    return body;
  }

  function facts(/** @type {HTMLElement} */ parent, /** @type {Array<[string, string]>} */ rows) {
    var list = el('dl', 'facts');
    rows.forEach(function (row) {
      list.appendChild(el('dt', '', row[0]));
      list.appendChild(el('dd', '', row[1]));
    });
    parent.appendChild(list);
  }

  function renderSummary(/** @type {any} */ item) {
    var box = $('summary');
    box.textContent = '';
    var summary = item.summary || {};
    var rows = /** @type {Array<[string, string]>} */ ([]);
    rows.push([tr('trigger', {}), tr('trigger.' + (summary.trigger || 'user-request'), {})]);
    rows.push([tr('verdict', {}), verdictText(summary.verdict) + ' · ' + tr('confidence', {}) + ' ' + percent(summary.confidence)]);
    if (item.contact) rows.push([tr('contact', {}), item.contact.email]);
    if (item.rating) rows.push([tr('rating', {}), item.rating.score + '/5' + (item.rating.comment ? ' · ' + item.rating.comment : '')]);
    var feedback = [];
    (summary.fixed || []).forEach(function (/** @type {string} */ article) {
      feedback.push(article + ': ' + tr('fixed', {}));
    });
    (summary.stillNotWorking || []).forEach(function (/** @type {string} */ article) {
      feedback.push(article + ': ' + tr('stillBroken', {}));
    });
    if (feedback.length) rows.push([tr('feedback', {}), feedback.join('; ')]);
    facts(box, rows);
    if (summary.answer) {
      var answer = section(box, tr('answer', {}));
      answer.appendChild(el('p', 'strong', summary.answer.kb + ': ' + summary.answer.title));
      answer.appendChild(el('p', '', summary.answer.cause));
      if (summary.answer.commands && summary.answer.commands.length) {
        answer.appendChild(el('p', 'muted', tr('commands', {})));
        summary.answer.commands.forEach(function (/** @type {any} */ command) {
          answer.appendChild(el('p', 'small', command.label));
          answer.appendChild(el('pre', 'code', command.script));
        });
      }
    }
    if (summary.lookalikes && summary.lookalikes.length) {
      var looks = section(box, tr('lookalikes', {}));
      summary.lookalikes.forEach(function (/** @type {any} */ lookalike) {
        looks.appendChild(el('p', '', lookalike.title + (lookalike.reference ? ' (' + lookalike.reference + ')' : '')));
      });
    }
    var likely = (summary.candidates || []).filter(function (/** @type {any} */ candidate) {
      return candidate.confidence > 0;
    });
    if (likely.length) {
      var candidates = section(box, tr('candidates', {}));
      likely.forEach(function (/** @type {any} */ candidate) {
        candidates.appendChild(
          el(
            'p',
            '',
            (candidate.kb || candidate.article) + (candidate.title ? ': ' + candidate.title : '') + ' · ' + percent(candidate.confidence),
          ),
        );
      });
    }
    if (summary.findings && summary.findings.length) {
      var findings = section(box, tr('findings', {}));
      summary.findings.forEach(function (/** @type {any} */ finding) {
        findings.appendChild(el('p', 'finding', finding.kind + ' ' + finding.value));
        if (finding.excerpt) findings.appendChild(el('pre', 'excerpt', finding.excerpt));
      });
    }
    if (summary.questions && summary.questions.length) {
      var questions = section(box, tr('questions', {}));
      summary.questions.forEach(function (/** @type {any} */ pair) {
        questions.appendChild(el('p', '', pair.question));
        questions.appendChild(el('p', 'answer', '→ ' + pair.answer));
      });
    }
    if (summary.certificates && summary.certificates.length) renderCertificates(section(box, tr('certificates', {})), summary.certificates);
  }

  function renderCertificates(/** @type {HTMLElement} */ parent, /** @type {any[]} */ certificates) {
    certificates.forEach(function (certificate) {
      var rows = /** @type {Array<[string, string]>} */ ([
        [tr('subject', {}), certificate.subject],
        [tr('issuer', {}), certificate.issuer],
        [tr('thumbprint', {}), certificate.thumbprint],
        [tr('validTo', {}), String(certificate.notAfter || '').slice(0, 10)],
        [tr('chain', {}), (certificate.chainStatus || '?') + (certificate.missingIssuer ? ' (' + certificate.missingIssuer + ')' : '')],
        [tr('problems', {}), (certificate.problems || []).join(', ') || tr('none', {})],
      ]);
      facts(parent, rows);
    });
  }

  function renderTranscript(/** @type {any[]} */ lines) {
    var list = $('transcript');
    list.textContent = '';
    lines.forEach(function (line) {
      var entry = el('li', line.from === 'user' ? 'from-user' : 'from-bot');
      entry.appendChild(el('span', 'who', tr('from.' + (line.from === 'user' ? 'user' : 'bot'), {})));
      entry.appendChild(el('span', 'text', line.text));
      list.appendChild(entry);
    });
  }

  function renderMessages(/** @type {any[]} */ messages) {
    var list = $('messages');
    list.textContent = '';
    messages.forEach(function (message) {
      var entry = el('li', 'message from-' + message.from);
      entry.setAttribute('data-seq', String(message.seq));
      entry.setAttribute('data-delivery', message.delivery);
      var who = message.from === 'agent' ? message.authorName || 'Agent' : tr('from.' + message.from, {});
      entry.appendChild(el('span', 'who', who + ' · ' + time(message.at)));
      entry.appendChild(el('span', 'text', message.note ? tr('note.' + message.note, {}) : message.text));
      if (message.delivery !== 'delivered') {
        entry.appendChild(el('span', 'delivery', tr('delivery.' + message.delivery, {}) + (message.error ? ': ' + message.error : '')));
      } else if (message.heldForCustomer) {
        entry.setAttribute('data-delivery', 'held');
        entry.appendChild(el('span', 'delivery', tr('delivery.held', {})));
      }
      list.appendChild(entry);
    });
    list.scrollTop = list.scrollHeight;
  }

  function caseAction(/** @type {string} */ action) {
    if (!openId) return;
    var id = openId;
    try {
      api('POST', '/cases/' + encodeURIComponent(id) + '/' + action, withAgent({}))
        .then(function (data) {
          openCase = data;
          renderCase(data);
          refreshList();
        })
        .catch(function (error) {
          $('case-error').textContent = error.message;
          loadCase(id);
        });
    } catch (error) {
      $('case-error').textContent = /** @type {Error} */ (error).message;
    }
  }

  function sendReply(/** @type {Event} */ event) {
    event.preventDefault();
    if (!openId) return;
    var box = /** @type {HTMLTextAreaElement} */ ($('reply-text'));
    var text = box.value.trim();
    if (!text) return;
    var id = openId;
    try {
      var body = withAgent({ text: text });
      /** @type {HTMLButtonElement} */ ($('send-reply')).disabled = true;
      api('POST', '/cases/' + encodeURIComponent(id) + '/messages', body)
        .then(function () {
          box.value = '';
          $('case-error').textContent = '';
        })
        .catch(function (error) {
          $('case-error').textContent = error.message;
        })
        .then(function () {
          /** @type {HTMLButtonElement} */ ($('send-reply')).disabled = false;
          loadCase(id);
        });
    } catch (error) {
      $('case-error').textContent = /** @type {Error} */ (error).message;
    }
  }

  // ------------------------------------------------------------------ agent assist

  function readFiles(/** @type {FileList | null} */ files) {
    if (!files) return;
    Array.prototype.forEach.call(files, function (/** @type {File} */ file) {
      var reader = new FileReader();
      reader.onload = function () {
        var result = String(reader.result || '');
        assistFiles.push({ name: file.name, contentBase64: result.slice(result.indexOf(',') + 1) });
        $('assist-file-names').textContent = assistFiles
          .map(function (entry) {
            return entry.name;
          })
          .join(', ');
      };
      reader.readAsDataURL(file);
    });
  }

  function assistInput() {
    return { text: /** @type {HTMLTextAreaElement} */ ($('assist-text')).value, files: assistFiles };
  }

  function runAssist() {
    var body = /** @type {Record<string, any>} */ (assistInput());
    if (openId) body.caseId = openId;
    else body.language = lang;
    $('assist-result').textContent = '…';
    $('assist-send').setAttribute('data-ready', 'no');
    $('assist-send').hidden = true;
    api('POST', '/assist', body)
      .then(function (result) {
        renderAssist(result);
        $('assist-send').setAttribute('data-ready', result.canSend ? 'yes' : 'no');
        if (openCase) renderCase(openCase);
      })
      .catch(function (error) {
        $('assist-result').textContent = error.message;
      });
  }

  function renderAssist(/** @type {any} */ result) {
    var box = $('assist-result');
    box.textContent = '';
    var reply = result.reply || {};
    facts(box, [[tr('verdict', {}), verdictText(result.verdict) + ' · ' + tr('confidence', {}) + ' ' + percent(result.confidence)]]);
    if (reply.kind === 'match') {
      box.appendChild(el('p', 'strong', reply.kb + ': ' + reply.title));
      box.appendChild(el('p', '', reply.cause));
      reply.commands.forEach(function (/** @type {any} */ command) {
        box.appendChild(el('p', 'small', command.label));
        box.appendChild(el('pre', 'code', command.script));
      });
    } else if (reply.kind === 'ask') {
      box.appendChild(el('p', '', reply.text));
      reply.options.forEach(function (/** @type {any} */ option) {
        box.appendChild(el('p', 'small', '• ' + option.text));
      });
    } else if (reply.text) {
      box.appendChild(el('p', '', reply.text));
    }
    (result.findings || []).forEach(function (/** @type {any} */ finding) {
      box.appendChild(el('p', 'small', '• ' + finding.label + (finding.excerpt ? ': ' + finding.excerpt : '')));
    });
    if (result.certificates && result.certificates.length) renderCertificates(section(box, tr('certificates', {})), result.certificates);
    (result.fileIssues || []).forEach(function (/** @type {any} */ issue) {
      box.appendChild(el('p', 'error', issue.message));
    });
  }

  function sendAnswer() {
    if (!openId) return;
    var id = openId;
    try {
      api('POST', '/cases/' + encodeURIComponent(id) + '/answer', withAgent(assistInput()))
        .then(function () {
          $('assist-result').appendChild(el('p', 'ok', tr('assist.sent', {})));
          loadCase(id);
        })
        .catch(function (error) {
          $('case-error').textContent = error.message;
          loadCase(id);
        });
    } catch (error) {
      $('case-error').textContent = /** @type {Error} */ (error).message;
    }
  }

  // ------------------------------------------------------------------ start

  function setAgentName(/** @type {string} */ name) {
    var clean = name.trim().slice(0, 100);
    if (!clean) return;
    var id = localStorage.getItem('desk.agentId');
    if (!id) {
      var random = new Uint8Array(8);
      crypto.getRandomValues(random);
      id =
        'desk-' +
        Array.prototype.map
          .call(random, function (/** @type {number} */ b) {
            return ('0' + b.toString(16)).slice(-2);
          })
          .join('');
      localStorage.setItem('desk.agentId', id);
    }
    localStorage.setItem('desk.agentName', clean);
    agent = { id: id, name: clean };
    if (openCase) renderCase(openCase);
  }

  function start() {
    api('GET', '/me')
      .then(function (me) {
        $('key-panel').hidden = true;
        $('desk').hidden = false;
        if (me.agent) {
          agent = me.agent;
          $('agent-form').hidden = true;
          var badge = $('agent-signed-in');
          badge.hidden = false;
          badge.textContent = me.agent.name;
        }
        refreshList();
        listen();
        var wanted = /case=([^&]+)/.exec(location.hash);
        if (wanted) selectCase(decodeURIComponent(wanted[1]));
      })
      .catch(function (error) {
        if (error.status === 401) askForKey(false);
        else showNotice(error.message || tr('failed', {}));
      });
  }

  $('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    key = /** @type {HTMLInputElement} */ ($('key-input')).value.trim();
    sessionStorage.setItem('desk.key', key);
    start();
  });
  $('agent-form').addEventListener('submit', function (event) {
    event.preventDefault();
    setAgentName(/** @type {HTMLInputElement} */ ($('agent-name')).value);
  });
  document.querySelectorAll('.tab').forEach(function (tab) {
    tab.addEventListener('click', function () {
      status = tab.getAttribute('data-status') || 'queued';
      document.querySelectorAll('.tab').forEach(function (other) {
        other.setAttribute('aria-selected', String(other === tab));
      });
      refreshList();
    });
  });
  document.querySelectorAll('.language').forEach(function (button) {
    button.addEventListener('click', function () {
      lang = button.getAttribute('data-lang') === 'de' ? 'de' : 'en';
      localStorage.setItem('desk.lang', lang);
      applyTexts();
      refreshList();
      if (openCase) renderCase(openCase);
    });
  });
  $('take').addEventListener('click', function () {
    caseAction('take');
  });
  $('release').addEventListener('click', function () {
    caseAction('release');
  });
  $('close').addEventListener('click', function () {
    caseAction('close');
  });
  $('reply-form').addEventListener('submit', sendReply);
  $('assist-run').addEventListener('click', runAssist);
  $('assist-send').addEventListener('click', sendAnswer);
  $('assist-files').addEventListener('change', function (event) {
    readFiles(/** @type {HTMLInputElement} */ (event.target).files);
  });
  var drop = $('assist-drop');
  drop.addEventListener('dragover', function (event) {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', function () {
    drop.classList.remove('over');
  });
  drop.addEventListener('drop', function (event) {
    event.preventDefault();
    drop.classList.remove('over');
    readFiles(event.dataTransfer ? event.dataTransfer.files : null);
  });

  var savedName = localStorage.getItem('desk.agentName');
  if (savedName) {
    /** @type {HTMLInputElement} */ ($('agent-name')).value = savedName;
    setAgentName(savedName);
  }
  applyTexts();
  start();
})();
