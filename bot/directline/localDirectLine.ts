/**
 * DEVELOPMENT ONLY: a local Direct Line 3.0 channel, so the web chat page works against the
 * local bot with no Azure and no secret (`npm start`, open http://localhost:3978).
 * It is switched off as soon as DIRECT_LINE_SECRET is configured (see index.ts).
 *
 * Why our own: the npm package offline-directline is unmaintained, has no /upload, no welcome
 * (empty membersAdded) and breaks inside restify; nothing maintained replaces it.
 *
 * Two faces, one store:
 * - client side (Web Chat, polling): POST /v3/directline/conversations, GET .../activities
 *   ?watermark=, POST .../activities, POST .../upload?userId=, POST /v3/directline/tokens/refresh,
 *   GET /v3/directline/attachments/:id/:name (uploaded bytes, unguessable id);
 * - bot side (the bot's CloudAdapter replies to `serviceUrl`): POST/PUT/DELETE
 *   <serviceUrl>/v3/conversations/:id/activities[/:activityId], GET .../members.
 *   The serviceUrl carries a random key, so only the bot, which got it in each activity,
 *   can post into conversations; a browser cannot forge bot messages. Activities are stored with
 *   their serviceUrl (the bot needs it) but every answer to a client goes through forClient(),
 *   which drops `serviceUrl` and any value containing the key.
 * User activities are forwarded to the bot's /api/messages with channelId "directline" and
 * no authentication (local mode has no app id).
 *
 * Presence: a page that stops polling for `awayAfterMs` (closed, reloaded into another
 * conversation, offline) is "away", and one that polls again is "back"; the channel tells the bot
 * with a `mailflow.presence` event from the user ({"state": "away" | "back"}), so an agent learns
 * that the customer is not connected. Messages for an away user stay in the conversation and
 * reach the page when it resumes the conversation (GET /conversations/{id}, then polling).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConversationStore, ID_PATTERN, randomId, type ActivityJson, type LocalConversation } from './conversationStore';
import { HttpError, bearerToken, readBody, readJsonObject, sendError, sendJson } from './httpUtil';
import { boundaryOf, parseMultipart, safeFileName } from './multipart';

export interface LocalDirectLineOptions {
  /** Where the bot listens, e.g. http://127.0.0.1:3978/api/messages (a function: known once listening). */
  botEndpoint: () => string;
  /** This host as the bot reaches it, e.g. http://127.0.0.1:3978: base of serviceUrl and file URLs. */
  selfUrl: () => string;
  store?: ConversationStore;
  botId?: string;
  botName?: string;
  /** Largest upload request (all files of one message), default 4 MiB like Azure's Direct Line. */
  maxUploadBytes?: number;
  /** Largest JSON activity, default 4 MiB like the bot's own body limit (a 1 MB paste doubles in JSON). */
  maxActivityBytes?: number;
  /** How long a send waits for the bot before it is acknowledged anyway (replies keep coming by polling). */
  forwardTimeoutMs?: number;
  /** A conversation whose page has not polled for this long is "away" (default 6 s; the page polls every 0.5 s). */
  awayAfterMs?: number;
  log?: (message: string) => void;
}

/** The event the channel (and the web chat page) sends the bot when the user leaves or comes back. */
export const PRESENCE_EVENT = 'mailflow.presence';

export const DIRECT_LINE_PREFIX = '/v3/directline';
const CONTENT_TYPES_SHOWN_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Fields a client may set on its activity; the channel sets ids, sender, recipient, timestamps. */
const CLIENT_FIELDS = [
  'type',
  'text',
  'textFormat',
  'locale',
  'value',
  'name',
  'channelData',
  'entities',
  'replyToId',
  'attachments',
  'localTimestamp',
  'localTimezone',
];

export class LocalDirectLine {
  readonly store: ConversationStore;
  private readonly botKey = randomId(18);
  private readonly botId: string;
  private readonly botName: string;
  private readonly maxUploadBytes: number;
  private readonly maxActivityBytes: number;
  private readonly forwardTimeoutMs: number;
  private readonly awayAfterMs: number;
  private readonly log: (message: string) => void;
  /** Last poll per conversation, and whether the bot was told the user is away. */
  private readonly presence = new Map<string, { lastPollAt: number; away: boolean }>();
  private presenceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.store = options.store ?? new ConversationStore();
    this.botId = options.botId ?? 'mailflow-tls-bot';
    this.botName = options.botName ?? 'Mailflow TLS Assistant';
    this.maxUploadBytes = options.maxUploadBytes ?? 4 * 1024 * 1024;
    this.maxActivityBytes = options.maxActivityBytes ?? 4 * 1024 * 1024;
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? 10_000;
    this.awayAfterMs = options.awayAfterMs ?? 6_000;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** The serviceUrl the bot gets in every activity (it replies there). */
  get serviceUrl(): string {
    return `${this.options.selfUrl()}${DIRECT_LINE_PREFIX}/_bot/${this.botKey}`;
  }

