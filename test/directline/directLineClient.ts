/** A minimal Direct Line 3.0 client for tests, speaking the same requests Web Chat sends. */
export interface ActivityJson {
  id?: string;
  type?: string;
  text?: string;
  from?: { id: string; role?: string };
  attachments?: Array<{ name?: string; contentType?: string; contentUrl?: string }>;
  [key: string]: unknown;
}

export class DirectLineTestClient {
  token = '';
  conversationId = '';
  userId = '';
  private watermark = '';
  readonly seen: ActivityJson[] = [];

  constructor(private readonly baseUrl: string) {}

  get domain(): string {
    return `${this.baseUrl}/v3/directline`;
  }

  async connect(locale = 'en-US'): Promise<void> {
    const tokenResponse = await fetch(`${this.baseUrl}/api/directline/token`, { method: 'POST' });
    if (!tokenResponse.ok) throw new Error(`token: HTTP ${tokenResponse.status}`);
    const grant = (await tokenResponse.json()) as { token: string; conversationId: string; userId: string };
    this.token = grant.token;
    this.userId = grant.userId;
    const started = await fetch(`${this.domain}/conversations`, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ locale }),
    });
    if (started.status !== 201) throw new Error(`start: HTTP ${started.status}`);
    this.conversationId = ((await started.json()) as { conversationId: string }).conversationId;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, ...extra };
  }

  async send(text: string, locale = 'en-US'): Promise<Response> {
    return fetch(`${this.domain}/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ type: 'message', text, locale, from: { id: this.userId } }),
    });
  }

  async upload(files: Array<{ name: string; type: string; bytes: Uint8Array }>, text = ''): Promise<Response> {
    const form = new FormData();
    form.append(
      'activity',
      new Blob(
        [
          JSON.stringify({
            type: 'message',
            text,
            from: { id: this.userId },
            attachments: files.map((f) => ({ name: f.name, contentType: f.type })),
          }),
        ],
        { type: 'application/vnd.microsoft.activity' },
      ),
    );
    for (const file of files) form.append('file', new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
    return fetch(`${this.domain}/conversations/${this.conversationId}/upload?userId=${encodeURIComponent(this.userId)}`, {
      method: 'POST',
      headers: this.headers(),
      body: form,
    });
  }

  async poll(): Promise<ActivityJson[]> {
    const response = await fetch(`${this.domain}/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, {
      headers: this.headers(),
    });
    if (!response.ok) throw new Error(`poll: HTTP ${response.status}`);
    const group = (await response.json()) as { activities: ActivityJson[]; watermark: string };
    this.watermark = group.watermark;
    this.seen.push(...group.activities);
    return group.activities;
  }

  /** Polls (like Web Chat) until a bot message matches, or fails after `timeoutMs`. */
  async waitForBot(predicate: (text: string) => boolean, timeoutMs = 10_000): Promise<ActivityJson> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find((a) => a.from?.role === 'bot' && a.type === 'message' && predicate(a.text ?? ''));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no bot reply matched; bot said: ${JSON.stringify(this.seen.filter((a) => a.from?.role === 'bot').map((a) => a.text))}`,
        );
      await this.poll();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
