/**
 * Development-only, in-memory state of the local Direct Line channel: conversations, their
 * activities (with watermarks), tokens and uploaded files. Everything is capped, because the
 * store lives in the bot's process:
 * - conversations: at most `maxConversations`; the least recently active one is evicted first,
 *   and any conversation idle for `idleMs` is dropped (with its tokens and files);
 * - activities: the newest `maxActivitiesPerConversation` are kept (watermarks stay monotonic,
 *   so a client that polls regularly never misses one);
 * - files: at most `maxAttachmentBytesPerConversation` per conversation and
 *   `maxAttachmentBytesTotal` overall; the oldest files go first.
 * The bot's own state does not live here (it uses Bot Framework storage), so losing this store
 * loses only the transcript shown in an open browser tab.
 */
import { randomBytes } from 'node:crypto';

export interface StoreLimits {
  maxConversations: number;
  maxActivitiesPerConversation: number;
  maxAttachmentBytesPerConversation: number;
  maxAttachmentBytesTotal: number;
  idleMs: number;
  tokenTtlMs: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxConversations: 200,
  maxActivitiesPerConversation: 500,
  maxAttachmentBytesPerConversation: 16 * 1024 * 1024,
  maxAttachmentBytesTotal: 64 * 1024 * 1024,
  idleMs: 60 * 60 * 1000,
  tokenTtlMs: 60 * 60 * 1000,
};

/** A Bot Framework activity as plain JSON (the channel stores what it relays). */
export type ActivityJson = Record<string, unknown> & { id?: string; type?: string };

export interface StoredAttachment {
  id: string;
  conversationId: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  createdAt: number;
}

export interface LocalConversation {
  id: string;
  userId: string;
  locale?: string;
  createdAt: number;
  lastActiveAt: number;
  started: boolean;
  /** Watermark of the last activity appended (activities are numbered from 1). */
  lastSeq: number;
  activities: Array<{ seq: number; activity: ActivityJson }>;
  attachmentIds: string[];
  attachmentBytes: number;
}

interface TokenGrant {
  conversationId: string;
  userId: string;
  expiresAt: number;
}

/** Ids the channel hands out: URL-safe, unguessable. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export class ConversationStore {
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly attachments = new Map<string, StoredAttachment>();
  private attachmentBytesTotal = 0;

  constructor(
    readonly limits: StoreLimits = DEFAULT_STORE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get conversationCount(): number {
    return this.conversations.size;
  }

  get totalAttachmentBytes(): number {
    return this.attachmentBytesTotal;
  }

  /** A new conversation for a new user id, and a token bound to both. */
  createConversation(userId: string): { conversation: LocalConversation; token: string } {
    this.sweep();
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value as string;
      this.deleteConversation(oldest);
    }
    const time = this.now();
    const conversation: LocalConversation = {
      id: randomId(),
      userId,
      createdAt: time,
      lastActiveAt: time,
      started: false,
      lastSeq: 0,
      activities: [],
      attachmentIds: [],
      attachmentBytes: 0,
    };
    this.conversations.set(conversation.id, conversation);
    return { conversation, token: this.issueToken(conversation) };
  }

  issueToken(conversation: LocalConversation): string {
    const token = randomId(32);
    this.tokens.set(token, {
      conversationId: conversation.id,
      userId: conversation.userId,
      expiresAt: this.now() + this.limits.tokenTtlMs,
    });
    return token;
  }

  /** The conversation a token is bound to, or undefined when the token is unknown or expired. */
  conversationForToken(token: string | undefined): LocalConversation | undefined {
    if (!token) return undefined;
    const grant = this.tokens.get(token);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    const conversation = this.get(grant.conversationId);
    if (!conversation) this.tokens.delete(token);
    return conversation;
  }

  get(conversationId: string): LocalConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return undefined;
    if (this.now() - conversation.lastActiveAt > this.limits.idleMs) {
      this.deleteConversation(conversationId);
      return undefined;
    }
    return conversation;
  }

  /** Marks activity: moves the conversation to the "most recently used" end. */
  touch(conversation: LocalConversation): void {
    conversation.lastActiveAt = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Appends an activity, giving it the Direct Line id `<conversationId>|<seq>`. */
  append(conversation: LocalConversation, activity: ActivityJson): ActivityJson {
    conversation.lastSeq += 1;
    const stored: ActivityJson = {
      ...activity,
      id: `${conversation.id}|${String(conversation.lastSeq).padStart(7, '0')}`,
    };
    conversation.activities.push({ seq: conversation.lastSeq, activity: stored });
    const excess = conversation.activities.length - this.limits.maxActivitiesPerConversation;
    if (excess > 0) conversation.activities.splice(0, excess);
    this.touch(conversation);
    return stored;
  }

  /** Activities after `watermark` (all when absent or not a number) and the new watermark. */
  activitiesAfter(conversation: LocalConversation, watermark: string | undefined): { activities: ActivityJson[]; watermark: string } {
    const after = watermark && /^\d{1,12}$/.test(watermark) ? Number(watermark) : 0;
    const activities = conversation.activities.filter((entry) => entry.seq > after).map((entry) => entry.activity);
    return { activities, watermark: String(conversation.lastSeq) };
  }

  /** Keeps an uploaded file; false when it alone exceeds the per-conversation cap. */
  addAttachment(conversation: LocalConversation, name: string, contentType: string, bytes: Buffer): StoredAttachment | undefined {
    if (bytes.length > this.limits.maxAttachmentBytesPerConversation || bytes.length > this.limits.maxAttachmentBytesTotal) {
      return undefined;
    }
    while (conversation.attachmentBytes + bytes.length > this.limits.maxAttachmentBytesPerConversation) {
      this.deleteAttachment(conversation.attachmentIds[0]);
    }
    while (this.attachmentBytesTotal + bytes.length > this.limits.maxAttachmentBytesTotal) {
      const oldest = this.attachments.keys().next().value as string;
      this.deleteAttachment(oldest);
    }
    const attachment: StoredAttachment = {
      id: randomId(24),
      conversationId: conversation.id,
      name,
      contentType,
      bytes,
      createdAt: this.now(),
    };
    this.attachments.set(attachment.id, attachment);
    conversation.attachmentIds.push(attachment.id);
    conversation.attachmentBytes += bytes.length;
    this.attachmentBytesTotal += bytes.length;
    return attachment;
  }

  getAttachment(id: string): StoredAttachment | undefined {
    return this.attachments.get(id);
  }

  /** Drops conversations idle for longer than the limit. */
  sweep(): void {
    const time = this.now();
    for (const [id, conversation] of this.conversations) {
      if (time - conversation.lastActiveAt > this.limits.idleMs) this.deleteConversation(id);
    }
    for (const [token, grant] of this.tokens) {
      if (grant.expiresAt <= time || !this.conversations.has(grant.conversationId)) this.tokens.delete(token);
    }
  }

  private deleteConversation(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    for (const attachmentId of [...conversation.attachmentIds]) this.deleteAttachment(attachmentId);
    this.conversations.delete(id);
    for (const [token, grant] of this.tokens) {
      if (grant.conversationId === id) this.tokens.delete(token);
    }
  }

  private deleteAttachment(id: string | undefined): void {
    if (!id) return;
    const attachment = this.attachments.get(id);
    if (!attachment) return;
    this.attachments.delete(id);
    this.attachmentBytesTotal -= attachment.bytes.length;
    const conversation = this.conversations.get(attachment.conversationId);
    if (conversation) {
      conversation.attachmentIds = conversation.attachmentIds.filter((other) => other !== id);
      conversation.attachmentBytes -= attachment.bytes.length;
    }
  }
}