  /** A conversation and a token bound to it, for the token endpoint. The user id is ours, never the caller's. */
  issueConversationToken(): { token: string; conversationId: string; userId: string; expiresIn: number } {
    const userId = `dl_${randomId(12)}`;
    const { conversation, token } = this.store.createConversation(userId);
    return { token, conversationId: conversation.id, userId, expiresIn: Math.floor(this.store.limits.tokenTtlMs / 1000) };
  }

  /**
   * Whether the user's page is polling this conversation now: true, false (stopped polling), or
   * undefined when the conversation is unknown here or was never polled.
   */
  isConnected(conversationId: string): boolean | undefined {
    const entry = this.presence.get(conversationId);
    if (!entry) return undefined;
    return Date.now() - entry.lastPollAt <= this.awayAfterMs;
  }

  /** Stops the presence timer (tests, shutdown). */
  close(): void {
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = undefined;
  }

  /** Handles the request when it belongs to the local channel; false leaves it to other routes. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!url.pathname.startsWith(`${DIRECT_LINE_PREFIX}/`)) return false;
    const segments = url.pathname.slice(DIRECT_LINE_PREFIX.length + 1).split('/');
    const method = req.method ?? 'GET';
    try {
      if (segments[0] === '_bot') {
        await this.handleBotSide(method, segments.slice(1), req, res);
      } else {
        await this.handleClientSide(method, segments, url, req, res);
      }
    } catch (err) {
      if (!(err instanceof HttpError)) this.log(`local direct line: ${(err as Error).message}`);
      if (!res.headersSent) sendError(res, err);
    }
    return true;
  }

  private async handleClientSide(method: string, segments: string[], url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [first, conversationId, action, ...rest] = segments;
    if (first === 'attachments' && method === 'GET' && segments.length === 3) {
      this.serveAttachment(segments[1], res);
      return;
    }
    if (first === 'tokens' && conversationId === 'refresh' && segments.length === 2 && method === 'POST') {
      const conversation = this.authorised(req);
      sendJson(res, 200, { conversationId: conversation.id, token: this.store.issueToken(conversation), expires_in: this.tokenSeconds() });
      return;
    }
    if (first !== 'conversations' || rest.length > 0) throw new HttpError(404, 'NotFound', 'No such Direct Line route.');

    if (conversationId === undefined) {
      if (method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', 'Use POST to start a conversation.');
      const conversation = this.authorised(req);
      const body = await readJsonObject(req, 16 * 1024);
      const locale = cleanLocale(body.locale);
      if (locale) conversation.locale = locale;
      this.start(conversation);
      sendJson(res, 201, { conversationId: conversation.id, token: bearerToken(req), expires_in: this.tokenSeconds() });
      return;
    }

    const conversation = this.authorised(req, conversationId);
    if (action === undefined && method === 'GET') {
      // Reconnect: Direct Line returns the conversation again (a streamUrl only with WebSockets).
      sendJson(res, 200, { conversationId: conversation.id, token: bearerToken(req), expires_in: this.tokenSeconds() });
    } else if (action === 'activities' && method === 'GET') {
      this.store.touch(conversation);
      this.notePoll(conversation);
      this.sendToClient(res, 200, this.store.activitiesAfter(conversation, url.searchParams.get('watermark') ?? undefined));
    } else if (action === 'activities' && method === 'POST') {
      const activity = await readJsonObject(req, this.maxActivityBytes);
      const stored = await this.receiveFromUser(conversation, activity);
      this.sendToClient(res, 200, { id: stored.id });
    } else if (action === 'upload' && method === 'POST') {
      const stored = await this.receiveUpload(conversation, req);
      this.sendToClient(res, 200, { id: stored.id });
    } else {
      throw new HttpError(404, 'NotFound', 'No such Direct Line route.');
    }
  }

  /** Every activity a client gets passes here: the bot-side key must never reach a browser. */
  private sendToClient(res: ServerResponse, status: number, body: unknown): void {
    sendJson(res, status, this.forClient(body));
  }

  /**
   * A copy without `serviceUrl` (at any depth: the bot echoes it, and may nest conversation
   * references in channelData) and without any string that contains the bot key.
   */
  forClient<T>(value: T): T {
    const key = this.botKey;
    const text = JSON.stringify(value, (name, item: unknown) => {
      if (name.toLowerCase() === 'serviceurl' || name.includes(key)) return undefined;
      if (typeof item === 'string' && item.includes(key)) return undefined;
      return item;
    });
    return (text === undefined ? undefined : JSON.parse(text)) as T;
  }

