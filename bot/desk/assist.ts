/**
 * Agent assist: the agent pastes text or drops files into a private panel of the desk and sees
 * what the bot makes of them (diagnosis, filled commands, certificate reports), without the user
 * seeing anything; with one click the answer goes to the user as the bot's answer card. The same
 * knowledge core and caps as the chat: secrets are redacted before analysis, private keys are
 * recognised and never read, nothing is stored.
 */
import { type Activity, MessageFactory } from 'botbuilder';
import { analyseInputs, diagnose, type Finding, type Language, render, type RenderedReply, renderEvidence } from '../../knowledge';
import { buildAnswerCard, buildCommandsMessage } from '../../dialogs/cards/answerCard';
import type { AdaptiveCard, CardElement } from '../../dialogs/cards/adaptive';
import { redactSecrets } from '../../dialogs/redact';
import { cardActivity } from '../../dialogs/replies';
import { HttpError } from '../directline/httpUtil';
import { findingKey } from './caseEvidence';

export const MAX_ASSIST_TEXT_CHARS = 200_000;
export const MAX_ASSIST_FILES = 10;
export const MAX_ASSIST_FILE_BYTES = 1024 * 1024;

export interface AssistInput {
  text: string;
  files: Array<{ name: string; bytes: Uint8Array }>;
}

/** Reads `{text?, files?: [{name, contentBase64}]}` from a request body, with clear 400s. */
export function assistInputFrom(body: Record<string, unknown>): AssistInput {
  const text = body.text === undefined ? '' : body.text;
  if (typeof text !== 'string') throw new HttpError(400, 'BadArgument', '"text" must be a string.');
  if (text.length > MAX_ASSIST_TEXT_CHARS)
    throw new HttpError(400, 'BadArgument', `"text" is longer than ${MAX_ASSIST_TEXT_CHARS} characters.`);
  const rawFiles = body.files === undefined ? [] : body.files;
  if (!Array.isArray(rawFiles)) throw new HttpError(400, 'BadArgument', '"files" must be a list of {name, contentBase64}.');
  if (rawFiles.length > MAX_ASSIST_FILES) throw new HttpError(400, 'BadArgument', `At most ${MAX_ASSIST_FILES} files at once.`);
  const files = rawFiles.map((file: unknown, index) => {
    const entry = (file ?? {}) as { name?: unknown; contentBase64?: unknown };
    if (typeof entry.contentBase64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(entry.contentBase64)) {
      throw new HttpError(400, 'BadArgument', `File ${index + 1} needs "contentBase64".`);
    }
    const bytes = new Uint8Array(Buffer.from(entry.contentBase64, 'base64'));
    const name =
      (typeof entry.name === 'string' ? entry.name : `file-${index + 1}`).replace(/[^\w.\- ]/g, '_').slice(0, 120) || `file-${index + 1}`;
    if (bytes.length > MAX_ASSIST_FILE_BYTES) throw new HttpError(413, 'TooLarge', `"${name}" is larger than 1 MB.`);
    return { name, bytes };
  });
  if (!text.trim() && files.length === 0) throw new HttpError(400, 'BadArgument', 'Paste some text or add a file.');
  return { text, files };
}

export interface AssistResult {
  language: Language;
  rendered: RenderedReply;
  json: Record<string, unknown>;
}

/**
 * Diagnoses what the agent adds together with what the case already holds (`known`, from
 * caseEvidence.ts): one diagnosis, and the evidence shown apart, "from the case" and "added by you".
 */
export async function runAssist(input: AssistInput, language: Language, known: Finding[] = []): Promise<AssistResult> {
  const { text, redacted } = redactSecrets(input.text);
  const analysis = await analyseInputs(text.trim() ? [text] : [], input.files, { language, known });
  const knownKeys = new Set(known.map(findingKey));
  // What the agent gave that the case already had (the same NDR pasted again) is the case's, once.
  const added = analysis.findings.slice(known.length).filter((finding) => !knownKeys.has(findingKey(finding)));
  const diagnosis = added.length === analysis.findings.length - known.length ? analysis.diagnosis : diagnose([...known, ...added]);
  const notices = redacted ? ['A private key, password or token was removed before the analysis.'] : [];
  const rendered = render(diagnosis, language, { notices });
  const certificates = analysis.certificates;
  const fromCase = renderEvidence(known, language).slice(0, 40);
  const fromCaseLabels = new Set(fromCase.map((entry) => entry.label));
  const json: Record<string, unknown> = {
    language,
    verdict: diagnosis.verdict,
    article: diagnosis.article,
    confidence: diagnosis.confidence,
    candidates: diagnosis.candidates,
    findings: renderEvidence([...known, ...added], language).slice(0, 40),
    evidence: {
      fromCase,
      added: renderEvidence(added, language)
        .filter((entry) => !fromCaseLabels.has(entry.label))
        .slice(0, 40),
    },
    reply: rendered,
    ...(certificates
      ? {
          certificates: certificates.certificates.map((report) => {
            const chain = certificates.chains.find((candidate) => candidate.path[0] === report.thumbprint);
            return {
              fileName: report.fileName,
              subject: report.subject,
              issuer: report.issuer,
              thumbprint: report.thumbprint,
              notAfter: report.notAfter,
              chainStatus: chain?.status,
              missingIssuer: chain?.missingIssuer,
              problems: report.problems,
            };
          }),
          fileIssues: certificates.fileIssues.map((issue) => ({
            fileName: issue.fileName,
            kind: issue.kind,
            message: issue.message[language],
          })),
        }
      : {}),
    canSend: rendered.kind === 'match',
  };
  return { language, rendered, json };
}

/** The answer card for the user as the agent sends it: no bot buttons (the agent is in charge now). */
export function agentAnswerActivities(rendered: RenderedReply, language: Language): { activities: Array<Partial<Activity>>; text: string } {
  if (rendered.kind !== 'match')
    throw new HttpError(
      422,
      'NoAnswer',
      'The bot has no answer for this input (it would ask a question or found no match), so there is no answer card to send.',
    );
  const card: AdaptiveCard = buildAnswerCard(rendered, language);
  card.actions = (card.actions ?? []).filter((action: CardElement) => action.type === 'Action.OpenUrl');
  const headline = `${rendered.kb}: ${rendered.title}`;
  const activities: Array<Partial<Activity>> = [cardActivity(card, headline)];
  const commands = buildCommandsMessage(rendered, language);
  if (commands) activities.push(MessageFactory.text(commands));
  for (const activity of activities) activity.locale = language === 'de' ? 'de-DE' : 'en-US';
  return { activities, text: [`[answer card] ${headline}`, commands ?? ''].filter(Boolean).join('\n\n') };
}
