// @ts-check
/* The agent desk: the queue (live, over Server-Sent Events read with fetch so the desk key can go
 * in a header), the worked-up case, the live conversation with the customer, and agent assist.
 * An ES module with its helpers beside it (format.js, queueFilter.js, alerts.js), no inline code,
 * no innerHTML: every value from a case is put on the page with textContent, so nothing a customer
 * typed can run or style anything here. */
import { formatMinutes, formatPercent, formatTime, localeFor } from './format.js';
import { causeOf, causesIn, matches, waitingMinutes } from './queueFilter.js';
import { alertSettings, announce, setNotify, setSound, showUnread } from './alerts.js';

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
      'alerts.label': 'Alerts for a new case or message',
      'alerts.sound': 'Sound',
      'alerts.notify': 'Browser notification',
      'alerts.denied': 'The browser does not allow notifications for this page (see its site settings).',
      'alert.newCase': 'New case #{id}',
      'alert.newMessage': 'New message in case #{id}',
      'filter.search': 'Search (case, name, cause)',
      'filter.language': 'Language',
      'filter.cause': 'Cause',
      'filter.wait': 'Waiting',
      'filter.all': 'All',
      'filter.any': 'Any time',
      'filter.wait5': '5 min or more',
      'filter.wait15': '15 min or more',
      'filter.wait60': '1 hour or more',
      'filter.overSla': 'Over the SLA target',
      'filter.none': 'No answer yet',
      'filter.count': '{shown} of {total} cases shown',
      waitingFor: 'waiting {duration}',
      'sla.left': 'SLA: {duration} left',
      'sla.over': 'over the SLA target by {duration}',
      takenAt: 'taken {time}',
      unread: 'new',
      'presence.back': 'the customer is back',
      'transfer.label': 'Transfer to',
      'transfer.go': 'Transfer',
      'transfer.queue': 'the queue (any agent)',
      'transfer.confirm': 'Hand case #{id} to {to}? {customer} is told who continues.',
      'transfer.confirmQueue': 'Put case #{id} back in the queue? {customer} is told their place.',
      'transfer.send': 'Transfer',
      'canned.label': 'Insert a canned reply',
      'canned.choose': 'Choose a reply…',
      'note.label': 'Internal note (agents only, the customer never sees it)',
      'note.add': 'Add note',
      'note.who': 'Internal note · {agent}',
      'section.uploads': 'Uploads',
      'upload.certificate': 'certificate',
      'chain.complete-public': 'complete, publicly trusted',
      'chain.incomplete': 'incomplete: an intermediate certificate is missing',
      'chain.untrusted-root': 'ends at a root that is not publicly trusted',
      'chain.self-signed': 'self-signed',
      'assist.label': 'Text for agent assist (error, log, command output)',
      'assist.clear': 'Clear',
      'assist.for': 'For case #{id}: the diagnosis starts from the evidence the case already holds.',
      'assist.forNone': 'No case open: the diagnosis uses only what you add.',
      'assist.fromCase': 'From the case',
      'assist.added': 'Added by you',
      'assist.caseNone': 'The case holds no evidence yet.',
      'assist.addedNone': 'Nothing the case did not already have.',
      'assist.files': 'Files: {names}',
      'confirm.title': 'Send to the customer?',
      'confirm.answer': 'Send the answer card "{title}" to {customer} (case #{id}, in {language})? The customer sees it at once.',
      'confirm.send': 'Send to {customer}',
      'confirm.cancel': 'Cancel',
      customer: 'the customer',
      'reply.to': 'Message to {customer} (case #{id})',
      'status.queued': 'queued',
      'status.assigned': 'in progress',
      'status.closed': 'closed',
      position: 'No. {n} in the queue',
      waiting: 'waiting since {time}',
      takenBy: 'taken by {agent}',
      closedAt: 'closed {time}',
      'lang.de': 'German',
      'lang.en': 'English',
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
      'alerts.label': 'Hinweise auf einen neuen Fall oder eine neue Nachricht',
      'alerts.sound': 'Ton',
      'alerts.notify': 'Browser-Benachrichtigung',
      'alerts.denied': 'Der Browser erlaubt dieser Seite keine Benachrichtigungen (siehe seine Website-Einstellungen).',
      'alert.newCase': 'Neuer Fall #{id}',
      'alert.newMessage': 'Neue Nachricht in Fall #{id}',
      'filter.search': 'Suche (Fall, Name, Ursache)',
      'filter.language': 'Sprache',
      'filter.cause': 'Ursache',
      'filter.wait': 'Wartezeit',
      'filter.all': 'Alle',
      'filter.any': 'Beliebig',
      'filter.wait5': 'ab 5 Min.',
      'filter.wait15': 'ab 15 Min.',
      'filter.wait60': 'ab 1 Stunde',
      'filter.overSla': 'Über dem SLA-Ziel',
      'filter.none': 'Noch keine Antwort',
      'filter.count': '{shown} von {total} Fällen angezeigt',
      waitingFor: 'wartet seit {duration}',
      'sla.left': 'SLA: noch {duration}',
      'sla.over': 'SLA-Ziel um {duration} überschritten',
      takenAt: 'übernommen {time}',
      unread: 'neu',
      'presence.back': 'der Kunde ist wieder da',
      'transfer.label': 'Übergeben an',
      'transfer.go': 'Übergeben',
      'transfer.queue': 'die Warteschlange (beliebiger Agent)',
      'transfer.confirm': 'Fall #{id} an {to} übergeben? {customer} erfährt, wer weitermacht.',
      'transfer.confirmQueue': 'Fall #{id} zurück in die Warteschlange? {customer} erfährt seinen Platz.',
      'transfer.send': 'Übergeben',
      'canned.label': 'Textbaustein einfügen',
      'canned.choose': 'Baustein wählen…',
      'note.label': 'Interne Notiz (nur für Agenten, der Kunde sieht sie nie)',
      'note.add': 'Notiz hinzufügen',
      'note.who': 'Interne Notiz · {agent}',
      'section.uploads': 'Hochgeladene Dateien',
      'upload.certificate': 'Zertifikat',
      'chain.complete-public': 'vollständig, öffentlich vertrauenswürdig',
      'chain.incomplete': 'unvollständig: ein Zwischenzertifikat fehlt',
      'chain.untrusted-root': 'endet an einer nicht öffentlich vertrauenswürdigen Stammzertifizierungsstelle',
      'chain.self-signed': 'selbstsigniert',
      'assist.label': 'Text für den Agenten-Assistenten (Fehlermeldung, Protokoll, Befehlsausgabe)',
      'assist.clear': 'Leeren',
      'assist.for': 'Für Fall #{id}: Die Diagnose beginnt mit den Befunden, die der Fall schon enthält.',
      'assist.forNone': 'Kein Fall geöffnet: Die Diagnose nutzt nur, was Sie hinzufügen.',
      'assist.fromCase': 'Aus dem Fall',
      'assist.added': 'Von Ihnen hinzugefügt',
      'assist.caseNone': 'Der Fall enthält noch keine Befunde.',
      'assist.addedNone': 'Nichts, was der Fall nicht schon hatte.',
      'assist.files': 'Dateien: {names}',
      'confirm.title': 'An den Kunden senden?',
      'confirm.answer': 'Die Antwortkarte „{title}“ an {customer} senden (Fall #{id}, auf {language})? Der Kunde sieht sie sofort.',
      'confirm.send': 'An {customer} senden',
      'confirm.cancel': 'Abbrechen',
      customer: 'den Kunden',
      'reply.to': 'Nachricht an {customer} (Fall #{id})',
      'status.queued': 'wartet',
      'status.assigned': 'in Bearbeitung',
      'status.closed': 'abgeschlossen',
      position: 'Nr. {n} in der Warteschlange',
      waiting: 'wartet seit {time}',
      takenBy: 'übernommen von {agent}',
      closedAt: 'abgeschlossen {time}',
      'lang.de': 'Deutsch',
      'lang.en': 'Englisch',
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
  /** @type {any} the last assist answer for the open case */
  var assistResult = null;
  /**
   * Agent assist's input and answer per case: one customer's text and files must never reach
   * another customer's case. Switching cases keeps them here and restores them on the way back.
   * @type {Record<string, {text: string, files: Array<{name: string, contentBase64: string}>, result: any}>}
   */
  var assistByCase = {};
  var listVersion = 0;
  /** HANDOFF_SLA_MINUTES, from /api/desk/me. */
  var slaMinutes = 10;
  /** @type {Record<string, any[]>} the last lists by status */
  var lists = { queued: [], assigned: [], closed: [] };
  /** @type {Record<string, {seq: number, status: string}>} what the desk knew of each case (for alerts) */
  var known = {};
  var knownReady = false;
  /**
   * What this agent has seen of each case (its newest message number), kept in this browser.
   * @type {Record<string, number>}
   */
  var seen = readSeen();
  /** @type {Record<string, Array<{id: string, title: string, text: string}>>} */
  var cannedReplies = { en: [], de: [] };
  /** @type {Array<{id: string, name: string}>} */
  var colleagues = [];

  function readSeen() {
    try {
      var value = JSON.parse(localStorage.getItem('desk.seen') || '{}');
      return value && typeof value === 'object' ? value : {};
    } catch (e) {
      return {};
    }
  }

  function markSeen(/** @type {any} */ item) {
    seen[item.id] = item.lastMessageSeq || 0;
    var ids = Object.keys(seen);
    if (ids.length > 500) delete seen[ids[0]];
    localStorage.setItem('desk.seen', JSON.stringify(seen));
  }

  /** A case with something this agent has not seen: a new case in the queue, or a customer's message on their case. */
  function isUnread(/** @type {any} */ item) {
    if (item.status === 'queued') return !(item.id in seen);
    var mine = agent && item.assignedTo && item.assignedTo.id === agent.id;
    return (
      !!mine && (item.lastMessageSeq || 0) > (seen[item.id] || 0) && (item.lastMessageFrom === 'user' || item.lastMessageFrom === 'bot')
    );
  }

  function updateUnread() {
    var count = lists.queued.concat(lists.assigned).filter(isUnread).length;
    showUnread(count, tr('title', {}));
  }

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

  /** In the agent's browser locale (format.js). */
  function time(/** @type {string} */ iso) {
    return formatTime(iso, lang);
  }

  /** "85%", German "85 %", as the chat writes it. */
  function percent(/** @type {number} */ value) {
    return formatPercent(value, lang);
  }

  /** The live wait of a queued case against the SLA target: text and state (ok / near / over). */
  function waitText(/** @type {any} */ item, /** @type {number} */ now) {
    var waited = waitingMinutes(item, now);
    var left = slaMinutes - waited;
    return {
      waiting: tr('waitingFor', { duration: formatMinutes(waited, lang) }),
      sla:
        left >= 0
          ? tr('sla.left', { duration: formatMinutes(Math.ceil(left), lang) })
          : tr('sla.over', { duration: formatMinutes(-left, lang) }),
      state: left < 0 ? 'over' : waited >= slaMinutes * 0.8 ? 'near' : 'ok',
    };
  }

  /** Every live timer on the page, again (every 15 s and after each render). */
  function tickTimers() {
    var now = Date.now();
    document.querySelectorAll('[data-wait-for]').forEach(function (node) {
      var id = node.getAttribute('data-wait-for') || '';
      var item =
        lists.queued.find(function (entry) {
          return entry.id === id;
        }) || (openCase && openCase.id === id ? openCase : null);
      if (!item || item.status !== 'queued') return;
      var wait = waitText(item, now);
      node.textContent = node.getAttribute('data-part') === 'sla' ? wait.sla : wait.waiting;
      node.setAttribute('data-sla', wait.state);
    });
  }

  function showNotice(/** @type {string} */ text) {
    var notice = $('notice');
    notice.textContent = text;
    notice.hidden = !text;
  }

  function applyTexts() {
    document.documentElement.lang = lang;
    updateUnread();
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
    fillCanned();
    fillTransfer();
    $('assist-for').textContent = openId ? tr('assist.for', { id: openId }) : tr('assist.forNone', {});
    showAssistFiles();
    if (assistResult) {
      $('assist-result').textContent = '';
      renderAssist(assistResult);
    }
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
    if (item && item.id) noticeChange(item);
    refreshList();
    if (item && item.id === openId) loadCase(openId);
  }

  /** A new case, or a customer's new message on this agent's case: sound and notification (when on). */
  function noticeChange(/** @type {any} */ item) {
    var before = known[item.id];
    known[item.id] = { seq: item.lastMessageSeq || 0, status: item.status };
    if (!knownReady) return;
    var watching = item.id === openId && !document.hidden;
    if (!before && item.status === 'queued') {
      if (!watching)
        announce(
          tr('alert.newCase', { id: item.id }),
          item.summary && item.summary.headline ? item.summary.headline : '',
          'case=' + item.id,
        );
      return;
    }
    var mine = agent && item.assignedTo && item.assignedTo.id === agent.id;
    if (before && mine && (item.lastMessageSeq || 0) > before.seq && item.lastMessageFrom === 'user' && !watching)
      announce(tr('alert.newMessage', { id: item.id }), customerName(item), 'case=' + item.id);
  }

  // ------------------------------------------------------------------ the queue

  function refreshList() {
    var version = ++listVersion;
    var counts = ['queued', 'assigned'].filter(function (which) {
      return which !== status;
    });
    counts.forEach(function (which) {
      api('GET', '/cases?status=' + which)
        .then(function (data) {
          remember(which, data.cases);
        })
        .catch(function () {});
    });
    return api('GET', '/cases?status=' + status)
      .then(function (data) {
        remember(status, data.cases);
        if (version !== listVersion) return;
        renderList();
        showNotice(data.unreadable ? tr('unreadable', { n: data.unreadable }) : '');
      })
      .catch(function (error) {
        if (error.status !== 401) showNotice(tr('failed', {}));
      });
  }

  /** A list as the API gave it: the tab counts, the unread title and what the alerts compare with. */
  function remember(/** @type {string} */ which, /** @type {any[]} */ cases) {
    lists[which] = cases;
    if (which !== 'closed') $('count-' + which).textContent = cases.length ? '(' + cases.length + ')' : '';
    cases.forEach(function (item) {
      if (!known[item.id]) known[item.id] = { seq: item.lastMessageSeq || 0, status: item.status };
    });
    if (which === 'queued') knownReady = true;
    updateUnread();
  }

  function currentFilter() {
    return {
      text: /** @type {HTMLInputElement} */ ($('filter-text')).value,
      language: /** @type {HTMLSelectElement} */ ($('filter-language')).value,
      cause: /** @type {HTMLSelectElement} */ ($('filter-cause')).value,
      wait: /** @type {HTMLSelectElement} */ ($('filter-wait')).value,
    };
  }

  /** The cause filter's choices: the causes of the listed cases (by KB number) and "no answer yet". */
  function fillCauses(/** @type {any[]} */ cases) {
    var select = /** @type {HTMLSelectElement} */ ($('filter-cause'));
    var chosen = select.value;
    select.textContent = '';
    var all = /** @type {HTMLOptionElement} */ (el('option', '', tr('filter.all', {})));
    all.value = '';
    select.appendChild(all);
    causesIn(cases)
      .concat([{ id: 'none', label: tr('filter.none', {}) }])
      .forEach(function (cause) {
        var option = /** @type {HTMLOptionElement} */ (el('option', '', cause.label));
        option.value = cause.id;
        select.appendChild(option);
      });
    select.value = chosen;
    if (select.value !== chosen) select.value = '';
  }

  function renderList() {
    var cases = lists[status] || [];
    var now = Date.now();
    fillCauses(cases);
    var filter = currentFilter();
    var shown = cases.filter(function (item) {
      return matches(item, filter, now, slaMinutes, causeOf(item).label);
    });
    var list = $('case-list');
    list.textContent = '';
    $('empty-list').hidden = shown.length > 0;
    var filtered = shown.length !== cases.length;
    $('filter-count').textContent = filtered ? tr('filter.count', { shown: shown.length, total: cases.length }) : '';
    shown.forEach(function (item) {
      var entry = el('li', 'case-item' + (item.id === openId ? ' selected' : ''));
      entry.setAttribute('data-case-id', item.id);
      entry.tabIndex = 0;
      var unread = isUnread(item);
      if (unread) entry.classList.add('unread');
      var top = el('div', 'case-top');
      top.appendChild(el('strong', '', '#' + item.id));
      if (unread) top.appendChild(el('span', 'badge unread-badge', tr('unread', {})));
      top.appendChild(el('span', 'badge lang', item.language.toUpperCase()));
      if (item.position) top.appendChild(el('span', 'badge', tr('position', { n: item.position })));
      if (item.assignedTo) top.appendChild(el('span', 'badge', tr('takenBy', { agent: item.assignedTo.name })));
      if (item.status !== 'closed' && item.presence)
        top.appendChild(el('span', 'badge presence-' + item.presence.state, tr('presence.' + item.presence.state, {})));
      entry.appendChild(top);
      var summary = item.summary || {};
      entry.appendChild(
        el(
          'div',
          'case-headline',
          summary.headline || verdictText(summary.verdict) + (summary.confidence ? ' · ' + percent(summary.confidence) : ''),
        ),
      );
      var line = el('div', 'muted small', (item.userName ? item.userName + ' · ' : '') + item.channelId + ' · ');
      appendWhen(line, item);
      entry.appendChild(line);
      entry.addEventListener('click', function () {
        selectCase(item.id);
      });
      entry.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          selectCase(item.id);
        }
      });
      list.appendChild(entry);
    });
    tickTimers();
  }

  /** When: a queued case's live wait and SLA timer; a taken case's time taken; a closed one's closing time (it waits no more). */
  function appendWhen(/** @type {HTMLElement} */ parent, /** @type {any} */ item) {
    if (item.status === 'queued') {
      var waiting = el('span', 'timer');
      waiting.setAttribute('data-wait-for', item.id);
      parent.appendChild(waiting);
      parent.appendChild(document.createTextNode(' · '));
      var sla = el('span', 'timer sla');
      sla.setAttribute('data-wait-for', item.id);
      sla.setAttribute('data-part', 'sla');
      parent.appendChild(sla);
    } else if (item.status === 'assigned') {
      parent.appendChild(document.createTextNode(item.assignedAt ? tr('takenAt', { time: time(item.assignedAt) }) : ''));
    } else {
      parent.appendChild(document.createTextNode(tr('closedAt', { time: time(item.closedAt || item.updatedAt) })));
    }
  }

  function selectCase(/** @type {string} */ id) {
    if (id !== openId) {
      saveAssist();
      restoreAssist(id);
    }
    openId = id;
    location.hash = 'case=' + encodeURIComponent(id);
    document.querySelectorAll('.case-item').forEach(function (node) {
      node.classList.toggle('selected', node.getAttribute('data-case-id') === id);
    });
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
    // A closed case waits for nobody: it says when it was opened and closed, not "waiting since".
    var meta = [tr('lang.' + item.language, {}), item.channelId];
    if (item.status === 'queued') meta.push(tr('waiting', { time: time(item.createdAt) }));
    else meta.push(time(item.createdAt));
    if (item.userName) meta.unshift(item.userName);
    if (item.position) meta.push(tr('position', { n: item.position }));
    if (item.assignedTo && item.status === 'assigned') meta.push(tr('takenBy', { agent: item.assignedTo.name }));
    if (item.closedAt) meta.push(tr('closedAt', { time: time(item.closedAt) }));
    if (item.status !== 'closed' && item.presence) meta.push(tr('presence.' + item.presence.state, {}));
    if (item.webhookRefused) meta.push(tr('webhook.refused', {}));
    var metaBox = $('case-meta');
    metaBox.textContent = meta.join(' · ');
    if (item.status === 'queued') {
      metaBox.appendChild(document.createTextNode(' · '));
      appendWhen(metaBox, item);
    }
    var mine = !!(agent && item.assignedTo && item.assignedTo.id === agent.id);
    markSeen(item);
    updateUnread();
    $('transfer').hidden = !(item.status === 'assigned' && mine);
    fillTransfer();
    /** @type {HTMLSelectElement} */ ($('canned')).disabled = !(item.status === 'assigned' && mine);
    fillCanned();
    $('take').hidden = item.status !== 'queued';
    $('release').hidden = !(item.status === 'assigned' && mine);
    $('close').hidden = item.status === 'closed' || (item.status === 'assigned' && !mine);
    renderSummary(item);
    renderTranscript(item.transcript || []);
    renderMessages(item.messages || []);
    var canWrite = item.status === 'assigned' && mine;
    $('reply-label').textContent = tr('reply.to', { customer: customerName(item), id: item.id });
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
    renderUploads(item.summary && item.summary.certificates ? item.summary.certificates : []);
    tickTimers();
  }

  /** The customer's uploads (certificate reports of the case): name, kind and what the bot found. */
  function renderUploads(/** @type {any[]} */ certificates) {
    var list = $('uploads');
    list.textContent = '';
    certificates.forEach(function (certificate) {
      var entry = el('li', 'upload');
      entry.appendChild(el('span', 'strong', (certificate.fileName || '?') + ' · ' + tr('upload.certificate', {})));
      entry.appendChild(el('span', 'small', certificate.subject + ' · ' + tr('chain', {}) + ': ' + chainText(certificate)));
      var problems = problemTexts(certificate);
      if (problems.length) entry.appendChild(el('span', 'small', tr('problems', {}) + ': ' + problems.join('; ')));
      list.appendChild(entry);
    });
    $('uploads-section').hidden = certificates.length === 0;
  }

  function chainText(/** @type {any} */ certificate) {
    var status = certificate.chainStatus ? tr('chain.' + certificate.chainStatus, {}) : '?';
    return status + (certificate.missingIssuer ? ' (' + certificate.missingIssuer + ')' : '');
  }

  function problemTexts(/** @type {any} */ certificate) {
    if (Array.isArray(certificate.problemLabels))
      return certificate.problemLabels.map(function (/** @type {any} */ labels) {
        return labels[lang] || labels.en;
      });
    return certificate.problems || [];
  }

  /** The canned replies of the case's language (the customer's), to insert into the reply box. */
  function fillCanned() {
    var select = /** @type {HTMLSelectElement} */ ($('canned'));
    var language = openCase && openCase.language === 'de' ? 'de' : openCase ? 'en' : lang;
    select.textContent = '';
    var first = /** @type {HTMLOptionElement} */ (el('option', '', tr('canned.choose', {})));
    first.value = '';
    select.appendChild(first);
    (cannedReplies[language] || []).forEach(function (reply) {
      var option = /** @type {HTMLOptionElement} */ (el('option', '', reply.title));
      option.value = reply.id;
      select.appendChild(option);
    });
  }

  function insertCanned() {
    var select = /** @type {HTMLSelectElement} */ ($('canned'));
    var language = openCase && openCase.language === 'de' ? 'de' : 'en';
    var reply = (cannedReplies[language] || []).find(function (entry) {
      return entry.id === select.value;
    });
    select.value = '';
    if (!reply) return;
    var box = /** @type {HTMLTextAreaElement} */ ($('reply-text'));
    var at = box.selectionStart || 0;
    var before = box.value.slice(0, at);
    var after = box.value.slice(box.selectionEnd || at);
    var gap = before && !/\s$/.test(before) ? ' ' : '';
    box.value = before + gap + reply.text + after;
    box.focus();
    var caret = (before + gap + reply.text).length;
    box.setSelectionRange(caret, caret);
  }

  /** Colleagues a case can go to (from /api/desk/agents) and the queue. */
  function fillTransfer() {
    var select = /** @type {HTMLSelectElement} */ ($('transfer-to'));
    var chosen = select.value;
    select.textContent = '';
    colleagues
      .filter(function (colleague) {
        return !agent || colleague.id !== agent.id;
      })
      .forEach(function (colleague) {
        var option = /** @type {HTMLOptionElement} */ (el('option', '', colleague.name));
        option.value = colleague.id;
        select.appendChild(option);
      });
    var queue = /** @type {HTMLOptionElement} */ (el('option', '', tr('transfer.queue', {})));
    queue.value = 'queue';
    select.appendChild(queue);
    select.value = chosen;
    if (select.value !== chosen) select.selectedIndex = 0;
  }

  function loadColleagues() {
    if (!agent) return Promise.resolve();
    return api('POST', '/agents', { agent: agent })
      .then(function (data) {
        colleagues = data.agents || [];
        fillTransfer();
      })
      .catch(function () {});
  }

  function transfer() {
    if (!openId || !openCase) return;
    var id = openId;
    var item = openCase;
    var to = /** @type {HTMLSelectElement} */ ($('transfer-to')).value;
    var colleague = colleagues.find(function (entry) {
      return entry.id === to;
    });
    if (to !== 'queue' && !colleague) return;
    var question =
      to === 'queue'
        ? tr('transfer.confirmQueue', { id: id, customer: customerName(item) })
        : tr('transfer.confirm', { id: id, to: colleague ? colleague.name : '', customer: customerName(item) });
    confirmSend(question, tr('transfer.send', {})).then(function (yes) {
      if (!yes || id !== openId) return;
      if (to === 'queue') return caseAction('release');
      try {
        api('POST', '/cases/' + encodeURIComponent(id) + '/transfer', withAgent({ to: colleague }))
          .then(function (data) {
            openCase = data;
            renderCase(data);
            refreshList();
          })
          .catch(function (error) {
            $('case-error').textContent = error.message;
            loadColleagues();
          });
      } catch (error) {
        $('case-error').textContent = /** @type {Error} */ (error).message;
      }
    });
  }

  function addNote(/** @type {Event} */ event) {
    event.preventDefault();
    if (!openId) return;
    var id = openId;
    var box = /** @type {HTMLTextAreaElement} */ ($('note-text'));
    if (!box.value.trim()) return;
    try {
      api('POST', '/cases/' + encodeURIComponent(id) + '/notes', withAgent({ text: box.value }))
        .then(function () {
          box.value = '';
          loadCase(id);
        })
        .catch(function (error) {
          $('case-error').textContent = error.message;
        });
    } catch (error) {
      $('case-error').textContent = /** @type {Error} */ (error).message;
    }
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
        // Words, not ids: "The server presents only its own certificate ..." rather than "chain-incomplete".
        findings.appendChild(
          el('p', 'finding', finding.label ? finding.label[lang] || finding.label.en : finding.kind + ' ' + finding.value),
        );
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
        [tr('validTo', {}), certificate.notAfter ? new Date(certificate.notAfter).toLocaleDateString(localeFor(lang)) : ''],
        [tr('chain', {}), chainText(certificate)],
        [tr('problems', {}), problemTexts(certificate).join('; ') || tr('none', {})],
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
      if (message.internal) entry.className = 'message internal-note';
      var who = message.internal
        ? tr('note.who', { agent: message.authorName || 'Agent' })
        : message.from === 'agent'
          ? message.authorName || 'Agent'
          : tr('from.' + message.from, {});
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
        showAssistFiles();
      };
      reader.readAsDataURL(file);
    });
  }

  function assistInput() {
    return { text: /** @type {HTMLTextAreaElement} */ ($('assist-text')).value, files: assistFiles };
  }

  function runAssist() {
    var body = /** @type {Record<string, any>} */ (assistInput());
    var forId = openId;
    if (forId) body.caseId = forId;
    else body.language = lang;
    assistResult = null;
    $('assist-result').textContent = '…';
    showAssistSend(false);
    api('POST', '/assist', body)
      .then(function (result) {
        // The agent may have switched cases meanwhile: the answer belongs to the case it was asked for.
        if (forId !== openId) {
          if (forId && assistByCase[forId]) assistByCase[forId].result = result;
          return;
        }
        assistResult = result;
        renderAssist(result);
        showAssistSend(!!result.canSend);
      })
      .catch(function (error) {
        if (forId === openId) $('assist-result').textContent = error.message;
      });
  }

  function showAssistSend(/** @type {boolean} */ ready) {
    $('assist-send').setAttribute('data-ready', ready ? 'yes' : 'no');
    if (openCase) renderCase(openCase);
    else $('assist-send').hidden = true;
  }

  function showAssistFiles() {
    $('assist-file-names').textContent = assistFiles.length
      ? tr('assist.files', {
          names: assistFiles
            .map(function (entry) {
              return entry.name;
            })
            .join(', '),
        })
      : '';
  }

  function saveAssist() {
    if (!openId) return;
    var text = /** @type {HTMLTextAreaElement} */ ($('assist-text')).value;
    if (!text && !assistFiles.length && !assistResult) delete assistByCase[openId];
    else assistByCase[openId] = { text: text, files: assistFiles, result: assistResult };
  }

  /** The assist panel as this case left it, or empty: nothing of the previous case stays on screen. */
  function restoreAssist(/** @type {string | null} */ id) {
    var saved = id ? assistByCase[id] : undefined;
    /** @type {HTMLTextAreaElement} */ ($('assist-text')).value = saved ? saved.text : '';
    /** @type {HTMLInputElement} */ ($('assist-files')).value = '';
    assistFiles = saved ? saved.files.slice() : [];
    assistResult = saved ? saved.result : null;
    showAssistFiles();
    $('assist-result').textContent = '';
    if (assistResult) renderAssist(assistResult);
    $('assist-send').setAttribute('data-ready', assistResult && assistResult.canSend ? 'yes' : 'no');
    $('assist-send').hidden = true;
    $('assist-for').textContent = id ? tr('assist.for', { id: id }) : tr('assist.forNone', {});
  }

  function clearAssist() {
    if (openId) delete assistByCase[openId];
    restoreAssist(openId);
    if (openCase) renderCase(openCase);
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
    var evidence = result.evidence || { fromCase: [], added: result.findings || [] };
    if (result.caseId) evidenceList(section(box, tr('assist.fromCase', {})), evidence.fromCase, 'from-case', tr('assist.caseNone', {}));
    evidenceList(section(box, tr('assist.added', {})), evidence.added, 'added', tr('assist.addedNone', {}));
    if (result.certificates && result.certificates.length) renderCertificates(section(box, tr('certificates', {})), result.certificates);
    (result.fileIssues || []).forEach(function (/** @type {any} */ issue) {
      box.appendChild(el('p', 'error', issue.message));
    });
  }

  function evidenceList(
    /** @type {HTMLElement} */ parent,
    /** @type {any[]} */ entries,
    /** @type {string} */ origin,
    /** @type {string} */ empty,
  ) {
    var list = el('ul', 'evidence');
    list.setAttribute('data-origin', origin);
    entries.forEach(function (/** @type {any} */ entry) {
      var item = el('li', '', entry.label);
      if (entry.excerpt) item.appendChild(el('span', 'excerpt-inline', ': ' + entry.excerpt));
      list.appendChild(item);
    });
    if (!entries.length) parent.appendChild(el('p', 'muted small', empty));
    else parent.appendChild(list);
  }

  /** Who receives what is sent now: the customer's name when the channel gave one. */
  function customerName(/** @type {any} */ item) {
    return item && item.userName ? item.userName : tr('customer', {});
  }

  /** Asks before anything goes to a customer, naming them and the case; resolves true to send. */
  function confirmSend(/** @type {string} */ text, /** @type {string} */ sendLabel) {
    var dialog = /** @type {HTMLDialogElement} */ ($('confirm'));
    $('confirm-text').textContent = text;
    $('confirm-send').textContent = sendLabel;
    return new Promise(function (resolve) {
      function done(/** @type {boolean} */ answer) {
        $('confirm-send').removeEventListener('click', yes);
        $('confirm-cancel').removeEventListener('click', no);
        dialog.removeEventListener('cancel', no);
        if (dialog.open) dialog.close();
        resolve(answer);
      }
      function yes() {
        done(true);
      }
      function no() {
        done(false);
      }
      $('confirm-send').addEventListener('click', yes);
      $('confirm-cancel').addEventListener('click', no);
      dialog.addEventListener('cancel', no);
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  function sendAnswer() {
    if (!openId || !openCase || !assistResult || !assistResult.reply) return;
    var id = openId;
    var item = openCase;
    var reply = assistResult.reply;
    var input = assistInput();
    var customer = customerName(item);
    confirmSend(
      tr('confirm.answer', { title: reply.kb + ': ' + reply.title, customer: customer, id: id, language: tr('lang.' + item.language, {}) }),
      tr('confirm.send', { customer: customer }),
    ).then(function (yes) {
      if (yes && id === openId) postAnswer(id, input);
    });
  }

  function postAnswer(/** @type {string} */ id, /** @type {any} */ input) {
    try {
      api('POST', '/cases/' + encodeURIComponent(id) + '/answer', withAgent(input))
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
    if (!$('desk').hidden) loadColleagues();
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
        if (me.settings && typeof me.settings.slaMinutes === 'number') slaMinutes = me.settings.slaMinutes;
        refreshList();
        listen();
        loadColleagues();
        api('GET', '/replies')
          .then(function (data) {
            cannedReplies = data.replies || cannedReplies;
            fillCanned();
          })
          .catch(function () {});
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
  $('note-form').addEventListener('submit', addNote);
  $('canned').addEventListener('change', insertCanned);
  $('transfer-go').addEventListener('click', transfer);
  ['filter-text', 'filter-language', 'filter-cause', 'filter-wait'].forEach(function (id) {
    $(id).addEventListener(id === 'filter-text' ? 'input' : 'change', function () {
      renderList();
    });
  });
  var soundBox = /** @type {HTMLInputElement} */ ($('alert-sound'));
  var notifyBox = /** @type {HTMLInputElement} */ ($('alert-notify'));
  soundBox.checked = alertSettings().sound;
  notifyBox.checked = alertSettings().notify && typeof Notification !== 'undefined' && Notification.permission === 'granted';
  soundBox.addEventListener('change', function () {
    setSound(soundBox.checked);
  });
  notifyBox.addEventListener('change', function () {
    var wanted = notifyBox.checked;
    setNotify(wanted).then(function (on) {
      notifyBox.checked = on;
      if (wanted && !on) showNotice(tr('alerts.denied', {}));
    });
  });
  window.addEventListener('hashchange', function () {
    var wanted = /case=([^&]+)/.exec(location.hash);
    if (wanted && decodeURIComponent(wanted[1]) !== openId) selectCase(decodeURIComponent(wanted[1]));
  });
  setInterval(tickTimers, 15000);
  $('assist-clear').addEventListener('click', clearAssist);
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