  /** The conversation the bearer token grants; 403 like Direct Line for a bad or foreign token. */
  private authorised(req: IncomingMessage, conversationId?: string): LocalConversation {
    if (conversationId !== undefined && !ID_PATTERN.test(conversationId)) {
      throw new HttpError(400, 'BadArgument', 'The conversation id is not valid.');
    }
    const conversation = this.store.conversationForToken(bearerToken(req));
    if (!conversation || (conversationId !== undefined && conversation.id !== conversationId)) {
      throw new HttpError(403, 'TokenExpired', 'The token is missing, expired or not valid for this conversation.');
    }
    return conversation;
  }

  private tokenSeconds(): number {
    return Math.floor(this.store.limits.tokenTtlMs / 1000);
  }

  /** A poll: the user is connected; after an absence the bot hears that the user is back. */
  private notePoll(conversation: LocalConversation): void {
    const entry = this.presence.get(conversation.id);
    if (entry) {
      entry.lastPollAt = Date.now();
      if (entry.away) {
        entry.away = false;
        this.tellPresence(conversation, 'back');
      }
    } else {
      this.presence.set(conversation.id, { lastPollAt: Date.now(), away: false });
    }
    if (!this.presenceTimer) {
      this.presenceTimer = setInterval(() => this.checkPresence(), Math.max(200, Math.floor(this.awayAfterMs / 3)));
      this.presenceTimer.unref();
    }
  }

  /** Conversations whose page stopped polling: the bot hears once that the user is away. */
  private checkPresence(): void {
    const now = Date.now();
    for (const [id, entry] of this.presence) {
      if (entry.away || now - entry.lastPollAt <= this.awayAfterMs) continue;
      const conversation = this.store.get(id);
      if (!conversation) {
        this.presence.delete(id);
        continue;
      }
      entry.away = true;
      this.tellPresence(conversation, 'away');
    }
    if (this.presence.size === 0) this.close();
  }

  private tellPresence(conversation: LocalConversation, state: 'away' | 'back'): void {
    const event: ActivityJson = { type: 'event', id: randomId(), name: PRESENCE_EVENT, value: { state }, ...this.envelope(conversation) };
    void this.forwardToBot(event).catch((err: Error) => this.log(`local direct line: presence not delivered: ${err.message}`));
  }

  /** First start sends the bot a conversationUpdate with the user in membersAdded (the welcome). */
  private start(conversation: LocalConversation): void {
    if (conversation.started) return;
    conversation.started = true;
    const update: ActivityJson = {
      type: 'conversationUpdate',
      id: randomId(),
      membersAdded: [{ id: this.botId, name: this.botName }, { id: conversation.userId }],
      ...this.envelope(conversation),
    };
    void this.forwardToBot(update).catch((err: Error) => this.log(`local direct line: welcome not delivered: ${err.message}`));
  }

  private async receiveFromUser(conversation: LocalConversation, raw: Record<string, unknown>): Promise<ActivityJson> {
    if (typeof raw.type !== 'string' || !/^[A-Za-z]{1,40}$/.test(raw.type)) {
      throw new HttpError(400, 'BadArgument', 'The activity needs a type.');
    }
    const activity: ActivityJson = {};
    for (const field of CLIENT_FIELDS) if (raw[field] !== undefined) activity[field] = raw[field];
    const locale = cleanLocale(raw.locale);
    if (locale) conversation.locale = locale;
    Object.assign(activity, this.envelope(conversation));
    // The echo lets Web Chat confirm the send; the bot gets the same activity with its id.
    const stored = this.store.append(conversation, activity);
    await this.deliver(stored);
    return stored;
  }

  private async receiveUpload(conversation: LocalConversation, req: IncomingMessage): Promise<ActivityJson> {
    const boundary = boundaryOf(req.headers['content-type']);
    let body: Buffer;
    try {
      body = await readBody(req, this.maxUploadBytes + 64 * 1024);
    } catch (err) {
      if (err instanceof HttpError && err.status === 413) {
        throw new HttpError(413, 'TooLarge', `Files may be at most ${Math.floor(this.maxUploadBytes / (1024 * 1024))} MB per message.`);
      }
      throw err;
    }
    const parts = parseMultipart(body, boundary);
    const template = parts.find((part) => part.name === 'activity');
    let activity: Record<string, unknown> = { type: 'message' };
    if (template) {
      try {
        const parsed: unknown = JSON.parse(template.data.toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) activity = parsed as Record<string, unknown>;
      } catch {
        throw new HttpError(400, 'BadArgument', 'The activity part of the upload is not valid JSON.');
      }
    }
    const files = parts.filter((part) => part.name !== 'activity' && part.filename !== undefined);
    if (files.length === 0) throw new HttpError(400, 'BadArgument', 'The upload holds no file.');
    const total = files.reduce((sum, part) => sum + part.data.length, 0);
    if (total > this.maxUploadBytes) {
      throw new HttpError(413, 'TooLarge', `Files may be at most ${Math.floor(this.maxUploadBytes / (1024 * 1024))} MB per message.`);
    }
    const attachments = files.map((part) => {
      const name = safeFileName(part.filename);
      const contentType = cleanContentType(part.contentType);
      // Copy: the part is a view into the whole request body, which we do not want to keep.
      const stored = this.store.addAttachment(conversation, name, contentType, Buffer.from(part.data));
      if (!stored) throw new HttpError(413, 'TooLarge', 'The file is too large for the local chat.');
      return {
        contentType,
        name,
        contentUrl: `${this.options.selfUrl()}${DIRECT_LINE_PREFIX}/attachments/${stored.id}/${encodeURIComponent(name)}`,
      };
    });
    return this.receiveFromUser(conversation, { ...activity, type: 'message', attachments });
  }

  private serveAttachment(id: string, res: ServerResponse): void {
    const attachment = ID_PATTERN.test(id) ? this.store.getAttachment(id) : undefined;
    if (!attachment) throw new HttpError(404, 'NotFound', 'No such file (files of the local chat are kept for a limited time).');
    const inline = CONTENT_TYPES_SHOWN_INLINE.has(attachment.contentType);
    res.writeHead(200, {
      // Uploaded bytes never run as a page on our origin: download, sandboxed, no sniffing.
      'Content-Type': inline ? attachment.contentType : 'application/octet-stream',
      'Content-Length': attachment.bytes.length,
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
    });
    res.end(attachment.bytes);
  }

  private async handleBotSide(method: string, segments: string[], req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [key, v3, conversations, conversationId, action, activityId, extra] = segments;
    if (key !== this.botKey || v3 !== 'v3' || conversations !== 'conversations' || conversationId === undefined) {
      throw new HttpError(404, 'NotFound', 'No such route.');
    }
    const id = safeDecode(conversationId);
    const conversation = ID_PATTERN.test(id) ? this.store.get(id) : undefined;
    if (!conversation) throw new HttpError(404, 'NotFound', 'The conversation does not exist (any more).');

    if (method === 'GET' && (action === 'members' || (action === 'activities' && extra === 'members'))) {
      sendJson(res, 200, [
        { id: conversation.userId, role: 'user' },
        { id: this.botId, name: this.botName, role: 'bot' },
      ]);
      return;
    }
    if (action !== 'activities' || extra !== undefined) throw new HttpError(404, 'NotFound', 'No such route.');
    if (method === 'POST') {
      const activity = await readJsonObject(req, this.maxActivityBytes);
      const stored = this.store.append(conversation, {
        ...activity,
        from: { id: this.botId, name: this.botName, ...asObject(activity.from), role: 'bot' },
        recipient: { id: conversation.userId, role: 'user' },
        conversation: { id: conversation.id },
        channelId: 'directline',
        timestamp: new Date().toISOString(),
        ...(activityId ? { replyToId: safeDecode(activityId) } : {}),
      });
      sendJson(res, 200, { id: stored.id });
    } else if (method === 'PUT' && activityId) {
      // Polling clients never see updates on Direct Line either; acknowledge so the bot carries on.
      await readBody(req, this.maxActivityBytes);
      sendJson(res, 200, { id: safeDecode(activityId) });
    } else if (method === 'DELETE' && activityId) {
      sendJson(res, 200, {});
    } else {
      throw new HttpError(405, 'MethodNotAllowed', 'Not supported by the local channel.');
    }
  }

  private envelope(conversation: LocalConversation): ActivityJson {
    return {
      channelId: 'directline',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: conversation.userId, role: 'user' },
      recipient: { id: this.botId, name: this.botName, role: 'bot' },
      conversation: { id: conversation.id },
      ...(conversation.locale ? { locale: conversation.locale } : {}),
    };
  }

  private async deliver(activity: ActivityJson): Promise<void> {
    const forwarding = this.forwardToBot(activity);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.forwardTimeoutMs);
    });
    try {
      // A slow turn (certificate downloads) is acknowledged anyway: replies arrive by polling.
      await Promise.race([forwarding, timedOut]);
    } catch (err) {
      this.log(`local direct line: bot did not accept the activity: ${(err as Error).message}`);
      throw new HttpError(502, 'BotError', 'Failed to send activity: the bot returned an error.');
    } finally {
      clearTimeout(timer);
    }
    forwarding.catch(() => undefined);
  }

  private async forwardToBot(activity: ActivityJson): Promise<void> {
    const response = await fetch(this.options.botEndpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`bot answered HTTP ${response.status}`);
  }
}

function cleanLocale(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/.test(value) ? value : undefined;
}

function cleanContentType(value: string | undefined): string {
  const type = (value ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(type) ? type : 'application/octet-stream';
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
